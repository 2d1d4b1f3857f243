// Moving the traffic of an applied migration: the record's weights stepped from the Classic balancer
// to the new one (Route 53 weighted records), each step baked and gated on the new balancer's health
// and 5xx rate, shown as a bar with the current step and the bake's time left; Pause; Revert.
import { cutover, revertCutover } from 'elb-wasm/migrate';
import { $, list, run, session, values } from './ui.js';

let stopping = null;

/** The weights as a bar (a meter of the new balancer's share) and as words. */
function showWeights(w, step) {
  const bar = $('#cutover-bar');
  bar.setAttribute('aria-valuenow', String(w.new));
  bar.setAttribute('aria-valuetext', `Classic ${w.classic}%, new ${w.new}%`);
  bar.querySelector('.new').style.width = `${w.new}%`;
  $('#cutover-weights').textContent = `Classic ${w.classic}% · new ${w.new}%`;
  if (step) $('#cutover-step').textContent = step;
}

const clients = () => ({ elb: session.client, v2: session.v2, route53: session.route53, cloudwatch: session.cloudwatch });

export function setUpCutover() {
  $('#cutover-open').addEventListener('click', () => {
    const form = $('#cutover-form');
    $('#cutover').hidden = false;
    form.record.focus();
  });

  $('#cutover-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget;
    const v = values(form);
    stopping = new AbortController();
    $('#cutover-pause').disabled = false;
    run(`Cutting ${v.record} over`, async () => {
      try {
        const result = await cutover(session.plan, clients(), {
          record: v.record,
          steps: list(v.steps).map(Number),
          bakeSeconds: Number(v.bake),
          maxErrorRate: Number(v.maxErrorRate) / 100,
          finalize: form.finalize.checked,
          signal: stopping.signal,
          onProgress: (p) => {
            const words = { weights: 'changing the weights', bake: `baking: ${p.secondsLeft} s left`, passed: 'the step passed its gates', reverted: `reverted: ${p.reason}`, final: 'final: a plain record to the new balancer' };
            showWeights(p.weights, `${p.weights.new}% step: ${words[p.phase] ?? p.phase}`);
          },
        });
        showWeights(result.weights, result.state === 'done' ? `done${result.deleteClassic ? ` — when sure: ${result.deleteClassic}` : ''}` : `${result.state}${result.reason ? `: ${result.reason}` : ''}`);
      } finally {
        $('#cutover-pause').disabled = true;
      }
    }, form);
  });

  $('#cutover-pause').addEventListener('click', () => stopping?.abort());

  $('#cutover-revert').addEventListener('click', (ev) => {
    const record = $('#cutover-form').record.value;
    if (!record || !confirm(`Put all of ${record}'s traffic back on the Classic balancer?`)) return;
    stopping?.abort();
    run(`Reverting ${record}`, async () => {
      await revertCutover(session.plan, { route53: session.route53 }, { record });
      showWeights({ classic: 100, new: 0 }, 'reverted: all traffic on the Classic balancer');
    }, ev.currentTarget);
  });
}
