// The attributes of an ALB/NLB or a target group: one labelled field per key the service lists
// (a checkbox for true/false), saved with the keys that changed only, so a key the account cannot
// set is never sent unchanged.
import { $, h, run } from './ui.js';
import { refresh } from './balancers.js';

const isFlag = (value) => value === 'true' || value === 'false';

/** Shows `attributes` ([{ Key, Value }]) of `what`; "Save attributes" calls `save(changed)`. */
export function editAttributes(what, attributes, save) {
  const section = $('#attributes');
  const form = $('#attributes-v2');
  section.hidden = false;
  $('#attributes-of').textContent = what;
  const sorted = [...attributes].sort((a, b) => a.Key.localeCompare(b.Key));
  const fields = sorted.map(({ Key, Value = '' }) =>
    isFlag(Value)
      ? h('label', {}, h('input', { type: 'checkbox', name: Key, ...(Value === 'true' ? { checked: '' } : {}) }), ` ${Key}`)
      : h('label', {}, Key, h('input', { name: Key, value: Value })),
  );
  form.querySelector('.fields').replaceChildren(...fields);
  form.onsubmit = (ev) => {
    ev.preventDefault();
    const changed = [];
    for (const { Key, Value = '' } of sorted) {
      const input = form.elements.namedItem(Key);
      const now = input.type === 'checkbox' ? String(input.checked) : input.value;
      if (now !== Value) changed.push({ Key, Value: now });
    }
    run(`Saving the attributes of ${what}`, async () => {
      if (changed.length) await save(changed);
      await refresh();
      section.hidden = true;
    }, form);
  };
}
