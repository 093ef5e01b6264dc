/**
 * Dead letters of a change notice on `npm start`: while SES fails every call (the first 15, injected as
 * transient 503s), each of three deliveries is retried until the queue dead-letters it; staff see them in the
 * progress, another company's staff cannot replay them, and the privacy officer's replay sends each person
 * exactly one email.
 */
import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import { repoRoot } from '../../lib/paths';
import { eventually } from '../support/local-process';
import { useLocalStack } from '../support/local-stack-fixture';
import { WorkflowDriver } from '../support/workflow-driver';

jest.setTimeout(180_000);
// Five receives per message, three messages: the first fifteen SES calls are all of their attempts.
process.env.PERSONVERN_FAULTS = 'ses=first:15';
process.env.PERSONVERN_NOTICE_SEND_RATE = '100';
process.env.PERSONVERN_NOTICE_RETRY_SECONDS = '1';

const fixture = useLocalStack();
const second = JSON.parse(readFileSync(`${repoRoot}/test/fixtures/policy/sterk-2.0.0.json`, 'utf8'));
const people = ['anne@example.no', 'bjorn@example.no', 'cecilie@example.com'];

interface Progress {
  queued: number;
  sent: number;
  failed: number;
  deadLettered: number;
  deadLetterQueue: number;
  failures: { recipient: string; status: string; reason: string }[];
}

describe('Change notice dead letters, end to end', () => {
  it('dead-letters what keeps failing, shows it to staff, and replays it once', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const officer = await driver.token('personvernombud');
    const staff = await driver.token('staff-sterk-hasle');
    const published = await driver.staff(officer, 'POST', '/staff/policy/versions', {
      document: second,
      summary: 'Vipps i kassa.',
      major: true,
      effectiveDate: '2099-01-01',
    });
    expect(published.status).toBe(201);
    const progress = async () =>
      (await (await driver.staff(staff, 'GET', '/staff/policy/versions/2.0.0/notices')).json()) as Progress;

    // Act
    const run = await fetch(`${stack.apiUrl}/staff/policy/versions/2.0.0/notices`, {
      method: 'POST',
      headers: { authorization: officer, 'content-type': 'text/csv' },
      body: `email\n${people.join('\n')}\n`,
    });
    const dead = await eventually(async () => {
      const now = await progress();
      return now.deadLettered === 3 && now.deadLetterQueue === 3 ? now : undefined;
    }, 90_000);
    const emailsBefore = (await stack.emails()).length;
    const forbidden = await driver.staff(staff, 'POST', '/staff/policy/notices/dead-letters/replay');
    const replay = await driver.staff(officer, 'POST', '/staff/policy/notices/dead-letters/replay');
    const replayBody = await replay.json();
    const after = await eventually(async () => {
      const now = await progress();
      return now.sent === 3 ? now : undefined;
    }, 60_000);
    const again = await driver.staff(officer, 'POST', '/staff/policy/notices/dead-letters/replay');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const emails = await stack.emails();

    // Assess
    expect(run.status).toBe(202);
    expect(dead).toMatchObject({ queued: 0, sent: 0, failed: 3, deadLettered: 3, deadLetterQueue: 3 });
    expect(dead.failures.map((failure) => [failure.status, failure.reason])).toEqual([
      ['failed', 'ServiceUnavailable'],
      ['failed', 'ServiceUnavailable'],
      ['failed', 'ServiceUnavailable'],
    ]);
    expect(JSON.stringify(dead)).not.toContain('@');
    expect(emailsBefore).toBe(0);
    expect(forbidden.status).toBe(403);
    expect(replay.status).toBe(200);
    expect(replayBody).toEqual({ replayed: 3, versions: { '2.0.0': 3 } });
    expect(after).toMatchObject({ queued: 0, sent: 3, failed: 0, deadLetterQueue: 0 });
    expect(await again.json()).toEqual({ replayed: 0, versions: {} });
    expect(emails.map((email) => email.destination.to[0]).sort()).toEqual([...people].sort());
    const trail = await stack.scanItems((item) => item.pk === 'REQUEST#policy-versions');
    expect(trail.map((event) => event.action)).toContain('policy.notice.replayed');
  });
});
