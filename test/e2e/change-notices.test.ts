/**
 * Change notices end to end on `npm start`, through the real SQS code path (fauxqs behind the SDK, the
 * event-source poller invoking the real sender): a major version is published, a run with an operator list
 * emails each person once in their language with the summary, the links and an unsubscribe link; a second
 * run sends nothing twice; a person who unsubscribes is suppressed in the next version's notice.
 */
import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import { repoRoot } from '../../lib/paths';
import { eventually } from '../support/local-process';
import { type StoredEmail, useLocalStack } from '../support/local-stack-fixture';
import { WorkflowDriver } from '../support/workflow-driver';

jest.setTimeout(180_000);
// Locally the senders need not keep to an SES account's rate, and retries need not wait half a minute.
process.env.PERSONVERN_NOTICE_SEND_RATE = '500';
process.env.PERSONVERN_NOTICE_RETRY_SECONDS = '1';

const fixture = useLocalStack();
const second = JSON.parse(readFileSync(`${repoRoot}/test/fixtures/policy/sterk-2.0.0.json`, 'utf8'));
const run = Date.now();
const people = [
  { email: `ola.${run}@example.no`, lang: 'nb' },
  { email: `emma.${run}@example.com`, lang: 'en' },
  { email: `kari.${run}@example.no`, lang: '' },
];
const csv = ['email;lang', ...people.map((p) => `${p.email};${p.lang}`), 'not-an-address;nb'].join('\n');

interface Progress {
  total: number;
  queued: number;
  sent: number;
  failed: number;
  suppressed: number;
  deadLetterQueue: number;
}

