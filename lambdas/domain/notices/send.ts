/**
 * The queue's consumer: one batch of notice messages (ids only) becomes one email per person, at most once
 * per version and person as far as we can make it so:
 *
 * - a delivery that is final (sent, suppressed, failed, rejected) is skipped, so a re-run or a redelivered
 *   message sends nothing twice;
 * - before sending, the delivery is claimed with a conditional write naming the queue message and a deadline,
 *   so two copies of one message cannot send in parallel; a crashed sender's claim runs out, and the same
 *   message coming back may take its own claim again;
 * - people who unsubscribed or bounced are marked suppressed, not emailed (checked at send time, so an
 *   unsubscribe between the run and the send is respected);
 * - a transient SES failure marks the delivery `retrying` and hands the message back to the queue; on its
 *   last receive it is marked `failed`, and the queue moves it to the dead-letter queue for staff to replay;
 *   a permanent refusal is `rejected` and not retried.
 *
 * Between SES accepting an email and our `sent` write lies the usual at-least-once boundary: if that write
 * fails, the message comes back and the person may get the email twice. Documented, not hidden.
 */

import type { Language } from '../policy/language';
import { type Mailer, MailerUnavailableError, MailRejectedError } from '../ports/mailer';
import { type Delivery, FINAL_STATUSES, type NoticeMessage, newUnsubscribeToken } from './delivery';
import { renderNoticeEmail } from './email';

export interface IncomingNoticeMessage {
  readonly messageId: string;
  readonly body: string;
  /** How many times the queue has handed this message out, this time included. */
  readonly receiveCount: number;
}

export interface DeliveryKey {
  readonly version: string;
  readonly to: string;
}

export interface DeliveryStore {
  /** The deliveries these messages name, and which of their recipients must not be emailed. */
  load(keys: readonly DeliveryKey[]): Promise<{ deliveries: Delivery[]; blocked: Set<string> }>;
  /** Takes the delivery for this message until `until`, storing the hash of the new unsubscribe token. */
  claim(key: DeliveryKey, messageId: string, now: string, until: string, tokenHash: string): Promise<boolean>;
  markSent(key: DeliveryKey, messageId: string, at: string): Promise<void>;
  markSuppressed(key: DeliveryKey, at: string): Promise<void>;
  markFailure(
    key: DeliveryKey,
    status: 'retrying' | 'failed' | 'rejected',
    reason: string,
    at: string,
  ): Promise<void>;
}

/** What every email of one version says, in both languages. */
export interface NoticeContent {
  readonly organisation: string;
  readonly version: string;
  readonly effectiveDate: string;
  readonly summary: string;
  readonly changes: Readonly<Record<Language, string>>;
}

export interface SendNoticesDeps {
  readonly store: DeliveryStore;
  readonly mailer: Mailer;
  readonly mailFrom: string;
  readonly publicBaseUrl: string;
  readonly content: (version: string) => Promise<NoticeContent | undefined>;
  readonly clock: () => Date;
  /** The queue's maxReceiveCount: on that receive a failure is final. */
  readonly maxReceiveCount: number;
  /** How long a claim holds; longer than one send with its retries by the SDK. */
  readonly claimSeconds: number;
  /** Waits for this function's share of the SES sending rate before each send. */
  readonly pace: () => Promise<void>;
}

export type NoticeOutcome =
  | 'sent'
  | 'skipped'
  | 'suppressed'
  | 'retry'
  | 'failed'
  | 'rejected'
  | 'unreadable';

export interface BatchResult {
  /** Per message id. */
  readonly outcomes: Map<string, NoticeOutcome>;
  /** Messages to hand back to the queue (retry, or failed on the last receive, which dead-letters them). */
  readonly failedMessageIds: string[];
}

