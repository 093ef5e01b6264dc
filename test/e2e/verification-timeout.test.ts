/**
 * A requester who never types the code: the workflow reminds them after three days and closes the request
 * after fourteen, telling them so. Run on `npm start` in real time; the test ends each wait itself
 * (`POST /local/stepfunctions/expire-task`, as the task's TimeoutSeconds would) and only after the step
 * before it has sent its email. A compressed clock raced a cold Lambda on a loaded two-core machine: the
 * reminder could come before the receipt was sent.
 */
import { jest } from '@jest/globals';
import { eventually, type StartedProcess, startReadyLocalProcess } from '../support/local-process';

jest.setTimeout(120_000);

describe('Verification timeout', () => {
  let started: StartedProcess;
  const printed = (pattern: RegExp) => pattern.exec(started.output())?.[1] ?? '';

  beforeAll(async () => {
    started = await startReadyLocalProcess();
  });

  afterAll(async () => {
    if (started.child.exitCode === null) {
      started.child.kill('SIGINT');
      await started.exited;
    }
  });

  it('reminds once, then closes the unverified request and tells the requester', async () => {
    // Prepare
    const apiUrl = printed(/API\s+(http:\/\/127\.0\.0\.1:\d+)/);
    const sesUrl = printed(/Email \(SES\)\s+(http:\/\/127\.0\.0\.1:\d+)/);
    const mine = async (id: string) =>
      (
        (await (await fetch(`${sesUrl}/store`)).json()) as {
          emails: { subject: string; body: { text: string } }[];
        }
      ).emails.filter((email) => email.body.text.includes(id));
    const emailsOf = (id: string, count: number) =>
      eventually(async () => {
        const sent = await mine(id);
        return sent.length >= count ? sent : undefined;
      }, 60_000);
    const expire = (execution: string, state: string) =>
      fetch(`${apiUrl}/local/stepfunctions/expire-task`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ execution, state }),
      });

    // Act
    const response = await fetch(`${apiUrl}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        type: 'access',
        name: 'Kari Nordmann',
        email: 'kari.silent@example.no',
        lang: 'en',
      }),
    });
    const { id, statusUrl } = (await response.json()) as { id: string; statusUrl: string };
    const afterReceipt = await emailsOf(id, 1);
    // Three days without a code.
    const threeDays = await expire(id, 'AwaitVerification');
    const afterReminder = await emailsOf(id, 2);
    // Eleven more: the verification window ends.
    const fourteenDays = await expire(id, 'RemindVerification');
    const emails = await emailsOf(id, 3);
    const status = await eventually(async () => {
      const body = (await (await fetch(statusUrl, { headers: { accept: 'application/json' } })).json()) as {
        status: string;
      };
      return body.status === 'closed-unverified' ? body : undefined;
    }, 30_000);
    const lateCode = await fetch(`${apiUrl}/requests/${id}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code: '123456' }),
    });
    const nothingLeft = await expire(id, 'RemindVerification');

    // Assess
    expect(afterReceipt).toHaveLength(1);
    expect([threeDays.status, fourteenDays.status]).toEqual([200, 200]);
    expect(afterReminder).toHaveLength(2);
    expect(emails.map((email) => email.subject)).toEqual([
      "We've received your request – please confirm it's you",
      'Your new code to confirm your request',
      'Your request has been closed',
    ]);
    expect(status.status).toBe('closed-unverified');
    expect(lateCode.status).toBe(410);
    expect(nothingLeft.status).toBe(404);
  });
});
