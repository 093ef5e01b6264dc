/**
 * The requester's ID-porten sign-in in words, and why staff open the national identity number (the body of
 * `POST /staff/requests/{id}/national-id`). Pure: no DOM, so the tests run it as it is; the page is
 * views/national-id.ts.
 */
import type { OpenTask } from '../../lambdas/domain/staff/staff-api';
import { nameOf, type Texts } from './i18n';

/**
 * `eidSignIn` of `GET /staff/requests/{id}`, present when the requester signed in with ID-porten. Said here
 * because the shared `RequestFile` (lambdas/domain/staff/staff-api.ts) does not name it yet.
 */
export interface EidSignInView {
  readonly method: 'eid';
  readonly level: 'high' | 'substantial';
  readonly amr: readonly string[];
  readonly birthDate: 'matches' | 'differs' | 'not-given' | 'unknown';
  readonly verifiedAt: string;
}

/** `POST /staff/requests/{id}/national-id`'s body: why staff open the number, and for which task. */
export interface RevealReason {
  readonly reason: 'identity-check' | 'manual-collection';
  readonly taskId?: string;
}

/** "Bekreftet med ID-porten, høyt nivå (BankID)": the means of sign-in (`amr`) as ID-porten gave them. */
export function eidSignInText(signIn: EidSignInView, text: Texts): string {
  const how = signIn.amr.length === 0 ? '' : ` (${signIn.amr.join(', ')})`;
  return `${text.eidVerified.replace('{level}', nameOf(text.eidLevels, signIn.level))}${how}`;
}

/**
 * Why staff open the number, for the audit trail: to check identity while an identity check is open on
 * the request, otherwise to find the person in a system by hand. The task goes with it when it is clear
 * which one: the identity check, the manual collection the API marks as keyed on the number, or the only
 * open manual collection. With several and none marked, naming one would put a guess in the trail.
 */
export function revealReason(openTasks: readonly OpenTask[]): RevealReason {
  const check = openTasks.find((task) => task.type === 'identity-check');
  if (check !== undefined) return { reason: 'identity-check', taskId: check.taskId };
  const collections = openTasks.filter((task) => task.type === 'manual-collection');
  // Read defensively: the shared OpenTask type does not name the flag yet.
  const keyed = collections.find(
    (task) => (task as { nationalIdAvailable?: unknown }).nationalIdAvailable === true,
  );
  const task = keyed ?? (collections.length === 1 ? collections[0] : undefined);
  return task === undefined
    ? { reason: 'manual-collection' }
    : { reason: 'manual-collection', taskId: task.taskId };
}
