/**
 * Staff tasks: the workflow's human steps. A task is opened by a callback state (its token is kept on
 * the task item, never shown), listed in the staff API, and decided exactly once. What staff may decide
 * depends on the task's type; `readDecision` checks a posted decision against it.
 */
import { ValidationError } from '../errors';
import * as z from '../zod';
import { parseUploadKey } from './object-keys';
import type { IdentityCheckReason } from './plan';

export const STAFF_TASK_TYPES = [
  'identity-check',
  'manual-collection',
  'review',
  /** Carry out the answer in a system only staff can reach: erase, correct or restrict there. */
  'manual-action',
  'attention',
] as const;
export type StaffTaskType = (typeof STAFF_TASK_TYPES)[number];

export interface StaffTask {
  readonly taskId: string;
  readonly requestId: string;
  readonly controllerId: string;
  readonly type: StaffTaskType;
  readonly status: 'open' | 'decided';
  readonly createdAt: string;
  /** For manual collection: the system to export from. */
  readonly systemId?: string;
  /** For identity checks: why staff must decide. */
  readonly reasons?: readonly IdentityCheckReason[];
  /** For attention: the stage that failed. */
  readonly stage?: string;
  readonly decision?: StaffDecision;
  readonly decidedAt?: string;
  readonly decidedBy?: string;
  /** Requests for more information sent while the task stayed open. */
  readonly infoRequests?: number;
}

const Comment = z
  .string()
  .check(z.trim())
  .check(z.maxLength(2000, 'Keep the comment to at most 2,000 characters'));
/** Text staff must give: `missing` when it is absent or blank, `tooLong` over 2,000 characters. */
const requiredText = (missing: string, tooLong = 'Keep the comment to at most 2,000 characters') =>
  z
    .string({ error: missing })
    .check(z.trim())
    .check(z.minLength(1, missing))
    .check(z.maxLength(2000, tooLong));
const Reason = requiredText(
  'Give a reason: the requester is told why',
  'Keep the reason to at most 2,000 characters',
);

const Approve = z.strictObject({ decision: z.literal('approve'), comment: z.optional(Comment) });
/** A guardian's request: what staff recorded about the child's own say (minors.ts checks it against the rules). */
const ApproveIdentity = z.strictObject({
  decision: z.literal('approve'),
  comment: z.optional(Comment),
  youngPersonConsent: z.optional(
    z.literal(true, { error: 'Send true when the young person consents; leave it out when not' }),
  ),
  childView: z.optional(
    z.enum(['no-objection', 'objects'], { error: 'The child\'s view is "no-objection" or "objects"' }),
  ),
});
const Reject = z.strictObject({ decision: z.literal('reject'), comment: Reason });
const AskForInformation = z.strictObject({
  decision: z.literal('ask-info'),
  /** Sent to the requester; the task stays open until staff approve or reject. */
  comment: Reason,
});
const CollectedUpload = z.strictObject({
  decision: z.literal('approve'),
  // The exact layout of an upload key, parsed (no dot segments, encoded slashes or trailing junk); whether
  // it was issued for this request and system is checked against the table (domain/staff/uploads.ts).
  uploadKey: z
    .string()
    .check(z.maxLength(400, 'Upload the export first, then approve with its key'))
    .check(
      z.refine(
        (key) => parseUploadKey(key) !== undefined,
        'Upload the export first, then approve with its key',
      ),
    ),
  comment: z.optional(Comment),
});
const NoDataFound = z.strictObject({
  decision: z.literal('approve'),
  noDataFound: z.literal(true),
  comment: requiredText('Say where you looked'),
});

const ManualActionDone = z.strictObject({
  decision: z.literal('approve'),
  comment: requiredText('Say what you did in the system'),
  /** Where erasure is a health-personnel decision (erasure-decision.ts): what they decided. */
  erasureOutcome: z.optional(z.enum(['erased', 'kept'], { error: 'The decision is "erased" or "kept"' })),
});

const decisionSchemas = {
  'identity-check': z.union([ApproveIdentity, Reject, AskForInformation]),
  'manual-collection': z.union([CollectedUpload, NoDataFound]),
  review: z.union([Approve, Reject]),
  'manual-action': z.union([ManualActionDone]),
  attention: z.union([Approve, Reject]),
} satisfies Record<StaffTaskType, z.ZodMiniType>;

export type StaffDecision =
  | z.output<typeof Approve>
  | z.output<typeof ApproveIdentity>
  | z.output<typeof Reject>
  | z.output<typeof AskForInformation>
  | z.output<typeof ManualActionDone>
  | z.output<typeof CollectedUpload>
  | z.output<typeof NoDataFound>;

/** Any decision as stored on a task: for reading a task item back (adapters/store/item-schemas.ts). */
export const StaffDecisionSchema: z.ZodMiniType<StaffDecision> = z.union([
  ApproveIdentity,
  Approve,
  Reject,
  AskForInformation,
  ManualActionDone,
  CollectedUpload,
  NoDataFound,
]);

const allowed: Record<StaffTaskType, string> = {
  'identity-check':
    '{"decision":"approve"} (for a guardian\'s request with "youngPersonConsent":true or "childView" where an age rule asks), {"decision":"reject","comment"} or {"decision":"ask-info","comment"}',
  'manual-collection':
    '{"decision":"approve","uploadKey"} or {"decision":"approve","noDataFound":true,"comment"}',
  review: '{"decision":"approve"} or {"decision":"reject","comment"}',
  'manual-action':
    '{"decision":"approve","comment"} once it is done in the system (with "erasureOutcome":"erased"|"kept" where erasure is a health-personnel decision)',
  attention: '{"decision":"approve"} to try the step again, or {"decision":"reject","comment"} to close',
};

export function readDecision(type: StaffTaskType, input: unknown): StaffDecision {
  const result = decisionSchemas[type].safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || 'decision';
    fields[path] ??= issue.message;
  }
  throw new ValidationError(`A ${type} task takes ${allowed[type]}`, fields);
}

/** What the workflow learns from a decision: ids and the verdict only, never the comment. */
export function workflowOutput(decision: StaffDecision): { readonly decision: 'approve' | 'reject' } {
  return { decision: decision.decision === 'reject' ? 'reject' : 'approve' };
}
