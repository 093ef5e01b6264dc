import type { Delivery, DeliveryStatus } from '../../../lambdas/domain/notices/delivery';
import { unsubscribeTokenHash } from '../../../lambdas/domain/notices/delivery';
import { recipientKey } from '../../../lambdas/domain/notices/recipients';
import {
  type DeliveryKey,
  type DeliveryStore,
  type IncomingNoticeMessage,
  sendNoticeBatch,
} from '../../../lambdas/domain/notices/send';
import {
  MailerUnavailableError,
  MailRejectedError,
  type OutgoingMessage,
} from '../../../lambdas/domain/ports/mailer';
import { testPseudonyms } from '../../support/pseudonyms';

const VERSION = '2.0.0';
const kari = recipientKey(testPseudonyms, 'kari@example.no');
const emma = recipientKey(testPseudonyms, 'emma@example.com');

/** An in-memory store with the claim rule of the table adapter. */
class MemoryStore implements DeliveryStore {
  readonly deliveries = new Map<string, Delivery & { tokenHashes: string[]; reason?: string }>();
  readonly blockedKeys = new Set<string>();

  add(
    to: string,
    email: string,
    lang: 'nb' | 'en',
    status: DeliveryStatus = 'queued',
    claim?: [string, string],
  ) {
    this.deliveries.set(to, {
      version: VERSION,
      to,
      email,
      lang,
      source: 'list',
      status,
      attempts: 0,
      tokenHashes: [],
      ...(claim === undefined ? {} : { claimedBy: claim[0], claimUntil: claim[1] }),
    });
  }

  async load(keys: readonly DeliveryKey[]) {
    return {
      deliveries: keys.flatMap((key) => {
        const found = this.deliveries.get(key.to);
        return found === undefined ? [] : [found];
      }),
      blocked: new Set(keys.map((key) => key.to).filter((to) => this.blockedKeys.has(to))),
    };
  }

  async claim(key: DeliveryKey, messageId: string, now: string, until: string, tokenHash: string) {
    const d = this.deliveries.get(key.to);
    if (d === undefined || !['queued', 'retrying', 'sending'].includes(d.status)) return false;
    if (d.claimUntil !== undefined && d.claimUntil >= now && d.claimedBy !== messageId) return false;
    this.deliveries.set(key.to, {
      ...d,
      status: 'sending',
      claimedBy: messageId,
      claimUntil: until,
      attempts: d.attempts + 1,
      tokenHashes: [...d.tokenHashes, tokenHash],
    });
    return true;
  }

  async markSent(key: DeliveryKey) {
    this.set(key, 'sent');
  }

  async markSuppressed(key: DeliveryKey) {
    this.set(key, 'suppressed');
  }

  async markFailure(key: DeliveryKey, status: 'retrying' | 'failed' | 'rejected', reason: string) {
    this.set(key, status, reason);
  }

  status(to: string) {
    return this.deliveries.get(to)?.status;
  }

  private set(key: DeliveryKey, status: DeliveryStatus, reason?: string) {
    const d = this.deliveries.get(key.to);
    if (d === undefined) return;
    const { claimUntil: _, ...rest } = d;
    this.deliveries.set(key.to, { ...rest, status, ...(reason === undefined ? {} : { reason }) });
  }
}

function prepare(failure?: Error) {
  const store = new MemoryStore();
  const sent: OutgoingMessage[] = [];
  const deps = {
    store,
    mailer: {
      send: async (message: OutgoingMessage) => {
        if (failure !== undefined) throw failure;
        sent.push(message);
        return { messageId: `ses-${sent.length}` };
      },
    },
    mailFrom: 'personvern@sterkhelse.no',
    publicBaseUrl: 'https://personvern.example/v1/',
    content: async (version: string) =>
      version === VERSION
        ? {
            organisation: 'STERK',
            version,
            effectiveDate: '2027-01-01',
            summary: 'Vipps i kassa.',
            changes: { nb: 'Vipps MobilePay er lagt til.', en: 'Vipps MobilePay added.' },
          }
        : undefined,
    clock: () => new Date('2026-12-01T10:00:00Z'),
    maxReceiveCount: 5,
    claimSeconds: 60,
    pace: async () => undefined,
  };
  return { store, sent, deps };
}

const message = (to: string, receiveCount = 1, id = `m-${to.slice(0, 6)}`): IncomingNoticeMessage => ({
  messageId: id,
  body: JSON.stringify({ version: VERSION, to }),
  receiveCount,
});

