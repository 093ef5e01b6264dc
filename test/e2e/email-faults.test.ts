/**
 * SES fails transiently: the submission is still accepted and stored at once, and the email goes out
 * later through the workflow's retries, exactly once. The local stack's fault proxy fails the first four
 * SES calls (three SDK attempts in the first Lambda run, then one more after the workflow's retry).
 */
import { jest } from '@jest/globals';
import { eventually, type StartedProcess, startReadyLocalProcess } from '../support/local-process';

jest.setTimeout(120_000);

describe('Email delivery when SES fails transiently', () => {
  let started: StartedProcess;
  const printed = (pattern: RegExp) => pattern.exec(started.output())?.[1] ?? '';

  beforeAll(async () => {
    started = await startReadyLocalProcess({ PERSONVERN_FAULTS: 'ses=first:4' });
  });

  afterAll(async () => {
    if (started.child.exitCode === null) {
      started.child.kill('SIGINT');
      await started.exited;
    }
  });

  it('stores the request at once and delivers its receipt exactly once after the retries', async () => {
    // Prepare
    const apiUrl = printed(/API\s+(http:\/\/127\.0\.0\.1:\d+)/);
    const sesUrl = printed(/Email \(SES\)\s+(http:\/\/127\.0\.0\.1:\d+)/);
    const storedEmails = async () =>
      ((await (await fetch(`${sesUrl}/store`)).json()) as { emails: { body: { text: string } }[] }).emails;

    // Act
    const response = await fetch(`${apiUrl}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ type: 'access', name: 'Kari Nordmann', email: 'kari.faults@example.no' }),
    });
    const { id, statusUrl } = (await response.json()) as { id: string; statusUrl: string };
    const storedAtOnce = await fetch(statusUrl, { headers: { accept: 'application/json' } });
    const delivered = await eventually(async () => {
      const mine = (await storedEmails()).filter((email) => email.body.text.includes(id));
      return mine.length > 0 ? mine : undefined;
    }, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    // Assess
    expect(started.output()).toContain('Fault injection is ON (PERSONVERN_FAULTS=ses=first:4)');
    expect(response.status).toBe(202);
    expect(storedAtOnce.status).toBe(200);
    expect(delivered).toHaveLength(1);
    expect((await storedEmails()).filter((email) => email.body.text.includes(id))).toHaveLength(1);
  });
});
