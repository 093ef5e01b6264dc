/**
 * Who among the staff may see which controller's data. Sign-in gives a person Cognito groups; this module
 * is the one place that turns groups into controllers, for the handlers and for the groups the stack
 * creates, so the two cannot drift apart.
 */
import { NotFoundError } from '../errors';

/** The privacy officer (personvernansvarlig; a personvernombud only if STERK designates a DPO) sees the requests of every controller. */
export const PRIVACY_OFFICER_GROUP = 'privacy-officer';

const STAFF_GROUP_PREFIX = 'staff-';

/** Every controller's data, or the data of the controllers listed. */
export type ControllerScope = 'all' | readonly string[];

/** Who is acting, as the domain needs to know them: a name for the audit trail and what they may see. */
export interface StaffMember {
  readonly username: string;
  /** `'all'` for the privacy officer; otherwise the controllers whose data this person may see. */
  readonly controllers: ControllerScope;
}

/** The group whose members handle the requests of one controller, e.g. `staff-sterk-hasle`. */
export function staffGroupFor(controllerId: string): string {
  return `${STAFF_GROUP_PREFIX}${controllerId}`;
}

/**
 * The controllers members of `groups` may see: all of them for the privacy officer, otherwise one per
 * `staff-<controllerId>` group. Groups that grant nothing (other pools' groups, typos) are ignored.
 */
export function visibleControllers(groups: readonly string[]): ControllerScope {
  if (groups.includes(PRIVACY_OFFICER_GROUP)) return 'all';
  const controllers = groups
    .filter((group) => group.startsWith(STAFF_GROUP_PREFIX) && group.length > STAFF_GROUP_PREFIX.length)
    .map((group) => group.slice(STAFF_GROUP_PREFIX.length));
  return [...new Set(controllers)];
}

export function canSee(scope: ControllerScope, controllerId: string): boolean {
  return scope === 'all' || scope.includes(controllerId);
}

/** The companies of `all`, in their order, that the scope may see. */
export function visibleAmong(scope: ControllerScope, all: readonly string[]): string[] {
  return all.filter((id) => canSee(scope, id));
}

/** The privacy officer, who sees every company's data and alone acts for the whole organisation. */
export function isPrivacyOfficer(staff: StaffMember): boolean {
  return staff.controllers === 'all';
}

/** Whether the scope grants anything at all: a signed-in user in no staff group is not staff. */
export function seesAnything(scope: ControllerScope): boolean {
  return scope === 'all' || scope.length > 0;
}

/** The one answer for a request id that does not exist or is another company's. */
export const NO_SUCH_REQUEST = 'No such request';
/** The one answer for a task id that does not exist or is another company's. */
export const NO_SUCH_TASK = 'No such task';

/**
 * The request or task if it exists and `staff` may see its company; otherwise the same 404 as for an id
 * that does not exist. A 403 for another company's id would tell staff which ids exist (pen test, issue
 * 17), so "not yours" and "not there" are one answer, with one message. Call it before anything else
 * about the item is read or checked (the body included), so no later answer tells the two apart either.
 */
export function visibleTo<T extends { readonly controllerId: string }>(
  staff: StaffMember,
  item: T | undefined,
  what: 'request' | 'task',
): T {
  if (item === undefined || !canSee(staff.controllers, item.controllerId))
    throw new NotFoundError(what === 'request' ? NO_SUCH_REQUEST : NO_SUCH_TASK);
  return item;
}
