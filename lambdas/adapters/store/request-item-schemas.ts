/**
 * The request rows the store reads back (a request or its duplicate, the deadline sweep's projection of an
 * open request) and contact messages, parsed at the boundary (item-parser.ts). Apart from item-schemas.ts,
 * so a function that reads only these does not bundle the workflow's schemas. Objects are loose: attributes
 * a newer writer added (a download code, the export's expiry) pass through unchecked, but what the domain
 * relies on is checked.
 */
import { LANGUAGES } from '../../domain/policy/language';
import type { OpenRequestRow } from '../../domain/reminders/digest';
import type { EidIdentity, RequestRecord, RequestStatus, StoredRequest } from '../../domain/requests/record';
import { REQUEST_TYPES } from '../../domain/requests/request-types';
import type { StaffMessage } from '../../domain/staff/messages';
import type { RequestPlan, SystemStep } from '../../domain/workflow/plan';
import { WORKFLOW_STAGES } from '../../domain/workflow/ports';
import * as z from '../../domain/zod';
import { allOf, parser } from './item-parser';

const Text = z.string();
const Count = z.number().check(z.int()).check(z.nonnegative());

const RequestTypeItem = z.enum(REQUEST_TYPES);

export const IdentityCheckReasonItem = z.union([
  z.looseObject({ kind: z.literal('special-category'), categories: z.array(Text), systems: z.array(Text) }),
  z.looseObject({ kind: z.literal('age-rule'), ruleId: Text }),
]);

/** What every request row has, a duplicate's included (requests/record.ts: RequestBase). */
const requestBase = {
  id: Text,
  type: RequestTypeItem,
  controllerId: Text,
  lang: z.enum(LANGUAGES),
  receivedAt: Text,
  receivedDate: Text,
  dueDate: Text,
  dueAt: Text,
  status: z.enum(
    allOf<RequestStatus>()([
      'awaiting-verification',
      'verified',
      'closed-unverified',
      'completed',
      'rejected',
    ]),
  ),
  statusTokenHashes: z.array(Text),
  verifiedAt: z.optional(Text),
  /** A deadline extension (staff/extend-deadline.ts) is stored on the request item. */
  originalDueDate: z.optional(Text),
  extendedAt: z.optional(Text),
  extendedBy: z.optional(Text),
  extensionReason: z.optional(Text),
  extensionNoticeSentAt: z.optional(Text),
};

const RequestPlanItem: z.ZodMiniType<RequestPlan> = z.looseObject({
  identityCheck: z.boolean(),
  reasons: z.array(IdentityCheckReasonItem),
  systems: z.array(
    z.looseObject({
      systemId: Text,
      handling: z.enum(allOf<SystemStep['handling']>()(['automated', 'manual', 'not-linkable'])),
    }),
  ),
});

const RequestItem = z.looseObject({
  ...requestBase,
  kind: z.literal('request'),
  policyVersion: Text,
  requester: z.looseObject({
    name: Text,
    email: Text,
    phone: z.optional(Text),
    birthDate: z.optional(Text),
  }),
  onBehalfOf: z.optional(z.looseObject({ name: Text, birthDate: Text, relationship: z.literal('guardian') })),
  details: z.optional(Text),
  verification: z.optional(
    z.looseObject({
      codeHash: z.optional(Text),
      issuedAt: Text,
      expiresAt: Text,
      attemptsLeft: z.number().check(z.int()),
      resends: Count,
    }),
  ),
  taskToken: z.optional(Text),
  receiptSentAt: z.optional(Text),
  resumedAt: z.optional(Text),
  closedAt: z.optional(Text),
  plan: z.optional(RequestPlanItem),
  stage: z.optional(z.enum(WORKFLOW_STAGES)),
  needsAttention: z.optional(Text),
  completedAt: z.optional(Text),
  closedNoticeSentAt: z.optional(Text),
  verificationChoice: z.optional(z.literal('eid')),
  mailboxConfirmedAt: z.optional(Text),
  eidSignIn: z.optional(
    z.looseObject({
      method: z.literal('eid'),
      // Spelled out, not imported: the policy schema stays out of every function that reads a request.
      level: z.enum(allOf<EidIdentity['level']>()(['substantial', 'high'])),
      birthDate: z.enum(allOf<EidIdentity['birthDate']>()(['matches', 'differs', 'not-given', 'unknown'])),
      amr: z.array(Text),
      verifiedAt: Text,
      personPseudonym: Text,
    }),
  ),
}) satisfies z.ZodMiniType<RequestRecord>;

const DuplicateItem = z.looseObject({
  ...requestBase,
  kind: z.literal('duplicate'),
  duplicateOf: Text,
  verifyBy: Text,
  budget: z.optional(
    z.looseObject({ attemptsLeft: z.number().check(z.int()), resends: Count, lastCodeAt: Text }),
  ),
});

const StoredRequestItem: z.ZodMiniType<StoredRequest> = z.discriminatedUnion('kind', [
  RequestItem,
  DuplicateItem,
]);

/** The attributes the deadline sweep projects from the open-requests index (adapters/store/dynamo-deadlines.ts). */
const OpenRequestRowItem: z.ZodMiniType<OpenRequestRow> = z.looseObject({
  id: Text,
  type: RequestTypeItem,
  receivedAt: Text,
  dueDate: Text,
  stage: z.optional(Text),
  needsAttention: z.optional(Text),
  extendedAt: z.optional(Text),
});

/** A contact message as stored: intake writes it `new`, staff mark it `handled` (staff/messages.ts). */
const ContactMessageItem: z.ZodMiniType<StaffMessage> = z.looseObject({
  id: Text,
  controllerId: Text,
  lang: z.enum(LANGUAGES),
  receivedAt: Text,
  sender: z.looseObject({ name: Text, email: Text, phone: z.optional(Text) }),
  message: Text,
  status: z.enum(['new', 'handled']),
  handledAt: z.optional(Text),
  handledBy: z.optional(Text),
  handledNote: z.optional(Text),
});

export const parseStoredRequest = parser('request', StoredRequestItem);
/** A request row that must be a request, not a duplicate (the staff lists and the request file). */
export const parseRequestRecord = parser('request', RequestItem);
export const parseOpenRequestRow = parser('open request', OpenRequestRowItem);
export const parseContactMessage = parser('contact message', ContactMessageItem);
