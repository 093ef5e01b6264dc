import {
  type Answer,
  deliverControlMessage,
  errorOf,
  expectNothingKeptSince,
  FORM_TYPE,
  formBody,
  JSON_TYPE,
  postForm,
  postJson,
  type SendOptions,
  send,
} from '../support/http-submissions';
import { eventually } from '../support/local-process';
import { type LocalStackFixture, useLocalStack } from '../support/local-stack-fixture';

/** Items the limits keep for themselves: counters and the mailbox's daily confirmation claim. */
const BOOKKEEPING = new Set(['rate-counter', 'contact-confirmation-claim']);

/** Each case: one request plus a control message through the workflow. */
const CASE_TIMEOUT_MS = 30_000;

const stack = useLocalStack();

/** A fresh client address for each call: the request intake limits submissions per address. */
let addresses = 0;
const newAddress = () => {
  addresses += 1;
  return `127.7.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
};

const countByKind = (fixture: LocalStackFixture) => fixture.countByKind();

/** Waits until `seconds` from now stay inside the current fixed rate-limit window (they align to the epoch). */
async function awayFromWindowEdge(windowSeconds: number, seconds: number): Promise<void> {
  const into = (Date.now() / 1000) % windowSeconds;
  if (into + seconds > windowSeconds)
    await new Promise((resolve) => setTimeout(resolve, (windowSeconds - into + 1) * 1000));
}

/** One rejected submission: what we send and the answer we expect. */
interface BadInput {
  readonly title: string;
  readonly request: SendOptions;
  readonly status: number;
  /** Our error code; undefined for API Gateway's own answers (the 10 MB limit), which are not our format. */
  readonly code?: string;
  /** Exactly these fields, each with a message matching its pattern. */
  readonly fields?: Record<string, RegExp>;
}

const json = (body: unknown): SendOptions => ({
  contentType: JSON_TYPE,
  accept: JSON_TYPE,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const form = (fields: Record<string, unknown>): SendOptions => ({
  contentType: FORM_TYPE,
  accept: 'text/html',
  body: formBody(fields),
});
const rawForm = (body: string): SendOptions => ({ contentType: FORM_TYPE, accept: 'text/html', body });

const fieldCase = (
  title: string,
  body: Record<string, unknown>,
  fields: Record<string, RegExp>,
  encode: (body: Record<string, unknown>) => SendOptions = json,
): BadInput => ({ title, request: encode(body), status: 400, code: 'validation_failed', fields });

/** The body-level rejections every submission endpoint shares, around a valid body. */
function bodyCases(valid: Record<string, unknown>): BadInput[] {
  const malformed = (title: string, body: string): BadInput => ({
    title,
    request: json(body),
    status: 400,
    code: 'malformed_json',
  });
  const unsupported = (title: string, request: SendOptions): BadInput => ({
    title,
    request,
    status: 415,
    code: 'unsupported_media_type',
  });
  const validJson = JSON.stringify(valid);
  return [
    {
      title: 'a JSON body over 64 KB',
      request: json({ ...valid, website: '', padding: 'x'.repeat(70_000) }),
      status: 413,
      code: 'payload_too_large',
    },
    {
      title: 'a body over 64 KB in bytes though not in characters (22,000 × "€")',
      request: json({ ...valid, name: '€'.repeat(22_000) }),
      status: 413,
      code: 'payload_too_large',
    },
    {
      title: 'a form body over 64 KB',
      request: form({ ...valid, padding: 'x'.repeat(70_000) }),
      status: 413,
      code: 'payload_too_large',
    },
    {
      title: 'a body over API Gateway’s 10 MB limit',
      request: json({ ...valid, padding: 'x'.repeat(10 * 1024 * 1024) }),
      status: 413,
    },
    unsupported('text/plain', { contentType: 'text/plain', body: validJson }),
    unsupported('text/plain holding a form body', { contentType: 'text/plain', body: formBody(valid) }),
    unsupported('no Content-Type', { body: new TextEncoder().encode(validJson) }),
    unsupported('multipart/form-data', {
      contentType: 'multipart/form-data; boundary=x',
      body: `--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nKari\r\n--x--\r\n`,
    }),
    unsupported('application/xml', { contentType: 'application/xml', body: '<contact/>' }),
    unsupported('text/json', { contentType: 'text/json', body: validJson }),
    unsupported('a garbage type with a charset', {
      contentType: 'application/jsonx; charset=utf-8',
      body: validJson,
    }),
    malformed('truncated JSON', validJson.slice(0, -5)),
    malformed('single-quoted JSON', validJson.replaceAll('"', "'")),
    malformed('JSON with a trailing comma', `${validJson.slice(0, -1)},}`),
    malformed('an empty JSON body', ''),
    malformed('JSON led by a byte order mark', `\uFEFF${validJson}`),
    malformed('a JSON array', '[]'),
    malformed('a JSON array holding the valid body', `[${validJson}]`),
    malformed('JSON null', 'null'),
    malformed('a JSON number', '42'),
    malformed('a JSON string', '"Kari"'),
    malformed('JSON true', 'true'),
    {
      title: 'a form field nested three levels',
      request: rawForm(`${formBody(valid)}&a.b.c=1`),
      status: 400,
      code: 'validation_failed',
    },
    {
      title: 'a prototype-polluting form field (__proto__)',
      request: rawForm(`${formBody(valid)}&__proto__=1`),
      status: 400,
      code: 'validation_failed',
    },
    {
      title: 'a prototype-polluting form field (constructor.prototype)',
      request: rawForm(`${formBody(valid)}&constructor.prototype=1`),
      status: 400,
      code: 'validation_failed',
    },
    {
      title: 'a form field with an empty name part',
      request: rawForm(`${formBody(valid)}&.name=1`),
      status: 400,
      code: 'validation_failed',
    },
    fieldCase(
      'a field sent as a group of form fields',
      { ...valid, name: { first: 'Kari' } },
      {
        name: /name/,
      },
      form,
    ),
  ];
}

async function expectRejected(testCase: BadInput, answer: Answer): Promise<void> {
  expect(answer.status).toBe(testCase.status);
  if (testCase.code === undefined) return;
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  const error = errorOf(answer);
  expect(error.code).toBe(testCase.code);
  expect(error.message).toEqual(expect.stringMatching(/\S/));
  if (testCase.fields === undefined) {
    expect(error.fields).toBeUndefined();
    return;
  }
  expect(Object.keys(error.fields ?? {}).sort()).toEqual(Object.keys(testCase.fields).sort());
  for (const [field, pattern] of Object.entries(testCase.fields)) {
    expect(error.fields?.[field]).toMatch(pattern);
  }
}

describe('POST /contact: bad input', () => {
  const valid = {
    name: 'Kari Nordmann',
    email: 'kari@example.no',
    phone: '412 34 567',
    message: 'Hei! Når åpner dere på lørdager?',
    controller: 'sterk-hasle',
    lang: 'en',
    website: '',
  };
  const without = (field: keyof typeof valid) => {
    const { [field]: _dropped, ...rest } = valid;
    return rest;
  };
  const withField = (field: string, value: unknown) => ({ ...valid, [field]: value });

  const cases: BadInput[] = [
    fieldCase('no name', without('name'), { name: /Enter your name/ }),
    fieldCase('an empty name', withField('name', ''), { name: /Enter your name/ }),
    fieldCase('a name of spaces', withField('name', '   \t '), { name: /Enter your name/ }),
    fieldCase('a name of 201 characters', withField('name', 'K'.repeat(201)), { name: /at most 200/ }),
    fieldCase('a name that is a number', withField('name', 42), { name: /Enter your name/ }),
    fieldCase('a name that is null', withField('name', null), { name: /Enter your name/ }),
    fieldCase('no email', without('email'), { email: /Enter your email address/ }),
    fieldCase('an empty email', withField('email', ''), { email: /Enter your email address/ }),
    fieldCase('an email without @', withField('email', 'kari.example.no'), { email: /valid email/ }),
    fieldCase('an email without a top-level domain', withField('email', 'kari@example'), {
      email: /valid email/,
    }),
    fieldCase('an email of 255 characters', withField('email', `${'k'.repeat(244)}@example.no`), {
      email: /too long/,
    }),
    fieldCase('an email that is an array', withField('email', ['kari@example.no']), {
      email: /Enter your email address/,
    }),
    fieldCase('a phone number of 2 digits', withField('phone', '12'), { phone: /8-digit/ }),
    fieldCase('a Norwegian number starting with 1', withField('phone', '12345678'), { phone: /8-digit/ }),
    fieldCase('a phone number of 9 digits', withField('phone', '412345678'), { phone: /8-digit/ }),
    fieldCase('a phone number with letters', withField('phone', 'ring meg'), { phone: /8-digit/ }),
    fieldCase('an international number starting +0', withField('phone', '+0123456789'), {
      phone: /8-digit/,
    }),
    fieldCase('a phone number sent as a JSON number', withField('phone', 41234567), {
      phone: /phone number/,
    }),
    fieldCase('no message', without('message'), { message: /Write your message/ }),
    fieldCase('an empty message', withField('message', ''), { message: /Write your message/ }),
    fieldCase('a message of spaces and newlines', withField('message', ' \n\n '), {
      message: /Write your message/,
    }),
    fieldCase('a message of 5,001 characters', withField('message', 'm'.repeat(5001)), {
      message: /at most 5,000/,
    }),
    fieldCase('a message that is an object', withField('message', { text: 'Hei' }), {
      message: /Write your message/,
    }),
    fieldCase('an unknown controller', withField('controller', 'sterk-bergen'), {
      controller: /sterk-helse-og-trening, sterk-hasle, sterk-helse/,
    }),
    fieldCase('a controller in capitals', withField('controller', 'STERK-HASLE'), {
      controller: /Choose one of the companies/,
    }),
    fieldCase('a controller that is a number', withField('controller', 1), { controller: /./ }),
    // Messages come in the submission's language; without a valid one, in bokmål.
    fieldCase('an unknown language', withField('lang', 'de'), { lang: /^Velg nb eller en$/ }),
    fieldCase('a language in capitals', withField('lang', 'EN'), { lang: /^Velg nb eller en$/ }),
    fieldCase('a honeypot that is a number', withField('website', 5), { website: /./ }),
    fieldCase('a honeypot over 10,000 characters', withField('website', 'w'.repeat(10_001)), {
      website: /./,
    }),
    fieldCase(
      'every field wrong at once, with each message in bokmål (no language given)',
      { name: '', email: 'x', phone: '1', message: '', controller: 'x' },
      {
        name: /^Skriv inn navnet ditt$/,
        email: /^Skriv inn en gyldig e-postadresse/,
        phone: /8 siffer/,
        message: /^Skriv meldingen din$/,
        controller: /^Velg et av selskapene: sterk-helse-og-trening, sterk-hasle, sterk-helse$/,
      },
    ),
    fieldCase(
      'a plain form post with no email',
      without('email'),
      {
        email: /Enter your email address/,
      },
      form,
    ),
    fieldCase(
      'a plain form post with an empty message',
      withField('message', ''),
      {
        message: /Write your message/,
      },
      form,
    ),
    ...bodyCases(valid),
  ];

  it.each(cases.map((testCase) => [testCase.title, testCase] as const))(
    'rejects %s and keeps nothing',
    async (_title, testCase) => {
      // Prepare
      const before = await stack().state();

      // Act
      const answer = await send(stack().apiUrl, '/contact', { ...testCase.request, from: newAddress() });

      // Assess
      await expectRejected(testCase, answer);
      await expectNothingKeptSince(stack(), before);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'answers a filled honeypot like a real submission (202 with an id) and keeps and sends nothing',
    async () => {
      // Prepare
      const before = await stack().state();

      // Act
      const answer = await postJson(
        stack().apiUrl,
        '/contact',
        withField('website', 'https://spam.example'),
        {
          from: newAddress(),
        },
      );

      // Assess
      expect(answer.status).toBe(202);
      const { id } = answer.json as { id: string };
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      await expectNothingKeptSince(stack(), before);
      const emails = await stack().emails();
      expect(emails.filter((email) => email.body.text?.includes(id))).toEqual([]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'answers a filled honeypot in a plain form post with the usual 303 and keeps and sends nothing',
    async () => {
      // Prepare
      const before = await stack().state();

      // Act
      const answer = await postForm(stack().apiUrl, '/contact', withField('website', 'spam'), {
        from: newAddress(),
      });

      // Assess
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe(`${stack().apiUrl}/forms/thank-you?form=contact&lang=en`);
      await expectNothingKeptSince(stack(), before);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'drops unknown fields: the message is kept with the server’s own id, status and keys only',
    async () => {
      // Prepare
      const before = {
        items: (await stack().scanItems()).filter((item) => !BOOKKEEPING.has(String(item.kind))).length,
      };
      const sneaky = {
        ...valid,
        id: 'chosen-by-client',
        pk: 'REQUEST#chosen-by-client',
        status: 'closed',
        isAdmin: true,
        favouriteColour: 'blue',
      };

      // Act
      const answer = await postJson(stack().apiUrl, '/contact', sneaky, { from: newAddress() });

      // Assess
      expect(answer.status).toBe(202);
      const { id } = answer.json as { id: string };
      expect(id).not.toBe('chosen-by-client');
      const items = await stack().scanItems();
      // Beside the message, only the limits' own bookkeeping (rate counters, the confirmation claim).
      expect(items.filter((item) => !BOOKKEEPING.has(String(item.kind)))).toHaveLength(before.items + 1);
      const kept = items.find((item) => item.pk === `MESSAGE#${id}`);
      expect(kept).toMatchObject({ id, status: 'new', kind: 'contact-message' });
      expect(Object.keys(kept ?? {})).not.toEqual(expect.arrayContaining(['isAdmin']));
      expect(Object.keys(kept ?? {})).not.toEqual(expect.arrayContaining(['favouriteColour']));
      expect(items.some((item) => String(item.pk).includes('chosen-by-client'))).toBe(false);
      await eventually(async () =>
        (await stack().emails()).filter((email) => email.body.text?.includes(id)).length === 2
          ? true
          : undefined,
      );
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'takes the valid body the cases above start from (so each rejection is down to its one change)',
    async () => {
      // Prepare
      const before = {
        messages: (await stack().scanItems()).filter((item) => item.kind === 'contact-message').length,
        emails: (await stack().emails()).length,
      };

      // Act
      const answers = [
        await postJson(stack().apiUrl, '/contact', valid),
        await postForm(stack().apiUrl, '/contact', valid),
      ];
      await deliverControlMessage(stack());

      // Assess: both kept and told to staff; the sender's mailbox gets at most one confirmation a day
      expect(answers.map((answer) => answer.status)).toEqual([202, 303]);
      const messages = (await stack().scanItems()).filter((item) => item.kind === 'contact-message');
      expect(messages).toHaveLength(before.messages + 3);
      const added = (await stack().emails()).slice(before.emails);
      const toSender = added.filter((email) => email.destination.to.includes(valid.email)).length;
      expect(toSender).toBeLessThanOrEqual(1);
      // Two staff notices, and the control message's confirmation and notice.
      expect(added.length - toSender).toBe(4);
    },
    CASE_TIMEOUT_MS,
  );
});

