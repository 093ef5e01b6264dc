import { randomUUID } from 'node:crypto';
import type { ConsentSummary } from '../../lambdas/domain/consent/summary';
import { type Answer, JSON_TYPE, send } from '../support/http-submissions';
import { type Item, useLocalStack } from '../support/local-stack-fixture';
import { WorkflowDriver } from '../support/workflow-driver';

/**
 * The banner's records over HTTP against the whole local stack (`npm start`, IAM from the template
 * enforced): what `POST /consent` refuses and why, replays, the per-client limit, the visitor's access and
 * erasure, and the privacy officer's summary counting what was recorded.
 */

const stack = useLocalStack();

const body = (overrides: Record<string, unknown> = {}) => ({
  consentId: randomUUID(),
  choices: { analytics: true, marketing: false },
  action: 'custom',
  policyVersion: '1.1.0',
  bannerVersion: '1.0a1b2c3d4e',
  decidedAt: new Date().toISOString(),
  ...overrides,
});

let nextAddress = 10;
/** Each test posts from a loopback address of its own, so the per-client limit counts that test alone. */
const freshAddress = () => `127.0.0.${nextAddress++}`;

const post = (record: unknown, options: { from?: string; contentType?: string } = {}) =>
  send(stack().apiUrl, '/consent', {
    contentType: options.contentType ?? 'text/plain;charset=UTF-8',
    accept: '*/*',
    body: typeof record === 'string' ? record : JSON.stringify(record),
    ...(options.from === undefined ? {} : { from: options.from }),
  });

const recordItems = (): Promise<Item[]> => stack().scanItems((item) => item.kind === 'consent-record');

async function summary(token: string): Promise<Answer> {
  return send(stack().apiUrl, '/staff/consent/summary', {
    method: 'GET',
    accept: JSON_TYPE,
    headers: { authorization: token },
  });
}

