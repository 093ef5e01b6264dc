/**
 * A data subject request end to end over HTTP against `npm start`: the real handlers, the synthesized
 * workflow on the Step Functions emulator, dynalite and the SES emulator.
 */

import { jest } from '@jest/globals';
import { nextStepText } from '../../lambdas/domain/requests/pages/render';
import { eventually } from '../support/local-process';
import {
  executionStatus,
  type LocalStackFixture,
  type StoredEmail,
  useLocalStack,
} from '../support/local-stack-fixture';

jest.setTimeout(120_000);

const fixture = useLocalStack();

interface Accepted {
  id: string;
  status: string;
  dueAt: string;
  statusUrl: string;
}

let emailCounter = 0;
const uniqueEmail = () => `person${Date.now()}${emailCounter++}@example.no`;

async function postRequest(stack: LocalStackFixture, body: Record<string, unknown>, headers = {}) {
  return fetch(`${stack.apiUrl}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function emailFor(stack: LocalStackFixture, requestId: string, count = 1): Promise<StoredEmail[]> {
  return eventually(async () => {
    const mine = (await stack.emails()).filter((email) => email.body.text?.includes(requestId));
    return mine.length >= count ? mine : undefined;
  });
}

const codeIn = (email: StoredEmail) => /^\s+(\d{6})$/m.exec(email.body.text ?? '')?.[1] ?? '';

/** Past verification, the workflow plans the request: its item gets a stage. */
async function workflowMovedOn(stack: LocalStackFixture, requestId: string): Promise<boolean> {
  const [item] = await stack.scanItems((i) => i.pk === `REQUEST#${requestId}` && i.sk === 'REQUEST');
  return typeof item?.stage === 'string';
}

describe('POST /requests, end to end', () => {
  it('accepts a request, emails a code that verifies it, and the status page shows it verified', async () => {
    // Prepare
    const stack = fixture();
    const email = uniqueEmail();

    // Act
    const response = await postRequest(stack, { type: 'access', name: 'Kari Nordmann', email, lang: 'en' });
    const accepted = (await response.json()) as Accepted;
    const [receipt] = await emailFor(stack, accepted.id);
    const verify = await fetch(`${stack.apiUrl}/requests/${accepted.id}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code: codeIn(receipt as StoredEmail) }),
    });
    const status = await fetch(accepted.statusUrl, { headers: { accept: 'application/json' } });
    const statusInNorwegian = await fetch(accepted.statusUrl.replace('lang=en', 'lang=nb'), {
      headers: { accept: 'application/json' },
    });

    // Assess
    expect(response.status).toBe(202);
    expect(accepted.status).toBe('awaiting-verification');
    expect(accepted.statusUrl).toMatch(/\?token=[A-Za-z0-9_-]{43}&/);
    expect(receipt?.destination.to).toEqual([email]);
    expect(receipt?.subject).toMatch(/confirm/i);
    expect(codeIn(receipt as StoredEmail)).toMatch(/^\d{6}$/);
    expect(verify.status).toBe(200);
    expect(await verify.json()).toEqual({ status: 'verified' });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({
      id: accepted.id,
      type: 'access',
      status: 'verified',
      next: nextStepText('verified', 'en'),
    });
    // `lang` chooses the language of the JSON's words too, as it does the page's.
    expect(await statusInNorwegian.json()).toMatchObject({ next: nextStepText('verified', 'nb') });
    await eventually(async () => ((await workflowMovedOn(stack, accepted.id)) ? true : undefined));
  });

  it('stores only hashes of the status token and the code', async () => {
    // Prepare
    const stack = fixture();
    const response = await postRequest(stack, { type: 'erasure', name: 'Per Hansen', email: uniqueEmail() });
    const accepted = (await response.json()) as Accepted;
    const [receipt] = await emailFor(stack, accepted.id);

    // Act
    const [item] = await stack.scanItems((i) => i.pk === `REQUEST#${accepted.id}`);

    // Assess
    const stored = JSON.stringify(item);
    const token = new URL(accepted.statusUrl).searchParams.get('token') ?? 'missing';
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(codeIn(receipt as StoredEmail));
    expect(item?.statusTokenHashes).toHaveLength(2);
  });

  it('answers a browser form post with 303 to the status page, which asks for the code', async () => {
    // Prepare
    const stack = fixture();
    const form = new URLSearchParams({
      type: 'rectification',
      name: 'Ola Nordmann',
      email: uniqueEmail(),
      details: 'My address is wrong; it should be Storgata 1.',
      lang: 'nb',
    });

    // Act
    const response = await fetch(`${stack.apiUrl}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: form.toString(),
      redirect: 'manual',
    });
    const page = await fetch(response.headers.get('location') ?? '', { headers: { accept: 'text/html' } });

    // Assess
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/\/requests\/[0-9a-f-]{36}\/status\?token=/);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="nb"');
    expect(html).toContain('name="code"');
  });

  it('replays the same Idempotency-Key with the same answer and refuses it with another body', async () => {
    // Prepare
    const stack = fixture();
    const body = { type: 'portability', name: 'Kari Nordmann', email: uniqueEmail() };
    const key = `key-${Date.now()}-replay`;

    // Act
    const first = await postRequest(stack, body, { 'idempotency-key': key });
    const again = await postRequest(stack, body, { 'idempotency-key': key });
    const other = await postRequest(stack, { ...body, name: 'Someone Else' }, { 'idempotency-key': key });

    // Assess
    expect(first.status).toBe(202);
    const firstBody = await first.json();
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual(firstBody);
    expect(other.status).toBe(422);
    expect(await stack.countItems((i) => i.kind === 'request' && i.id === (firstBody as Accepted).id)).toBe(
      1,
    );
    expect(await stack.countItems((i) => i.kind === 'request' && i.requester?.email === body.email)).toBe(1);
  });

  it('does not start a second workflow for a double submission without a key', async () => {
    // Prepare
    const stack = fixture();
    const body = { type: 'objection', name: 'Kari Nordmann', email: uniqueEmail() };

    // Act
    const first = (await (await postRequest(stack, body)).json()) as Accepted;
    const second = await postRequest(stack, body);
    const secondBody = (await second.json()) as Accepted;
    await emailFor(stack, first.id);

    // Assess
    expect(second.status).toBe(202);
    expect(Object.keys(secondBody).sort()).toEqual(['dueAt', 'id', 'status', 'statusUrl']);
    expect(secondBody.id).not.toBe(first.id);
    expect(await stack.countItems((i) => i.kind === 'request' && i.requester?.email === body.email)).toBe(1);
    expect(await executionStatus(stack, first.id)).toBe('RUNNING');
    const describeDuplicate = await executionStatus(stack, secondBody.id);
    expect(describeDuplicate).toBeUndefined();
    const emails = (await stack.emails()).filter((email) => email.destination.to.includes(body.email));
    expect(emails).toHaveLength(1);
  });

  it('lets a code from the first email verify through the duplicate’s page', async () => {
    // Prepare
    const stack = fixture();
    const body = { type: 'restriction', name: 'Kari Nordmann', email: uniqueEmail() };
    const first = (await (await postRequest(stack, body)).json()) as Accepted;
    const duplicate = (await (await postRequest(stack, body)).json()) as Accepted;
    const [receipt] = await emailFor(stack, first.id);

    // Act
    const verify = await fetch(`${stack.apiUrl}/requests/${duplicate.id}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code: codeIn(receipt as StoredEmail) }),
    });
    const status = await fetch(duplicate.statusUrl, { headers: { accept: 'application/json' } });

    // Assess
    expect(verify.status).toBe(200);
    expect(await status.json()).toMatchObject({ status: 'verified' });
    await eventually(async () => ((await workflowMovedOn(stack, first.id)) ? true : undefined));
  });

  it('counts wrong codes down, burns the code on the fifth, and a new code works', async () => {
    // Prepare
    const stack = fixture();
    const accepted = (await (
      await postRequest(stack, { type: 'access', name: 'Kari Nordmann', email: uniqueEmail() })
    ).json()) as Accepted;
    const [receipt] = await emailFor(stack, accepted.id);
    const right = codeIn(receipt as StoredEmail);
    const wrong = right === '000000' ? '111111' : '000000';
    const attempt = (code: string) =>
      fetch(`${stack.apiUrl}/requests/${accepted.id}/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ code }),
      });

    // Act
    const answers: { status: number; body: unknown }[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await attempt(wrong);
      answers.push({ status: response.status, body: await response.json() });
    }
    const burned = await attempt(right);
    const resend = await fetch(`${stack.apiUrl}/requests/${accepted.id}/resend`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
    const [, second] = await emailFor(stack, accepted.id, 2);
    const fresh = await attempt(codeIn(second as StoredEmail));
    const tooSoon = await fetch(`${stack.apiUrl}/requests/${accepted.id}/resend`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });

    // Assess
    expect(answers.map((a) => a.status)).toEqual([422, 422, 422, 422, 429]);
    expect(
      answers.slice(0, 4).map((a) => (a.body as { error: { attemptsLeft: number } }).error.attemptsLeft),
    ).toEqual([4, 3, 2, 1]);
    expect(burned.status).toBe(429);
    expect(resend.status).toBe(202);
    expect(fresh.status).toBe(200);
    expect(tooSoon.status).toBe(200);
    expect(await tooSoon.json()).toEqual({ status: 'verified' });
  });

  it('confirms nothing when the emailed link is opened (mail scanners open links); its button does', async () => {
    // Prepare
    const stack = fixture();
    const accepted = (await (
      await postRequest(stack, { type: 'access', name: 'Kari Nordmann', email: uniqueEmail(), lang: 'en' })
    ).json()) as Accepted;
    const [receipt] = await emailFor(stack, accepted.id);
    const link = /^(http:\S+\/verify\?code=\d{6}\S*)$/m.exec(receipt?.body.text ?? '')?.[1] ?? 'missing';
    const code = new URL(link).searchParams.get('code') ?? '';
    const status = async () =>
      (
        (await (await fetch(accepted.statusUrl, { headers: { accept: 'application/json' } })).json()) as {
          status: string;
        }
      ).status;

    // Act: opened, as a scanner or a preview would
    const page = await fetch(link);
    const html = await page.text();
    const afterOpening = await status();
    const unknownId = link.replace(accepted.id, '00000000-0000-4000-8000-000000000000');
    const elsewhere = await (await fetch(unknownId)).text();
    // Act: the person presses the button, which posts the form as it stands
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '';
    const pressed = await fetch(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ code, lang: 'en' }).toString(),
    });

    // Assess
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('<html lang="en"');
    expect(html).toContain(`value="${code}"`);
    expect(afterOpening).toBe('awaiting-verification');
    expect(elsewhere.replaceAll('00000000-0000-4000-8000-000000000000', accepted.id)).toBe(html);
    expect(pressed.status).toBe(200);
    expect(await pressed.text()).toContain('/status?token=');
    expect(await status()).toBe('verified');
  });

  it('answers a wrong token, a missing token and an unknown id with the same 404', async () => {
    // Prepare
    const stack = fixture();
    const accepted = (await (
      await postRequest(stack, { type: 'access', name: 'Kari Nordmann', email: uniqueEmail() })
    ).json()) as Accepted;
    const base = `${stack.apiUrl}/requests`;
    const urls = [
      `${base}/${accepted.id}/status?token=${'A'.repeat(43)}`,
      `${base}/${accepted.id}/status`,
      `${base}/00000000-0000-4000-8000-000000000000/status?token=${'A'.repeat(43)}`,
    ];

    // Act
    const answers = await Promise.all(
      urls.map(async (url) => {
        const response = await fetch(url, { headers: { accept: 'application/json' } });
        return { status: response.status, body: await response.text() };
      }),
    );

    // Assess
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
  });

  it('takes a filled honeypot with a normal 202 and keeps and sends nothing', async () => {
    // Prepare
    const stack = fixture();
    const email = uniqueEmail();
    const before = await stack.state();

    // Act
    const response = await postRequest(stack, { type: 'access', name: 'Bot', email, website: 'http://spam' });
    const body = (await response.json()) as Accepted;

    // Assess
    expect(response.status).toBe(202);
    expect(body.status).toBe('awaiting-verification');
    expect(await stack.state()).toEqual(before);
  });
});
