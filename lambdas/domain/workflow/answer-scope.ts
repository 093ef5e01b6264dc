/**
 * Which request types the answer acts on in the systems, and how (answer.ts `fulfilPlan`). Apart from
 * answer.ts so the plan step can read it without importing the answer.
 */
import type { RequestType } from '../policy/schema';

export const ERASING: readonly RequestType[] = ['erasure'];
/**
 * Types that leave a "no marketing" record. The general objection (Art. 21(1)) is one: it covers the
 * direct marketing that rests on legitimate interest too, and there the objection is absolute (Art. 21(3)).
 */
export const SUPPRESSING: readonly RequestType[] = ['objection', 'objection-general', 'withdraw-consent'];
export const STAFF_EVERYWHERE: readonly RequestType[] = ['rectification', 'restriction'];

/**
 * Whether the answer to this type can do anything in a system. For any other type (access, portability)
 * `fulfilPlan` is always `none`: the export is the answer, built by the respond step, so the workflow
 * spends no step on the systems.
 */
export function answersInSystems(type: RequestType): boolean {
  return (
    type === 'objection-general' ||
    SUPPRESSING.includes(type) ||
    STAFF_EVERYWHERE.includes(type) ||
    ERASING.includes(type)
  );
}