describe('POST /consent', () => {
  it('stores a choice posted as the banner posts it (text/plain, no-cors), answering 201 with a cross-origin resource policy', async () => {
    // Prepare
    const choice = body();

    // Act
    const answer = await post(choice, { from: freshAddress() });

    // Assess
    expect(answer.status).toBe(201);
    expect(answer.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(answer.json).toMatchObject({
      consentId: choice.consentId,
      choices: choice.choices,
      action: 'custom',
      recordId: expect.any(String),
      keptUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });

  it.each([
    [
      'a consent id that is not random',
      { consentId: '1' },
      {
        consentId: 'must be the random id the banner made: a UUID, or 22 to 64 letters, digits, "-" and "_"',
      },
    ],
    [
      'a purpose the policy does not ask about',
      { choices: { analytics: true, marketing: false, pets: true } },
      {
        'choices.pets': 'policy 1.1.0 asks about analytics, marketing, not "pets"',
      },
    ],
    [
      'a purpose left out',
      { choices: { analytics: true } },
      { 'choices.marketing': 'required: true or false' },
    ],
    [
      '"reject all" with a yes',
      { action: 'reject-all' },
      { action: '"reject-all" must answer false for every purpose' },
    ],
    [
      'a policy version never published',
      { policyVersion: '7.0.0' },
      { policyVersion: 'no policy version 7.0.0 has been published' },
    ],
    ['a client detail', { userAgent: 'Mozilla/5.0' }, { '(body)': 'unknown field(s): userAgent' }],
  ])('refuses %s with 400 and a message for the field, keeping nothing', async (_, overrides, fields) => {
    // Prepare
    const before = await stack().countByKind();

    // Act
    const answer = await post(body(overrides), { from: freshAddress() });

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      error: { code: 'validation_failed', message: 'The consent record is not valid: see fields.', fields },
    });
    expect(await stack().countByKind()).toEqual(before);
  });

  it.each([
    ['not JSON', 400, 'malformed_json', 'ja takk', 'text/plain'],
    ['a form post', 415, 'unsupported_media_type', 'consentId=x', 'application/x-www-form-urlencoded'],
    [
      'more than 8 KB',
      413,
      'payload_too_large',
      JSON.stringify(body({ pad: 'x'.repeat(9000) })),
      'application/json',
    ],
  ])('refuses %s with %i %s', async (_, status, code, raw, contentType) => {
    // Act
    const answer = await post(raw, { contentType, from: freshAddress() });

    // Assess
    expect(answer.status).toBe(status);
    expect((answer.json as { error: { code: string } }).error.code).toBe(code);
  });

  it('answers a replay with the same record (200), keeping one item, and a new choice under the same id with another (201)', async () => {
    // Prepare
    const from = freshAddress();
    const choice = body();
    const first = await post(choice, { from });

    // Act
    const replays = await Promise.all([post(choice, { from }), post(choice, { from })]);
    const later = await post({ ...choice, decidedAt: new Date(Date.now() + 1000).toISOString() }, { from });

    // Assess
    expect(first.status).toBe(201);
    expect(replays.map((r) => r.status)).toEqual([200, 200]);
    expect(replays.map((r) => r.json)).toEqual([first.json, first.json]);
    expect(later.status).toBe(201);
    expect((later.json as { recordId: string }).recordId).not.toBe(
      (first.json as { recordId: string }).recordId,
    );
    const mine = (await recordItems()).filter((item) => item.decidedAt === choice.decidedAt);
    expect(mine).toHaveLength(1);
  });

  it('refuses the 31st post from one client address within ten minutes with 429 and Retry-After', async () => {
    // Prepare
    const from = freshAddress();
    const answers: number[] = [];
    for (let i = 0; i < 30; i++) answers.push((await post(body(), { from })).status);

    // Act
    const over = await post(body(), { from });
    const elsewhere = await post(body(), { from: freshAddress() });

    // Assess
    expect(answers.every((status) => status === 201)).toBe(true);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((over.json as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(elsewhere.status).toBe(201);
  });

  it('keeps neither the client address nor the user agent in any record or counter', async () => {
    // Prepare
    const from = freshAddress();
    await send(stack().apiUrl, '/consent', {
      contentType: JSON_TYPE,
      body: JSON.stringify(body()),
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chromium/1234.5' },
      from,
    });

    // Act
    const stored = JSON.stringify(await stack().scanItems((item) => /^(CONSENT|RATE)/.test(String(item.pk))));

    // Assess
    expect(stored).not.toContain(from);
    expect(stored).not.toContain('Chromium/1234.5');
  });
});

describe('GET and DELETE /consent/{consentId}', () => {
  it('shows a visitor their records (JSON, or a page for a browser), erases them, and then knows nothing of the id', async () => {
    // Prepare
    const from = freshAddress();
    const choice = body();
    await post(choice, { from });
    await post(
      {
        ...choice,
        action: 'reject-all',
        choices: { analytics: false, marketing: false },
        decidedAt: new Date(Date.now() + 5).toISOString(),
      },
      { from },
    );

    // Act
    const asJson = await send(stack().apiUrl, `/consent/${choice.consentId}`, {
      method: 'GET',
      accept: JSON_TYPE,
    });
    const asPage = await send(stack().apiUrl, `/consent/${choice.consentId}?lang=en`, {
      method: 'GET',
      accept: 'text/html',
    });
    const erased = await send(stack().apiUrl, `/consent/${choice.consentId}`, {
      method: 'DELETE',
      accept: JSON_TYPE,
      from,
    });
    const after = await send(stack().apiUrl, `/consent/${choice.consentId}`, {
      method: 'GET',
      accept: JSON_TYPE,
    });
    const again = await send(stack().apiUrl, `/consent/${choice.consentId}`, {
      method: 'DELETE',
      accept: JSON_TYPE,
      from,
    });

    // Assess
    expect(asJson.status).toBe(200);
    expect((asJson.json as { records: { action: string }[] }).records.map((r) => r.action)).toEqual([
      'reject-all',
      'custom',
    ]);
    expect(asPage.status).toBe(200);
    expect(asPage.text).toContain('What we keep about your consent');
    expect(asPage.text).toContain(`action="${choice.consentId}/erase?lang=en"`);
    expect(erased.json).toEqual({ consentId: choice.consentId, erased: 2 });
    expect(after.status).toBe(404);
    expect(again.status).toBe(404);
  });

  it('erases from the record page’s form (POST …/erase) and from the banner’s empty post', async () => {
    // Prepare
    const [page, banner] = [body(), body()];
    await post(page, { from: freshAddress() });
    await post(banner, { from: freshAddress() });

    // Act
    const fromPage = await send(stack().apiUrl, `/consent/${page.consentId}/erase?lang=nb`, {
      contentType: 'application/x-www-form-urlencoded',
      accept: 'text/html',
      body: '',
    });
    const fromBanner = await send(stack().apiUrl, `/consent/${banner.consentId}/erase`, { accept: '*/*' });

    // Assess
    expect(fromPage.status).toBe(200);
    expect(fromPage.text).toContain('<h1>Slettet</h1>');
    expect(fromBanner.status).toBe(200);
    expect(fromBanner.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const left = await recordItems();
    expect(
      left.filter((item) => [page.decidedAt, banner.decidedAt].includes(String(item.decidedAt))),
    ).toEqual([]);
  });
});

describe('GET /staff/consent/summary', () => {
  it("counts today's choices per action and purpose, once per record, for the privacy officer alone", async () => {
    // Prepare
    const driver = new WorkflowDriver(stack());
    const officer = await driver.token('personvernombud');
    const staff = await driver.token('staff-sterk-hasle');
    const before = (await summary(officer)).json as ConsentSummary;
    const from = freshAddress();
    const accept = body({ action: 'accept-all', choices: { analytics: true, marketing: true } });
    await post(accept, { from });
    await post(accept, { from });
    await post(body({ action: 'reject-all', choices: { analytics: false, marketing: false } }), { from });
    await post(body(), { from });

    // Act
    const after = await summary(officer);
    const refused = await summary(staff);

    // Assess
    expect(after.status).toBe(200);
    const now = after.json as ConsentSummary;
    const delta = (read: (s: ConsentSummary) => number) => read(now) - read(before);
    expect({
      decisions: delta((s) => s.totals.decisions),
      acceptAll: delta((s) => s.totals.actions['accept-all']),
      rejectAll: delta((s) => s.totals.actions['reject-all']),
      custom: delta((s) => s.totals.actions.custom),
      analyticsYes: delta((s) => s.totals.purposes.analytics?.granted ?? 0),
      analyticsNo: delta((s) => s.totals.purposes.analytics?.denied ?? 0),
      marketingYes: delta((s) => s.totals.purposes.marketing?.granted ?? 0),
      marketingNo: delta((s) => s.totals.purposes.marketing?.denied ?? 0),
    }).toEqual({
      decisions: 3,
      acceptAll: 1,
      rejectAll: 1,
      custom: 1,
      analyticsYes: 2,
      analyticsNo: 1,
      marketingYes: 1,
      marketingNo: 2,
    });
    expect(now.purposes).toEqual([
      { id: 'analytics', label: { nb: 'Statistikk', en: 'Statistics' } },
      { id: 'marketing', label: { nb: 'Markedsføring', en: 'Marketing' } },
    ]);
    expect(now.days.at(-1)?.date).toBe(now.to);
    expect(JSON.stringify(now)).not.toContain(accept.consentId);
    expect(refused.status).toBe(403);
  });

  it('refuses dates it cannot read with 400 and a message per field', async () => {
    // Prepare
    const officer = await new WorkflowDriver(stack()).token('personvernombud');

    // Act
    const answer = await send(stack().apiUrl, '/staff/consent/summary?from=2026-12-31&to=2026-01-01', {
      method: 'GET',
      accept: JSON_TYPE,
      headers: { authorization: officer },
    });

    // Assess
    expect(answer.status).toBe(400);
    expect((answer.json as { error: { fields: unknown } }).error.fields).toEqual({
      from: 'must be on or before "to"',
    });
  });
});
