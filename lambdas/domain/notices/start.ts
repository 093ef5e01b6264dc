/**
 * Starting (or resuming) the change notice of a major version: gather the recipients, record one delivery per
 * person (once: a delivery that exists is never made again), and queue every delivery that is not final yet.
 * One run of a version at a time (a lease on the version's run lock), so two runs cannot both record the same
 * person.
 * A second run of the same version therefore sends nothing twice; it only picks up what is still pending and
 * anyone new on the list. People who unsubscribed or whose address bounced are recorded as suppressed and not
 * queued. The queue carries ids only; the address stays in the table.
 */
import type { AuditTrail } from '../audit/trail';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { POLICY_AUDIT_TRAIL } from '../policy/audit-trail-name';
import type { PolicyVersionInfo } from '../policy/versions';
import type { Pseudonyms } from '../pseudonyms';
import { type DeliveryStatus, FINAL_STATUSES, type NoticeMessage } from './delivery';
import { mergeRecipients, type NoticeRecipient, parseRecipientCsv, recipientKey } from './recipients';

export interface NewDelivery {
  readonly version: string;
  readonly to: string;
  readonly email: string;
  readonly lang: NoticeRecipient['lang'];
  readonly source: NoticeRecipient['source'];
  readonly status: Extract<DeliveryStatus, 'queued' | 'suppressed'>;
  readonly queuedAt: string;
}

export interface NoticeStore {
  /** Everyone whose consent to change notices stands (not withdrawn). */
  subscribers(): Promise<NoticeRecipient[]>;
  /** The keys among these that must not be emailed: unsubscribed, bounced or complained. */
  blocked(keys: readonly string[]): Promise<Set<string>>;
  /** The version's deliveries so far: recipient key → status. */
  deliveryStatuses(version: string): Promise<Map<string, DeliveryStatus>>;
  /** Records new deliveries (the caller holds the run lock and has checked that none of them exists). */
  createDeliveries(deliveries: readonly NewDelivery[]): Promise<void>;
  /** Takes the version's run lock until `until`; false while another run holds it. */
  lockRun(version: string, owner: string, now: string, until: string): Promise<boolean>;
  unlockRun(version: string, owner: string): Promise<void>;
}

export interface NoticeQueue {
  enqueue(messages: readonly NoticeMessage[]): Promise<void>;
}

export interface StartNoticeDeps {
  readonly version: (version: string) => Promise<PolicyVersionInfo | undefined>;
  readonly store: NoticeStore;
  readonly queue: NoticeQueue;
  readonly audit: AuditTrail;
  readonly pseudonyms: Pseudonyms;
  readonly clock: () => Date;
  /** Names this run's hold on the version's run lock. */
  readonly runId: string;
}

export interface StartNoticeInput {
  readonly version: string;
  /** The operator's list as CSV text (email and lang columns), if any. */
  readonly csv?: string;
}

export interface StartNoticeResult {
  readonly version: string;
  /** Distinct people named by the consents and the list together. */
  readonly recipients: number;
  /** New deliveries recorded by this run. */
  readonly created: number;
  readonly suppressed: number;
  /** Messages put on the queue: the new deliveries and any earlier ones still pending. */
  readonly queued: number;
  /** Rows of the list that were left out, e.g. `line 7: not an email address`. */
  readonly problems: string[];
}

export async function startNotice(
  input: StartNoticeInput,
  actor: { readonly kind: 'staff' | 'system'; readonly id: string },
  deps: StartNoticeDeps,
): Promise<StartNoticeResult> {
  const info = await deps.version(input.version);
  if (info === undefined || info.source !== 'published') {
    throw new NotFoundError('There is no published policy version by that number.');
  }
  if (!info.major) {
    throw new ValidationError(`Version ${info.version} is not a major change: no notice is sent for it.`, {
      version: 'not a major change',
    });
  }
  const now = deps.clock();
  const queuedAt = now.toISOString();
  const until = new Date(now.getTime() + 10 * 60_000).toISOString();
  if (!(await deps.store.lockRun(info.version, deps.runId, queuedAt, until))) {
    throw new ConflictError(
      `A notice run for version ${info.version} is under way; try again when it is done.`,
    );
  }
  try {
    return await run(info, input, actor, deps, queuedAt);
  } finally {
    await deps.store.unlockRun(info.version, deps.runId);
  }
}

async function run(
  info: PolicyVersionInfo,
  input: StartNoticeInput,
  actor: { readonly kind: 'staff' | 'system'; readonly id: string },
  deps: StartNoticeDeps,
  queuedAt: string,
): Promise<StartNoticeResult> {
  const list = input.csv === undefined ? { recipients: [], problems: [] } : parseRecipientCsv(input.csv);
  const recipients = mergeRecipients(await deps.store.subscribers(), list.recipients);
  const existing = await deps.store.deliveryStatuses(info.version);
  const fresh = recipients
    .map((recipient) => ({ ...recipient, to: recipientKey(deps.pseudonyms, recipient.email) }))
    .filter((recipient) => !existing.has(recipient.to));
  const blocked = await deps.store.blocked(fresh.map((recipient) => recipient.to));
  const deliveries: NewDelivery[] = fresh.map((recipient) => ({
    version: info.version,
    to: recipient.to,
    email: recipient.email,
    lang: recipient.lang,
    source: recipient.source,
    status: blocked.has(recipient.to) ? 'suppressed' : 'queued',
    queuedAt,
  }));
  await deps.store.createDeliveries(deliveries);
  const created = deliveries.length;
  const suppressed = deliveries.filter((delivery) => delivery.status === 'suppressed').length;
  // Everything not final goes on the queue, also what an earlier run left pending: a duplicate message is
  // harmless (the sender skips what is sent and what another sender holds), a missing one would be a loss.
  const pending = [
    ...[...existing].filter(([, status]) => !FINAL_STATUSES.includes(status)).map(([to]) => to),
    ...deliveries.filter((delivery) => delivery.status === 'queued').map((delivery) => delivery.to),
  ];
  await deps.queue.enqueue(pending.map((to) => ({ version: info.version, to })));
  const result = {
    version: info.version,
    recipients: recipients.length,
    created,
    suppressed,
    queued: pending.length,
    problems: list.problems,
  };
  await deps.audit.append(
    POLICY_AUDIT_TRAIL,
    {
      action: 'policy.notice.started',
      actor,
      details: {
        version: info.version,
        recipients: result.recipients,
        created,
        suppressed,
        queued: result.queued,
      },
    },
    queuedAt,
  );
  return result;
}