describe('Change notices, end to end', () => {
  it('emails each person once, keeps re-runs idempotent, and respects an unsubscribe in the next notice', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const officer = await driver.token('personvernombud');
    const staff = await driver.token('staff-sterk-helse');
    const publish = (version: string, major: boolean) =>
      driver.staff(officer, 'POST', '/staff/policy/versions', {
        document: { ...second, version },
        summary: `Vipps i kassa (${version}).`,
        major,
        effectiveDate: '2099-01-01',
      });
    const startRun = (version: string, token = officer, body: string | undefined = csv) =>
      fetch(`${stack.apiUrl}/staff/policy/versions/${version}/notices`, {
        method: 'POST',
        headers: { authorization: token, 'content-type': 'text/csv' },
        body,
      });
    const progress = async (version: string) =>
      (await (
        await driver.staff(staff, 'GET', `/staff/policy/versions/${version}/notices`)
      ).json()) as Progress;
    const noticesTo = (emails: StoredEmail[], version: string) =>
      emails
        .filter((email) => email.subject.includes('personvern') || email.subject.includes('privacy'))
        .filter((email) => (email.body.text ?? '').includes(` ${version}`));
    expect((await publish('2.0.0', true)).status).toBe(201);
    expect((await publish('2.1.0', false)).status).toBe(201);

    // Act: the first run, a minor version's run, another company's staff, then a re-run
    const forbidden = await startRun('2.0.0', staff);
    const minor = await startRun('2.1.0');
    const first = await startRun('2.0.0');
    const firstBody = (await first.json()) as Record<string, unknown>;
    const done = await eventually(async () => {
      const now = await progress('2.0.0');
      return now.sent === 3 ? now : undefined;
    }, 60_000);
    const rerun = (await (await startRun('2.0.0')).json()) as Record<string, unknown>;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const emails = noticesTo(await stack.emails(), '2.0.0');

    // Assess
    expect(forbidden.status).toBe(403);
    expect(minor.status).toBe(400);
    expect(first.status).toBe(202);
    expect(firstBody).toEqual({
      version: '2.0.0',
      recipients: 3,
      created: 3,
      suppressed: 0,
      queued: 3,
      problems: ['line 5: not an email address'],
    });
    expect(done).toMatchObject({
      total: 3,
      queued: 0,
      sent: 3,
      failed: 0,
      suppressed: 0,
      deadLetterQueue: 0,
    });
    expect(rerun).toMatchObject({ recipients: 3, created: 0, queued: 0 });
    expect(emails.map((email) => email.destination.to[0]).sort()).toEqual(people.map((p) => p.email).sort());
    const english = emails.find((email) => email.destination.to[0] === people[1]?.email);
    const norwegian = emails.find((email) => email.destination.to[0] === people[0]?.email);
    expect(english?.subject).toBe('We are changing the STERK privacy notice');
    expect(norwegian?.subject).toBe('Vi endrer personvernerklæringen til STERK');
    expect(english?.body.text).toContain('Vipps i kassa (2.0.0).');
    expect(english?.body.text).toContain('Vipps MobilePay (Vipps MobilePay AS) added as a processor');
    expect(english?.body.text).toContain(`${stack.apiUrl}/policy/versions/2.0.0?lang=en`);
    expect(english?.body.text).toContain(`${stack.apiUrl}/policy/versions/2.0.0/changes?lang=en`);

    // Act: Emma unsubscribes through her link (opening it alone does nothing), then 3.0.0 goes out
    const link = /(http:\/\/\S+\/policy\/unsubscribe\?\S+)/.exec(english?.body.text ?? '')?.[1] ?? '';
    const opened = await fetch(link);
    const openedPage = await opened.text();
    const unsubscribed = await fetch(link, { method: 'POST' });
    const forged = await fetch(link.replace(/t=[^&]+/, `t=${'A'.repeat(43)}`), { method: 'POST' });
    expect((await publish('3.0.0', true)).status).toBe(201);
    const next = (await (await startRun('3.0.0')).json()) as Record<string, unknown>;
    const nextDone = await eventually(async () => {
      const now = await progress('3.0.0');
      return now.sent === 2 ? now : undefined;
    }, 60_000);
    const nextEmails = noticesTo(await stack.emails(), '3.0.0');

    // Assess
    expect(opened.status).toBe(200);
    expect(openedPage).toContain('<form method="post">');
    expect(unsubscribed.status).toBe(200);
    expect(await unsubscribed.text()).toContain('You are unsubscribed.');
    expect(forged.status).toBe(404);
    expect(next).toMatchObject({ recipients: 3, created: 3, suppressed: 1, queued: 2 });
    expect(nextDone).toMatchObject({ total: 3, sent: 2, suppressed: 1, failed: 0 });
    expect(nextEmails.map((email) => email.destination.to[0]).sort()).toEqual(
      [people[0]?.email, people[2]?.email].sort(),
    );
    const trail = await stack.scanItems((item) => item.pk === 'REQUEST#policy-versions');
    expect(trail.map((event) => event.action)).toEqual(
      expect.arrayContaining(['policy.version.published', 'policy.notice.started']),
    );
  });

  it('records the forms\' "tell me about policy changes" box with the policy version in effect, from both forms', async () => {
    // Prepare
    const stack = fixture();
    const post = (path: string, body: Record<string, unknown>) =>
      fetch(`${stack.apiUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      });
    const contact = {
      name: 'Vera Varsel',
      email: 'vera.varsel@example.no',
      message: 'Hei',
      controller: 'sterk-helse',
    };

    // Act
    const sent = await post('/contact', { ...contact, policyNotices: true });
    const unticked = await post('/contact', { ...contact, email: 'ulla.uten@example.no' });
    const requested = await post('/requests', {
      type: 'access',
      name: 'Rolf Registrert',
      email: 'rolf.registrert@example.no',
      controller: 'sterk-helse',
      policyNotices: true,
    });

    // Assess
    expect([sent.status, unticked.status, requested.status]).toEqual([202, 202, 202]);
    const consents = await eventually(async () => {
      const found = await stack.scanItems((item) => item.kind === 'notice-consent');
      return found.length >= 2 ? found : undefined;
    });
    expect(consents.map((c) => [c.email, c.policyVersion, String(c.givenVia).split(':')[0]]).sort()).toEqual([
      ['rolf.registrert@example.no', '1.1.0', 'request'],
      ['vera.varsel@example.no', '1.1.0', 'contact'],
    ]);
  });
});