export async function sendNoticeBatch(
  messages: readonly IncomingNoticeMessage[],
  deps: SendNoticesDeps,
): Promise<BatchResult> {
  const outcomes = new Map<string, NoticeOutcome>();
  const readable: { message: IncomingNoticeMessage; key: DeliveryKey }[] = [];
  for (const message of messages) {
    const key = parseMessage(message.body);
    if (key === undefined) outcomes.set(message.messageId, 'unreadable');
    else readable.push({ message, key });
  }
  const { deliveries, blocked } = await deps.store.load(readable.map(({ key }) => key));
  const byKey = new Map(deliveries.map((delivery) => [`${delivery.version}|${delivery.to}`, delivery]));

  // All of the batch at once: the pace (per function instance) decides when each email goes to SES.
  await Promise.all(
    readable.map(async ({ message, key }) => {
      const delivery = byKey.get(`${key.version}|${key.to}`);
      try {
        outcomes.set(message.messageId, await sendOne(message, key, delivery, blocked.has(key.to), deps));
      } catch {
        // The table failed us (the claim, or a mark): the message comes back, and the claim lets it resume.
        outcomes.set(message.messageId, 'retry');
      }
    }),
  );
  const failedMessageIds = [...outcomes]
    .filter(([, outcome]) => outcome === 'retry' || outcome === 'failed' || outcome === 'unreadable')
    .map(([id]) => id);
  return { outcomes, failedMessageIds };
}

async function sendOne(
  message: IncomingNoticeMessage,
  key: DeliveryKey,
  delivery: Delivery | undefined,
  isBlocked: boolean,
  deps: SendNoticesDeps,
): Promise<NoticeOutcome> {
  // A message without a delivery was never recorded by a run: nothing to send, nothing to lose.
  if (delivery === undefined || FINAL_STATUSES.includes(delivery.status)) return 'skipped';
  const now = deps.clock();
  if (isBlocked) {
    await deps.store.markSuppressed(key, now.toISOString());
    return 'suppressed';
  }
  const content = await deps.content(key.version);
  if (content === undefined) return 'skipped';
  const { token, hash } = newUnsubscribeToken();
  const until = new Date(now.getTime() + deps.claimSeconds * 1000).toISOString();
  if (!(await deps.store.claim(key, message.messageId, now.toISOString(), until, hash))) {
    // Another copy of this message holds it, or it became final meanwhile: that copy answers for it.
    return 'skipped';
  }
  const lang = delivery.lang;
  const base = deps.publicBaseUrl.replace(/\/$/, '');
  const email = renderNoticeEmail({
    lang,
    organisation: content.organisation,
    version: content.version,
    effectiveDate: content.effectiveDate,
    summary: content.summary,
    changes: content.changes[lang],
    versionUrl: `${base}/policy/versions/${content.version}?lang=${lang}`,
    changesUrl: `${base}/policy/versions/${content.version}/changes?lang=${lang}`,
    unsubscribeUrl: `${base}/policy/unsubscribe?v=${content.version}&r=${key.to}&t=${token}&lang=${lang}`,
  });
  await deps.pace();
  try {
    await deps.mailer.send({
      to: delivery.email,
      from: deps.mailFrom,
      content: email,
      tags: { kind: 'policy-notice', version: content.version.replaceAll('.', '-') },
    });
  } catch (error) {
    const at = deps.clock().toISOString();
    if (error instanceof MailRejectedError) {
      await deps.store.markFailure(key, 'rejected', error.reason, at);
      return 'rejected';
    }
    const reason = error instanceof MailerUnavailableError ? error.reason : 'unexpected';
    const last = message.receiveCount >= deps.maxReceiveCount;
    await deps.store.markFailure(key, last ? 'failed' : 'retrying', reason, at);
    return last ? 'failed' : 'retry';
  }
  await deps.store.markSent(key, message.messageId, deps.clock().toISOString());
  return 'sent';
}

function parseMessage(body: string): DeliveryKey | undefined {
  try {
    const value = JSON.parse(body) as Partial<NoticeMessage>;
    if (
      typeof value.version === 'string' &&
      typeof value.to === 'string' &&
      /^[0-9a-f]{64}$/.test(value.to)
    ) {
      return { version: value.version, to: value.to };
    }
  } catch {
    // Not JSON: reported below as unreadable.
  }
  return undefined;
}
