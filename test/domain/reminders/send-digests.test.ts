import { computeDeadlines } from '../../../lambdas/domain/deadlines';
import type { Mailer, OutgoingMessage } from '../../../lambdas/domain/ports/mailer';
import { MailerUnavailableError } from '../../../lambdas/domain/ports/mailer';
import type { OpenRequestRow } from '../../../lambdas/domain/reminders/digest';
import {
  DIGEST_CLAIM_SECONDS,
  type DigestKey,
  type DigestLog,
  type DigestMetrics,
  DigestRunError,
  type SendDigestsDeps,
  sendDigests,
} from '../../../lambdas/domain/reminders/send-digests';
import { sterkPolicy } from '../policy/sterk-fixture';

const NOW = new Date('2026-03-10T06:00:00Z');
const OFFICER = 'personvernombud@sterk.example';

function open(id: string, receivedAt: string): OpenRequestRow {
  return { id, type: 'erasure', receivedAt, dueDate: computeDeadlines(receivedAt).dueDate, stage: 'review' };
}

function setup(rowsByController: Record<string, OpenRequestRow[]>, failFirst = 0) {
  const policy = sterkPolicy();
  policy.controllers.forEach((controller, index) => {
    Object.assign(controller, { privacyContactEmail: `kontakt-${index}@sterk.example` });
  });
  const sent: OutgoingMessage[] = [];
  const queries: [string, string][] = [];
  const marks = new Map<string, string>();
  const claims = new Map<string, string>();
  const keyOf = (key: DigestKey) => `${key.controllerId}|${key.date}|${key.recipient}`;
  let failures = failFirst;
  const mailer: Mailer = {
    async send(message) {
      if (failures > 0) {
        failures -= 1;
        throw new MailerUnavailableError('SES is down', { reason: 'ServiceUnavailable' });
      }
      sent.push(message);
      return { messageId: `m-${sent.length}` };
    },
  };
  const overdueCounts: number[] = [];
  const metrics: DigestMetrics = { overdueRequests: (count) => overdueCounts.push(count) };
  const log: DigestLog = {
    claim: async (key, at, until) => {
      const held = claims.get(keyOf(key));
      if (marks.has(keyOf(key))) return 'sent';
      if (held !== undefined && held >= at) return 'busy';
      claims.set(keyOf(key), until);
      return 'claimed';
    },
    markSent: async (key, at) => {
      marks.set(keyOf(key), at);
    },
    release: async (key) => {
      claims.delete(keyOf(key));
    },
  };
  const deps: SendDigestsDeps = {
    policy,
    index: {
      openDueBy: async (controllerId, upTo) => {
        queries.push([controllerId, upTo]);
        return rowsByController[controllerId] ?? [];
      },
    },
    log,
    mailer,
    mailFrom: 'personvern@sterk.example',
    consoleUrl: 'https://console.sterk.example',
    privacyOfficerEmail: OFFICER,
    metrics,
  };
  return { deps, sent, queries, policy, overdueCounts, claims, keyOf };
}

