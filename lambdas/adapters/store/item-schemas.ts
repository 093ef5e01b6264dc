/**
 * The shapes of the workflow's items the store reads back (findings, fulfilments, holds, tasks, audit
 * events), parsed at the boundary instead of cast: an item written by an older or newer version of the
 * code, or changed by hand, fails here with the item kind and the field named, instead of somewhere
 * downstream as an `undefined`. Objects are loose: attributes a newer writer added pass through unchecked
 * (the audit chain must see every attribute to verify it), but what the domain relies on is checked.
 * Request rows and contact messages: request-item-schemas.ts.
 *
 * Errors name paths and expectations only, never values: items hold personal data (item-parser.ts).
 */
import type { AuditEvent } from '../../domain/audit/chain';
import type { Finding, LegalHold } from '../../domain/workflow/findings';
import type { CategoryDecision } from '../../domain/workflow/legal-hold';
import type { Fulfilment } from '../../domain/workflow/ports';
import { STAFF_TASK_TYPES, StaffDecisionSchema, type StaffTask } from '../../domain/workflow/tasks';
import * as z from '../../domain/zod';
import { parser } from './item-parser';
import { IdentityCheckReasonItem } from './request-item-schemas';

export { StoredItemShapeError } from './item-parser';

const Text = z.string();
const Count = z.number().check(z.int()).check(z.nonnegative());

const FindingItem: z.ZodMiniType<Finding> = z.looseObject({
  systemId: Text,
  source: z.enum(['connector', 'staff-upload', 'no-data', 'not-linkable', 'withheld']),
  categories: z.array(Text),
  recordCount: Count,
  lastActivityDate: z.optional(Text),
  objectKey: z.optional(Text),
  objects: z.optional(z.array(z.looseObject({ kind: Text, key: Text, records: Count, bytes: Count }))),
  note: z.optional(Text),
  explanation: z.optional(z.looseObject({ nb: Text, en: Text })),
  ageRuleId: z.optional(Text),
  collectedAt: Text,
});

const FulfilmentItem: z.ZodMiniType<Fulfilment> = z.looseObject({
  systemId: Text,
  action: z.enum([
    'erased',
    'nothing-to-erase',
    'suppressed',
    'staff',
    'kept',
    'none',
    'erased-by-decision',
    'kept-by-decision',
  ]),
  recordCount: z.optional(Count),
  at: Text,
});

const Localized = z.looseObject({ nb: Text, en: Text });

const CategoryDecisionItem: z.ZodMiniType<CategoryDecision> = z.looseObject({
  systemId: Text,
  categoryId: Text,
  action: z.enum(['erase', 'retain']),
  basis: z.union([
    z.looseObject({
      kind: z.literal('retention-rule'),
      ruleId: Text,
      legalReference: z.looseObject({ citation: Localized, url: z.optional(Text) }),
      note: z.optional(Localized),
    }),
    z.looseObject({ kind: z.literal('legal-hold'), holdId: Text, reason: Text }),
    z.looseObject({ kind: z.literal('no-obligation') }),
  ]),
  retainUntil: z.optional(Text),
  condition: z.optional(Localized),
});

/** The legal-hold check's decisions for one request, as the retention item holds them. */
const RetentionItem = z.looseObject({ decisions: z.array(CategoryDecisionItem) });

const LegalHoldItem: z.ZodMiniType<LegalHold> = z.looseObject({
  id: Text,
  subjectHash: Text,
  categories: z.array(Text),
  reason: Text,
  expiresOn: Text,
  placedBy: Text,
  placedAt: Text,
  liftedAt: z.optional(Text),
  liftedBy: z.optional(Text),
});

const StaffTaskItem: z.ZodMiniType<StaffTask> = z.looseObject({
  taskId: Text,
  requestId: Text,
  controllerId: Text,
  type: z.enum(STAFF_TASK_TYPES),
  status: z.enum(['open', 'decided']),
  createdAt: Text,
  systemId: z.optional(Text),
  reasons: z.optional(z.array(IdentityCheckReasonItem)),
  stage: z.optional(Text),
  decision: z.optional(StaffDecisionSchema),
  decidedAt: z.optional(Text),
  decidedBy: z.optional(Text),
  infoRequests: z.optional(Count),
});

const AuditEventItem: z.ZodMiniType<AuditEvent> = z.looseObject({
  requestId: Text,
  seq: z.number().check(z.int()).check(z.positive()),
  at: Text,
  action: Text,
  actor: z.looseObject({ kind: z.enum(['staff', 'requester', 'system']), id: Text }),
  details: z.optional(z.record(Text, z.union([Text, z.number(), z.boolean()]))),
  prevHash: Text,
  hash: Text,
});

export const parseFinding = parser('finding', FindingItem);
export const parseFulfilment = parser('fulfilment', FulfilmentItem);
export const parseLegalHold = parser('legal hold', LegalHoldItem);
export const parseRetention = parser('retention decisions', RetentionItem);
export const parseStaffTask = parser('staff task', StaffTaskItem);
export const parseAuditEvent = parser('audit event', AuditEventItem);