interface RequestAnswer {
  readonly id: string;
  readonly status: string;
  readonly dueAt: string;
  readonly statusUrl: string;
}

describe('POST /requests: bad input', () => {
  const valid = {
    type: 'access',
    name: 'Kari Nordmann',
    email: 'kari@example.no',
    phone: '+47 412 34 567',
    birthDate: '1990-05-17',
    controller: 'sterk-helse',
    details: 'Alt dere har om meg, takk.',
    lang: 'en',
    website: '',
  };
  const childBirthDate = `${new Date().getUTCFullYear() - 10}-03-01`;
  const child = { name: 'Ola Nordmann', birthDate: childBirthDate, relationship: 'guardian' };
  const without = (field: keyof typeof valid) => {
    const { [field]: _dropped, ...rest } = valid;
    return rest;
  };
  const withField = (field: string, value: unknown) => ({ ...valid, [field]: value });
  let emails = 0;
  /** A valid request from a new person, so no test runs into another's rate limit or duplicate. */
  const fresh = (overrides: Record<string, unknown> = {}) => {
    emails += 1;
    return { ...valid, email: `kari.${emails}@example.no`, ...overrides };
  };
  const postFresh = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    postJson(stack().apiUrl, '/requests', body, { headers, from: newAddress() });

  const cases: BadInput[] = [
    fieldCase('no type', without('type'), { type: /Choose what you are asking for/ }),
    fieldCase('an empty type', withField('type', ''), { type: /Choose one of: access, rectification/ }),
    fieldCase('a type the policy does not offer', withField('type', 'delete-everything'), {
      type: /Choose one of: access, rectification, erasure, restriction, portability, objection, objection-general, withdraw-consent/,
    }),
    fieldCase('a type in capitals', withField('type', 'ACCESS'), { type: /Choose one of/ }),
    fieldCase('a type that is an array', withField('type', ['access']), {
      type: /Choose what you are asking for/,
    }),
    fieldCase('no name', without('name'), { name: /Enter your name/ }),
    fieldCase('a name of 201 characters', withField('name', 'K'.repeat(201)), { name: /at most 200/ }),
    fieldCase('no email', without('email'), { email: /Enter your email address/ }),
    fieldCase('an invalid email', withField('email', 'kari@@example.no'), { email: /valid email/ }),
    fieldCase('an invalid phone number', withField('phone', '000'), { phone: /8-digit/ }),
    fieldCase('a date of birth that does not exist', withField('birthDate', '1990-02-30'), {
      birthDate: /YYYY-MM-DD/,
    }),
    fieldCase('a date of birth written the Norwegian way', withField('birthDate', '17.05.1990'), {
      birthDate: /YYYY-MM-DD/,
    }),
    fieldCase('a date of birth without leading zeros', withField('birthDate', '1990-5-7'), {
      birthDate: /YYYY-MM-DD/,
    }),
    fieldCase('a date of birth in the future', withField('birthDate', '2999-01-01'), {
      birthDate: /cannot be in the future/,
    }),
    fieldCase('a date of birth that is a number', withField('birthDate', 19900517), {
      birthDate: /YYYY-MM-DD/,
    }),
    fieldCase('an unknown controller', withField('controller', 'sterk-bergen'), {
      controller: /Choose one of the companies/,
    }),
    fieldCase('details of 5,001 characters', withField('details', 'd'.repeat(5001)), {
      details: /at most 5,000/,
    }),
    fieldCase(
      'a rectification without details',
      { ...without('details'), type: 'rectification' },
      {
        details: /what is wrong and what it should say/,
      },
    ),
    fieldCase(
      'a rectification with empty details',
      { ...valid, type: 'rectification', details: '' },
      {
        details: /what is wrong and what it should say/,
      },
    ),
    fieldCase(
      'a rectification with details of only spaces',
      { ...valid, type: 'rectification', details: '  \n ' },
      {
        details: /what is wrong and what it should say/,
      },
    ),
    fieldCase('an unknown language', withField('lang', 'se'), { lang: /^Velg nb eller en$/ }),
    fieldCase('a honeypot that is an object', withField('website', { url: 'x' }), { website: /./ }),
    fieldCase('on behalf of someone given as a string', withField('onBehalfOf', 'my son'), {
      onBehalfOf: /child's name and date of birth/,
    }),
    fieldCase('on behalf of someone with nothing filled in', withField('onBehalfOf', {}), {
      'onBehalfOf.name': /child's name/,
      'onBehalfOf.birthDate': /YYYY-MM-DD/,
      'onBehalfOf.relationship': /parental responsibility/,
    }),
    fieldCase(
      'on behalf of a child by a parent who is not the guardian',
      withField('onBehalfOf', { ...child, relationship: 'parent' }),
      {
        'onBehalfOf.relationship': /parental responsibility/,
      },
    ),
    fieldCase('on behalf of an adult', withField('onBehalfOf', { ...child, birthDate: '1990-01-01' }), {
      'onBehalfOf.birthDate': /only for someone under 18/,
    }),
    fieldCase(
      'on behalf of a child born in the future',
      withField('onBehalfOf', { ...child, birthDate: '2999-01-01' }),
      {
        'onBehalfOf.birthDate': /cannot be in the future/,
      },
    ),
    fieldCase('on behalf of a child without a name', withField('onBehalfOf', { ...child, name: ' ' }), {
      'onBehalfOf.name': /child's name/,
    }),
    fieldCase(
      'a plain form post on behalf of a child with only the name filled in',
      withField('onBehalfOf', { name: 'Ola', birthDate: '', relationship: '' }),
      { 'onBehalfOf.birthDate': /YYYY-MM-DD/, 'onBehalfOf.relationship': /parental responsibility/ },
      form,
    ),
    fieldCase(
      'a plain form post of a rectification without details',
      { ...valid, type: 'rectification', details: '' },
      {
        details: /what is wrong and what it should say/,
      },
      form,
    ),
    ...bodyCases(valid),
    ...['short', 'k'.repeat(129), 'has a space inside', 'tab\tinside-the-key', ''].map(
      (key): BadInput => ({
        title: `an Idempotency-Key ${JSON.stringify(key.length > 20 ? `${key.slice(0, 8)}… (${key.length})` : key)}`,
        request: { ...json(valid), headers: { 'idempotency-key': key } },
        status: 400,
        code: 'invalid_idempotency_key',
      }),
    ),
  ];

  it.each(cases.map((testCase) => [testCase.title, testCase] as const))(
    'rejects %s and keeps nothing',
    async (_title, testCase) => {
      // Prepare
      const before = await stack().state();

      // Act
      const answer = await send(stack().apiUrl, '/requests', { ...testCase.request, from: newAddress() });

      // Assess
      await expectRejected(testCase, answer);
      await expectNothingKeptSince(stack(), before);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'answers a filled honeypot like a real request (202, id, due date, status link) and keeps and sends nothing',
    async () => {
      // Prepare
      const before = await stack().state();

      // Act
      const answer = await postFresh(fresh({ website: 'https://spam.example' }));

      // Assess
      expect(answer.status).toBe(202);
      const body = answer.json as RequestAnswer;
      expect(body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'awaiting-verification',
        dueAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        statusUrl: expect.stringContaining(`${stack().apiUrl}/requests/${body.id}/status?token=`),
      });
      await expectNothingKeptSince(stack(), before);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'answers a filled honeypot in a plain form post with the usual 303 to a status page and keeps nothing',
    async () => {
      // Prepare
      const before = await stack().state();

      // Act
      const answer = await postForm(stack().apiUrl, '/requests', fresh({ website: 'spam' }), {
        from: newAddress(),
      });

      // Assess
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toMatch(
        new RegExp(`^${stack().apiUrl}/requests/[0-9a-f-]{36}/status\\?token=[^&]+&lang=en$`),
      );
      await expectNothingKeptSince(stack(), before);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'keeps nothing for a filled honeypot with an Idempotency-Key, not even a replay record, and answers as usual',
    async () => {
      // Prepare
      const before = await countByKind(stack());
      const body = fresh({ website: 'x' });
      const headers = { 'idempotency-key': `honeypot-${Date.now()}` };

      // Act
      const first = await postFresh(body, headers);
      const replay = await postFresh(body, headers);

      // Assess
      expect([first.status, replay.status]).toEqual([202, 202]);
      expect(Object.keys(replay.json as object).sort()).toEqual(Object.keys(first.json as object).sort());
      expect(await countByKind(stack())).toEqual(before);
      const { id } = first.json as RequestAnswer;
      await deliverControlMessage(stack());
      expect((await stack().emails()).filter((email) => email.body.text?.includes(id))).toEqual([]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'drops unknown fields: the request is kept with the server’s own id and status, and none of them',
    async () => {
      // Prepare
      const body = fresh({
        id: 'chosen-by-client',
        status: 'verified',
        kind: 'duplicate',
        isAdmin: true,
        pk: 'MESSAGE#x',
      });

      // Act
      const answer = await postFresh(body);

      // Assess
      expect(answer.status).toBe(202);
      const { id, status } = answer.json as RequestAnswer;
      expect(id).not.toBe('chosen-by-client');
      expect(status).toBe('awaiting-verification');
      const items = await stack().scanItems();
      const kept = items.find((item) => item.pk === `REQUEST#${id}`);
      expect(kept).toMatchObject({ id, status: 'awaiting-verification', kind: 'request' });
      expect(kept).not.toHaveProperty('isAdmin');
      expect(
        items.some((item) => String(item.pk).includes('chosen-by-client') || item.pk === 'MESSAGE#x'),
      ).toBe(false);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'answers the same Idempotency-Key and body twice with the same answer, and keeps and sends it once',
    async () => {
      // Prepare
      const body = fresh({ type: 'portability' });
      const headers = { 'idempotency-key': `same-${Date.now()}` };
      const before = await countByKind(stack());

      // Act
      const first = await postFresh(body, headers);
      const second = await postFresh(body, headers);

      // Assess
      expect([first.status, second.status]).toEqual([202, 202]);
      expect(second.json).toEqual(first.json);
      const after = await countByKind(stack());
      expect(after.REQUEST).toBe((before.REQUEST ?? 0) + 1);
      expect(after.IDEMPOTENCY).toBe((before.IDEMPOTENCY ?? 0) + 1);
      const { id } = first.json as RequestAnswer;
      await eventually(async () =>
        (await stack().emails()).some((email) => email.body.text?.includes(id)) ? true : undefined,
      );
      await deliverControlMessage(stack());
      expect((await stack().emails()).filter((email) => email.body.text?.includes(id))).toHaveLength(1);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'refuses the same Idempotency-Key with another body (422) and keeps nothing for it',
    async () => {
      // Prepare
      const key = `reused-${Date.now()}`;
      const body = fresh({ type: 'restriction' });
      const first = await postFresh(body, { 'idempotency-key': key });
      expect(first.status).toBe(202);
      await deliverControlMessage(stack());
      const before = await stack().state();

      // Act
      const answer = await postFresh({ ...body, details: 'Something else' }, { 'idempotency-key': key });

      // Assess
      expect(answer.status).toBe(422);
      expect(errorOf(answer).code).toBe('idempotency_key_reused');
      await expectNothingKeptSince(stack(), before);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'keeps one request when the same Idempotency-Key and body arrive five times at once (the rest replay, or get 409 with Retry-After)',
    async () => {
      // Prepare
      const body = fresh({ type: 'objection' });
      const headers = { 'idempotency-key': `burst-${Date.now()}` };
      const before = await countByKind(stack());

      // Act
      const answers = await Promise.all(Array.from({ length: 5 }, () => postFresh(body, headers)));

      // Assess
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.every((status) => status === 202 || status === 409)).toBe(true);
      const ids = new Set(answers.filter((a) => a.status === 202).map((a) => (a.json as RequestAnswer).id));
      expect(ids.size).toBe(1);
      for (const answer of answers.filter((a) => a.status === 409)) {
        expect(errorOf(answer).code).toBe('in_progress');
        expect(answer.headers.get('retry-after')).toBe('2');
      }
      expect((await countByKind(stack())).REQUEST).toBe((before.REQUEST ?? 0) + 1);
    },
    CASE_TIMEOUT_MS,
  );

  it('answers the sixth request from one email address within the hour with 429 and Retry-After, and keeps nothing for it', async () => {
    // Prepare
    await awayFromWindowEdge(3600, 20);
    const body = fresh();
    const from = newAddress();
    const types = ['access', 'erasure', 'restriction', 'portability', 'objection'];
    for (const type of types) {
      const accepted = await postJson(stack().apiUrl, '/requests', { ...body, type }, { from });
      expect(accepted.status).toBe(202);
    }
    await deliverControlMessage(stack());
    const before = await stack().state();

    // Act
    const answer = await postJson(
      stack().apiUrl,
      '/requests',
      { ...body, type: 'withdraw-consent' },
      { from: newAddress() },
    );

    // Assess
    expect(answer.status).toBe(429);
    expect(errorOf(answer).code).toBe('rate_limited');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectNothingKeptSince(stack(), before);
  }, 60_000);

  it('answers the 31st request from one client address within ten minutes with 429, keeping only a rate counter', async () => {
    // Prepare
    await awayFromWindowEdge(600, 30);
    const from = newAddress();
    for (let n = 0; n < 30; n++) {
      const accepted = await postJson(stack().apiUrl, '/requests', fresh(), { from });
      expect(accepted.status).toBe(202);
    }
    await deliverControlMessage(stack());
    const before = await countByKind(stack());

    // Act
    const answer = await postJson(stack().apiUrl, '/requests', fresh(), { from });

    // Assess
    expect(answer.status).toBe(429);
    expect(errorOf(answer).code).toBe('rate_limited');
    // The new address's own counter is counted before the client's limit is checked.
    expect(await countByKind(stack())).toEqual({ ...before, RATE: (before.RATE ?? 0) + 1 });
  }, 90_000);

  it(
    'takes the valid body the cases above start from, as JSON (202) and as a plain form post (303)',
    async () => {
      // Prepare
      const before = await countByKind(stack());

      // Act
      const answers = [
        await postJson(stack().apiUrl, '/requests', fresh(), { from: newAddress() }),
        await postForm(stack().apiUrl, '/requests', fresh({ onBehalfOf: child }), { from: newAddress() }),
      ];

      // Assess
      expect(answers.map((answer) => answer.status)).toEqual([202, 303]);
      expect((await countByKind(stack())).REQUEST).toBe((before.REQUEST ?? 0) + 2);
    },
    CASE_TIMEOUT_MS,
  );
});
