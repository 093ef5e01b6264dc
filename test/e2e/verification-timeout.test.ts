/**
 * A requester who never types the code: the workflow reminds them after three days and closes the request
 * after fourteen, telling them so. Run on `npm start` with waits for people compressed
 * (PERSONVERN_LOCAL_WAIT_SCALE): a day lasts about 1.7 s here, Lambda timeouts are untouched. Three days
 * (about 5 s) leave the receipt's own step, a cold Lambda on a busy two-core machine, time to finish first:
 * at 0.4 s a day it sometimes did not, and the reminder step found no receipt sent yet.
 */
import { jest } from '@jest/globals';
import { eventually, type StartedProcess, startLocalProcess, waitForOutput } from '../support/local-process';

jest.setTimeout(120_000);

describe('Verification timeout', () => {
  let started: StartedProcess;
  const printed = (pattern: RegExp) => pattern.exec(started.output())?.[1] ?? '';

  beforeAll(async () => {
    started = await startLocalProcess({ PERSONVERN_LOCAL_WAIT_SCALE: '0.00002' });
    await waitForOutput(started, 'Press Ctrl-C to stop.', 90_000);
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
    const emails = await eventually(async () => {
      const sent = await mine(id);
      return sent.length >= 3 ? sent : undefined;
    }, 60_000);
    const status = (await (await fetch(statusUrl, { headers: { accept: 'application/json' } })).json()) as {
      status: string;
    };
    const lateCode = await fetch(`${apiUrl}/requests/${id}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code: '123456' }),
    });

    // Assess
    expect(started.output()).toContain('Waits for people are compressed');
    expect(emails.map((email) => email.subject)).toEqual([
      "We've received your request – please confirm it's you",
      'Your new code to confirm your request',
      'Your request has been closed',
    ]);
    expect(status.status).toBe('closed-unverified');
    expect(lateCode.status).toBe(410);
  });
});