describe('Function: sendNoticeBatch', () => {
  it('emails each queued person once, in their language, with the links and a working unsubscribe token', async () => {
    // Prepare
    const { store, sent, deps } = prepare();
    store.add(kari, 'kari@example.no', 'nb');
    store.add(emma, 'emma@example.com', 'en');

    // Act
    const result = await sendNoticeBatch([message(kari), message(emma)], deps);

    // Assess
    expect([...result.outcomes.values()]).toEqual(['sent', 'sent']);
    expect(result.failedMessageIds).toEqual([]);
    expect([store.status(kari), store.status(emma)]).toEqual(['sent', 'sent']);
    const english = sent.find((m) => m.to === 'emma@example.com');
    expect(english?.content.subject).toBe('We are changing the STERK privacy notice');
    expect(english?.content.text).toContain('Vipps MobilePay added.');
    expect(english?.content.text).toContain('https://personvern.example/v1/policy/versions/2.0.0?lang=en');
    expect(english?.tags).toEqual({ kind: 'policy-notice', version: '2-0-0' });
    const token = /&t=([A-Za-z0-9_-]{43})&/.exec(english?.content.text ?? '')?.[1] ?? '';
    expect(store.deliveries.get(emma)?.tokenHashes).toEqual([unsubscribeTokenHash(token)]);
    expect(sent.find((m) => m.to === 'kari@example.no')?.content.subject).toBe(
      'Vi endrer personvernerklæringen til STERK',
    );
  });

  it.each([['sent'], ['suppressed'], ['failed'], ['rejected']] as const)(
    'sends nothing again for a delivery already %s',
    async (status) => {
      // Prepare
      const { store, sent, deps } = prepare();
      store.add(kari, 'kari@example.no', 'nb', status);

      // Act
      const result = await sendNoticeBatch([message(kari)], deps);

      // Assess
      expect(result.outcomes.get(`m-${kari.slice(0, 6)}`)).toBe('skipped');
      expect(sent).toEqual([]);
    },
  );

  it('leaves a delivery another copy of the message holds, but lets the same message take its own claim back', async () => {
    // Prepare
    const { store, sent, deps } = prepare();
    store.add(kari, 'kari@example.no', 'nb', 'sending', ['other', '2026-12-01T10:00:30.000Z']);
    store.add(emma, 'emma@example.com', 'en', 'sending', ['mine', '2026-12-01T10:00:30.000Z']);

    // Act
    const result = await sendNoticeBatch([message(kari), message(emma, 2, 'mine')], deps);

    // Assess
    expect([...result.outcomes.values()].sort()).toEqual(['sent', 'skipped']);
    expect(sent.map((m) => m.to)).toEqual(['emma@example.com']);
  });

  it('marks an unsubscribed or bounced person suppressed instead of emailing them', async () => {
    // Prepare
    const { store, sent, deps } = prepare();
    store.add(kari, 'kari@example.no', 'nb');
    store.blockedKeys.add(kari);

    // Act
    await sendNoticeBatch([message(kari)], deps);

    // Assess
    expect(store.status(kari)).toBe('suppressed');
    expect(sent).toEqual([]);
  });

  it.each([
    [1, 'retry', 'retrying', true],
    [4, 'retry', 'retrying', true],
    [5, 'failed', 'failed', true],
  ] as const)(
    'hands a transient SES failure on receive %i back to the queue (%s, %s)',
    async (receiveCount, outcome, status, handedBack) => {
      // Prepare
      const { store, deps } = prepare(
        new MailerUnavailableError('SES could not take it', {
          reason: 'ServiceUnavailable',
          httpStatusCode: 503,
        }),
      );
      store.add(kari, 'kari@example.no', 'nb');

      // Act
      const result = await sendNoticeBatch([message(kari, receiveCount)], deps);

      // Assess
      expect(result.outcomes.get(`m-${kari.slice(0, 6)}`)).toBe(outcome);
      expect(store.status(kari)).toBe(status);
      expect(store.deliveries.get(kari)?.reason).toBe('ServiceUnavailable');
      expect(result.failedMessageIds.length > 0).toBe(handedBack);
    },
  );

  it('records a permanent refusal as rejected and does not retry it', async () => {
    // Prepare
    const { store, deps } = prepare(
      new MailRejectedError('refused', { reason: 'MessageRejected', httpStatusCode: 400 }),
    );
    store.add(kari, 'kari@example.no', 'nb');

    // Act
    const result = await sendNoticeBatch([message(kari)], deps);

    // Assess
    expect(store.status(kari)).toBe('rejected');
    expect(result.failedMessageIds).toEqual([]);
  });

  it('hands an unreadable message back (so it ends in the dead-letter queue) and skips an unknown delivery', async () => {
    // Prepare
    const { sent, deps } = prepare();

    // Act
    const result = await sendNoticeBatch(
      [{ messageId: 'bad', body: '{"to":"kari@example.no"}', receiveCount: 1 }, message(emma)],
      deps,
    );

    // Assess
    expect(result.outcomes.get('bad')).toBe('unreadable');
    expect(result.failedMessageIds).toEqual(['bad']);
    expect(result.outcomes.get(`m-${emma.slice(0, 6)}`)).toBe('skipped');
    expect(sent).toEqual([]);
  });
});
