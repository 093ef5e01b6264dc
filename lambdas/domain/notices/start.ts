/**
 * Starting (or resuming) the change notice of a major version: gather the recipients, record one delivery per
 * person (once: a delivery that exists is never made again), and queue every delivery that is not final yet.
 * A second run of the same version therefore sends nothing twice; it only picks up what is still pending and
 * anyone new on the list. People who unsubscribed or whose address bounced are recorded as suppressed and not
 * queued. The queue carries ids only; the address stays in the table.
 */
import type { AuditTrail } from '../audit/trail';
import { NotFoundError, ValidationError } from '../errors';
import { POLICY_AUDIT_TRAIL } from '../policy/publish';
import type { PolicyVersionInfo } from '../policy/versions';
import type { DeliveryStatus, NoticeMessage } from './delivery';
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
  /** Records a delivery unless one exists for this version and person; true when it was new. */
  createDelivery(delivery: NewDelivery): Promise<boolean>;
  /** The keys of this version's deliveries that are not final (queued, sending, retrying). */
  pendingKeys(version: string): Promise<string[]>;
}

export interface NoticeQueue {
  enqueue(messages: readonly NoticeMessage[]): Promise<void>;
}

export interface StartNoticeDeps {
  readonly version: (version: string) => Promise<PolicyVersionInfo | undefined>;
  readonly store: NoticeStore;
  readonly queue: NoticeQueue;
  readonly audit: AuditTrail;
  readonly clock: () => Date;
  /** How many deliveries are written at once. */
  readonly parallelism?: number;
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
  const list = input.csv === undefined ? { recipients: [], problems: [] } : parseRecipientCsv(input.csv);
  const recipients = mergeRecipients(await deps.store.subscribers(), list.recipients);
  const keyed = recipients.map((recipient) => ({ ...recipient, to: recipientKey(recipient.email) }));
  const blocked = await deps.store.blocked(keyed.map((recipient) => recipient.to));
  const queuedAt = deps.clock().toISOString();

  let created = 0;
  let suppressed = 0;
  await inParallel(keyed, deps.parallelism ?? 16, async (recipient) => {
    const status = blocked.has(recipient.to) ? 'suppressed' : 'queued';
    const isNew = await deps.store.createDelivery({
      version: info.version,
      to: recipient.to,
      email: recipient.email,
      lang: recipient.lang,
      source: recipient.source,
      status,
      queuedAt,
    });
    if (isNew) created++;
    if (isNew && status === 'suppressed') suppressed++;
  });
  // Everything not final goes on the queue, also what an earlier run left pending: a duplicate message is
  // harmless (the sender skips what is sent and what another sender holds), a missing one would be a loss.
  const pending = await deps.store.pendingKeys(info.version);
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

async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