describe('Function: sendDigests', () => {
  it('sends one digest to each controller with something to report, and none to the others', async () => {
    // Prepare
    const { deps, sent, queries, policy } = setup({
      'sterk-hasle': [open('soon-1', '2026-02-12T09:00:00Z'), open('week-1', '2026-02-16T09:00:00Z')],
    });

    // Act
    const outcomes = await sendDigests(NOW, deps);

    // Assess
    expect(queries).toEqual(policy.controllers.map((c) => [c.id, '2026-03-17T22:59:59.999Z']));
    expect(sent).toHaveLength(1);
    const hasleIndex = policy.controllers.findIndex((c) => c.id === 'sterk-hasle');
    expect(sent[0]?.to).toBe(`kontakt-${hasleIndex}@sterk.example`);
    expect(sent[0]?.content.text).toContain('soon-1');
    expect(sent[0]?.content.text).toContain('week-1');
    expect(sent[0]?.content.text).toContain('https://console.sterk.example/#/requests/soon-1');
    expect(outcomes.map((o) => o.result).sort()).toEqual(['nothing-to-report', 'nothing-to-report', 'sent']);
  });

  it('escalates a digest with overdue requests to the privacy officer as well', async () => {
    // Prepare
    const { deps, sent } = setup({ 'sterk-helse': [open('late-1', '2026-02-09T09:00:00Z')] });

    // Act
    await sendDigests(NOW, deps);

    // Assess
    expect(sent.map((m) => m.to)).toEqual([expect.stringMatching(/^kontakt-/), OFFICER]);
    expect(sent[1]?.content.subject).toMatch(/^Eskalert: 1 forespørsel over fristen/);
    expect(sent[0]?.content.subject).not.toMatch(/^Eskalert/);
  });

  it('sends one escalated copy when the privacy officer is also the contact', async () => {
    // Prepare
    const { deps, sent, policy } = setup({ 'sterk-helse': [open('late-1', '2026-02-09T09:00:00Z')] });
    const contact = policy.controllers.find((c) => c.id === 'sterk-helse')?.privacyContactEmail ?? '';

    // Act
    await sendDigests(NOW, { ...deps, privacyOfficerEmail: contact.toUpperCase() });

    // Assess
    expect(sent).toHaveLength(1);
    expect(sent[0]?.content.subject).toMatch(/^Eskalert/);
  });

  it('sends nothing twice when the run is repeated the same day, and again the next day', async () => {
    // Prepare
    const { deps, sent } = setup({ 'sterk-helse': [open('late-1', '2026-02-09T09:00:00Z')] });
    await sendDigests(NOW, deps);

    // Act
    const again = await sendDigests(new Date('2026-03-10T15:00:00Z'), deps);
    const countAfterRepeat = sent.length;
    await sendDigests(new Date('2026-03-11T06:00:00Z'), deps);

    // Assess
    expect(countAfterRepeat).toBe(2);
    expect(again.find((o) => o.controllerId === 'sterk-helse')?.result).toBe('already-sent');
    expect(sent).toHaveLength(4);
  });

  it('sends the others when one digest fails, fails the run, and a retry sends only the missing one', async () => {
    // Prepare
    const { deps, sent } = setup(
      {
        'sterk-helse': [open('a', '2026-02-12T09:00:00Z')],
        'sterk-hasle': [open('b', '2026-02-12T09:00:00Z')],
      },
      1,
    );

    // Act
    const first = sendDigests(NOW, deps);
    await expect(first).rejects.toThrow(DigestRunError);
    const afterFirst = sent.map((m) => m.content.text.includes('/requests/b'));
    await sendDigests(NOW, deps);

    // Assess
    expect(afterFirst).toHaveLength(1);
    expect(sent).toHaveLength(2);
    expect(sent.filter((m) => m.content.text.includes('/requests/a'))).toHaveLength(1);
    expect(sent.filter((m) => m.content.text.includes('/requests/b'))).toHaveLength(1);
  });

  it('fails the run without sending when another run holds a live claim, and sends once that claim runs out', async () => {
    // Prepare
    const { deps, sent, claims, keyOf, policy } = setup({
      'sterk-helse': [open('a', '2026-02-12T09:00:00Z')],
    });
    const key = { controllerId: 'sterk-helse', date: '2026-03-10', recipient: 'contact' } as const;
    claims.set(keyOf(key), new Date(NOW.getTime() + 60_000).toISOString());

    // Act
    const whileHeld = sendDigests(NOW, deps);
    await expect(whileHeld).rejects.toThrow(DigestRunError);
    const sentWhileHeld = sent.length;
    await sendDigests(new Date(NOW.getTime() + DIGEST_CLAIM_SECONDS * 1000), deps);

    // Assess
    expect(policy.controllers.map((c) => c.id)).toContain('sterk-helse');
    expect(sentWhileHeld).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it('reports the overdue requests it found across all controllers, once a run', async () => {
    // Prepare: two overdue at one company, one at another, and one that is only due soon.
    const { deps, overdueCounts } = setup({
      'sterk-helse': [open('late-1', '2026-02-02T09:00:00Z'), open('late-2', '2026-02-09T09:00:00Z')],
      'sterk-hasle': [open('late-3', '2026-02-06T09:00:00Z'), open('soon-1', '2026-02-12T09:00:00Z')],
    });

    // Act
    await sendDigests(NOW, deps);

    // Assess
    expect(overdueCounts).toEqual([3]);
  });

  it('reports 0 when nothing is overdue, so a quiet day is a datapoint and not a silence', async () => {
    // Prepare
    const { deps, overdueCounts } = setup({ 'sterk-hasle': [open('soon-1', '2026-02-12T09:00:00Z')] });

    // Act
    await sendDigests(NOW, deps);

    // Assess
    expect(overdueCounts).toEqual([0]);
  });

  it('still reports the count when an email fails, and nothing when the index cannot be read', async () => {
    // Prepare
    const failingMail = setup({ 'sterk-helse': [open('late-1', '2026-02-09T09:00:00Z')] }, 1);
    const failingIndex = setup({});
    const unreadable = {
      ...failingIndex.deps,
      index: {
        openDueBy: async () => {
          throw new Error('DynamoDB is down');
        },
      },
    };

    // Act
    await expect(sendDigests(NOW, failingMail.deps)).rejects.toThrow(DigestRunError);
    await expect(sendDigests(NOW, unreadable)).rejects.toThrow('DynamoDB is down');

    // Assess
    expect(failingMail.overdueCounts).toEqual([1]);
    expect(failingIndex.overdueCounts).toEqual([]);
  });
});
