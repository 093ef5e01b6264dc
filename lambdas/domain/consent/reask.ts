/**
 * When the banner asks again, as the one piece of JavaScript the browser runs (it is part of the banner's
 * script, script.ts) and the tests run in Node (test/domain/consent/reask.test.ts evaluates this same
 * text), so the rule cannot differ between what is tested and what is served.
 *
 * `needsAsking(stored, policyVersion, purposeIds, now)` is true when:
 * - nothing usable is stored (no choice yet, or storage written by something else);
 * - the policy's MAJOR version is newer than the one the choice was made under (a major change may change
 *   what the visitor agreed to; minor and patch versions do not ask again);
 * - 12 months have passed since the choice (by the same browser's clock, calendar months);
 * - the policy now has a purpose the stored choice says nothing about (a new kind of tracker).
 *
 * Plain ES5, no dependencies: it runs in any browser of the last ten years.
 */
export const REASK_RULE_JS = `function needsAsking(stored, policyVersion, purposeIds, now) {
  if (!stored || typeof stored !== 'object' || !stored.choices || typeof stored.choices !== 'object') return true;
  if (typeof stored.policyVersion !== 'string' || typeof stored.decidedAt !== 'string') return true;
  var major = function (version) { return parseInt(String(version).split('.')[0], 10); };
  if (!(major(stored.policyVersion) >= major(policyVersion))) return true;
  var at = new Date(stored.decidedAt);
  if (isNaN(at.getTime())) return true;
  var until = new Date(at.getTime());
  until.setUTCMonth(until.getUTCMonth() + 12);
  if (now >= until.getTime()) return true;
  for (var i = 0; i < purposeIds.length; i++) {
    if (typeof stored.choices[purposeIds[i]] !== 'boolean') return true;
  }
  return false;
}`;

/** How long a choice holds before the banner asks again (the rule above counts it in calendar months). */
export const CHOICE_VALID_MONTHS = 12;
