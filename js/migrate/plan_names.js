// The names a plan gives what it creates: ELBv2's rules, and unique by construction (stage 1 of
// makePlan's, see migrate_plan.js).

/** A name ELBv2 accepts: letters, digits, hyphens, ≤ 32, no leading/trailing or double hyphen. */
export function cleanName(name, max = 32) {
  let n = String(name).replace(/[^A-Za-z0-9-]/g, '-').replace(/-{2,}/g, '-').replace(/^-+/, '');
  n = n.slice(0, max).replace(/-+$/, '');
  return n || 'lb';
}

/** A stable 4-character hash of `text` (FNV-1a, base 36): short suffixes that tell names apart. */
function hash4(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36).padStart(4, '0').slice(-4);
}

/**
 * Names unique by construction: `base` + `suffix` within 32 characters; when `base` must be cut to
 * fit, a short stable hash of `salt` (what the name stands for) keeps cut names of different
 * balancers apart (blue/green pairs); a name already `used` (in the plan or by another resource)
 * gets another hash. Resolves to undefined only after 10 clashes.
 */
export function uniqueName(base, suffix, salt, used) {
  for (let n = 0; n < 10; n++) {
    const whole = cleanName(`${base}${suffix}`, 64);
    let name = whole;
    if (whole.length > 32 || n > 0) {
      const tail = `-${hash4(n ? `${salt}#${n}` : salt)}${suffix}`;
      name = cleanName(`${cleanName(base, 32 - tail.length)}${tail}`);
    }
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  return undefined;
}
