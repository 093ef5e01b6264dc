/**
 * A change notice to 10,000 people on `npm start` while 10% of the senders' SES calls fail
 * (PERSONVERN_FAULTS=ses=0.1, each a transient 503): every person is accounted for exactly once, as sent
 * (with exactly one email in the SES emulator) or as failed after every retry (its message in the
 * dead-letter queue, and no email); nothing is lost, nothing is sent twice. The run goes through the real
 * queue code path: SQS (fauxqs) and the event-source poller invoking the real sender.
 */
import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import { repoRoot } from '../../lib/paths';
import { type StoredEmail, useLocalStack } from '../support/local-stack-fixture';
import { WorkflowDriver } from '../support/workflow-driver';

jest.setTimeout(300_000);
process.env.PERSONVERN_FAULTS = 'ses=0.1';
// Locally the senders need not keep to an SES account's rate, and retries need not wait half a minute.
process.env.PERSONVERN_NOTICE_SEND_RATE = '1000';
process.env.PERSONVERN_NOTICE_RETRY_SECONDS = '1';

const fixture = useLocalStack();
const second = JSON.parse(readFileSync(`${repoRoot}/test/fixtures/policy/sterk-2.0.0.json`, 'utf8'));
const PEOPLE = 10_000;
const addresses = Array.from({ length: PEOPLE }, (_, i) => `medlem.${i}@example.no`);

interface Progress {
  total: number;
  queued: number;
  sent: number;
  failed: number;
  deadLettered: number;
  rejected: number;
  suppressed: number;
  deadLetterQueue: number;
}

describe('Change notices under load, end to end', () => {
  it('reaches 10,000 people exactly once through transient SES failures', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const officer = await driver.token('personvernombud');
    const published = await driver.staff(officer, 'POST', '/staff/policy/versions', {
      document: second,
      summary: 'Vipps i kassa; Facebook Pixel fjernet; medlemsdata lagres tre måneder etter utmelding.',
      major: true,
      effectiveDate: '2099-01-01',
    });
    expect(published.status).toBe(201);
    const csv = ['email,lang', ...addresses.map((email, i) => `${email},${i % 4 === 0 ? 'en' : 'nb'}`)].join(
      '\n',
    );
    const progress = async () =>
      (await (await driver.staff(officer, 'GET', '/staff/policy/versions/2.0.0/notices')).json()) as Progress;
    const started = Date.now();

    // Act
    const run = await fetch(`${stack.apiUrl}/staff/policy/versions/2.0.0/notices`, {
      method: 'POST',
      headers: { authorization: officer, 'content-type': 'text/csv' },
      body: csv,
    });
    const runBody = (await run.json()) as Record<string, unknown>;
    // Polled every three seconds: reading 10,000 statuses is work for the same emulator that the senders use.
    const final = await poll(async () => {
      const now = await progress();
      return now.queued === 0 && now.deadLetterQueue === now.deadLettered ? now : undefined;
    }, 240_000);
    const seconds = (Date.now() - started) / 1000;
    const emails = ((await (await fetch(`${stack.sesUrl}/store`)).json()) as { emails: StoredEmail[] })
      .emails;

    // Assess
    expect(run.status).toBe(202);
    expect(runBody).toMatchObject({ recipients: PEOPLE, created: PEOPLE, queued: PEOPLE, suppressed: 0 });
    expect(final.total).toBe(PEOPLE);
    expect(final.sent + final.deadLettered).toBe(PEOPLE);
    expect([final.rejected, final.suppressed]).toEqual([0, 0]);
    const perAddress = new Map<string, number>();
    for (const email of emails) {
      const to = email.destination.to[0] ?? '';
      perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    }
    const received = addresses.filter((address) => perAddress.has(address));
    expect(received.length).toBe(final.sent);
    expect(addresses.filter((address) => (perAddress.get(address) ?? 0) > 1)).toEqual([]);
    const known = new Set(addresses);
    expect(emails.filter((email) => !known.has(email.destination.to[0] ?? '')).length).toBe(0);
    // The faults did happen, and were retried: about one delivery in ten needed more than one attempt.
    const retried = await stack.countItems(
      (item) => item.kind === 'notice-delivery' && Number(item.attempts) > 1,
    );
    expect(retried).toBeGreaterThan(PEOPLE * 0.05);
    process.stdout.write(
      `10,000-recipient notice: ${final.sent} sent, ${final.deadLettered} dead-lettered, ${retried} retried, in ${seconds.toFixed(0)} s\n`,
    );
  });
});

async function poll<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the notice run to finish');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }
}
