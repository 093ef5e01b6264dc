/**
 * fast-check arbitraries for fuzzing the API over HTTP: submission bodies (valid ones, valid ones with
 * mutated fields, random JSON, random bytes, unicode, oversize), content types, Accept and other headers,
 * and paths and queries. Header values stay within what fetch may send (printable ASCII).
 */
import fc from 'fast-check';
import { FORM_TYPE, formBody, JSON_TYPE } from '../support/http-submissions';

/** What one generated request carries; `body` is sent as bytes, so fetch adds no Content-Type itself. */
export interface GeneratedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Uint8Array;
  /** The client address to send from (127.x.y.z); the default is 127.0.0.1. */
  readonly from?: string;
  /** How the body was made, for the statistics and for a readable counterexample. */
  readonly kind: string;
  /** True when the body is valid by construction and sent as JSON or a form: it must be accepted. */
  readonly mustAccept?: boolean;
}

/** Printable ASCII with spaces inside, never at the ends: any such value is a legal header value. */
export const headerText = (maxLength = 60) =>
  fc
    .string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength })
    .chain((text) =>
      fc.array(fc.nat({ max: text.length }), { maxLength: 3 }).map((spaces) => {
        let spaced = text;
        for (const at of spaces.sort((a, b) => b - a)) {
          if (at > 0 && at < spaced.length) spaced = `${spaced.slice(0, at)} ${spaced.slice(at)}`;
        }
        return spaced;
      }),
    );

/** Lone surrogates become U+FFFD, so encodeURIComponent takes the string (a body may still carry them). */
export const wellFormed = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const LONE_SURROGATES = fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF');

/** Strings people and bots type: unicode of every kind, control characters, lone surrogates, near-limit lengths. */
export const nastyString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'binary-ascii', maxLength: 30 }),
  fc.string({
    unit: fc.oneof(LONE_SURROGATES, fc.constantFrom('a', '\u0000', '\u202E', '\uFEFF', ' ')),
    maxLength: 10,
  }),
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '\u0024{jndi:ldap://x}',
    '{{7*7}}',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    '%00',
    '\u0000',
    'null',
    'undefined',
    'NaN',
    '1e309',
    '😀'.repeat(100),
  ),
  fc
    .constantFrom(199, 200, 201, 253, 254, 255, 4999, 5000, 5001, 10_000, 10_001, 20_000)
    .chain((length) => fc.constantFrom('x', 'é', '😀', ' ').map((unit) => unit.repeat(length))),
);

/** Values of the wrong JSON type, and deep or odd ones. */
export const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

type Field = fc.Arbitrary<unknown>;

/** A field's valid value (mostly), or it missing, or a nasty string, or a wrong type. */
function mutable(valid: Field, validWeight: number): Field {
  return fc.oneof(
    { arbitrary: valid, weight: validWeight },
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: nastyString, weight: 1 },
    { arbitrary: wrongType, weight: 1 },
  );
}

/** A submission as an object: its fields valid by construction, or mutated; plus unknown keys at times. */
export function submissionObject(
  validFields: Record<string, Field>,
): fc.Arbitrary<{ body: Record<string, unknown>; valid: boolean }> {
  // Optional fields' arbitraries yield undefined at times: such a key is left out.
  const valid = fc.record(validFields);
  const mutated = fc.record(
    Object.fromEntries(Object.entries(validFields).map(([name, arb]) => [name, mutable(arb, 12)])),
  );
  const extras = fc.dictionary(
    fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'id', 'pk', 'status')),
    wrongType,
    { maxKeys: 3 },
  );
  const clean = (body: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
  return fc.oneof(
    { arbitrary: valid.map((body) => ({ body: clean(body), valid: true })), weight: 2 },
    { arbitrary: mutated.map((body) => ({ body: clean(body), valid: false })), weight: 3 },
    {
      arbitrary: fc
        .tuple(mutated, extras)
        .map(([body, extra]) => ({ body: { ...clean(body), ...extra }, valid: false })),
      weight: 1,
    },
  );
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** A counterexample prints as the request with its body as text (cut at 2,000 characters), not as bytes. */
export function printable(request: GeneratedRequest): GeneratedRequest {
  return Object.assign(request, {
    [fc.toStringMethod]: () =>
      JSON.stringify({
        ...request,
        body: request.body === undefined ? undefined : new TextDecoder().decode(request.body).slice(0, 2000),
        bodyBytes: request.body?.length,
      }),
  });
}

/**
 * A Content-Type header: JSON and form types as browsers and clients write them (over half the time), other
 * types, none at all, or garbage with charset parameters.
 */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      JSON_TYPE,
      'application/json; charset=utf-8',
      'Application/JSON;charset=UTF-8',
    ),
    weight: 3,
  },
  {
    arbitrary: fc.constantFrom(
      FORM_TYPE,
      `${FORM_TYPE}; charset=utf-8`,
      `${FORM_TYPE.toUpperCase()};charset=x`,
    ),
    weight: 3,
  },
  {
    arbitrary: fc.constantFrom(
      'text/plain',
      'text/plain;charset=UTF-8',
      'multipart/form-data; boundary=----fuzz',
      'application/xml',
      'application/octet-stream',
      'application/merge-patch+json',
      'text/json',
      '',
    ),
    weight: 2,
  },
  { arbitrary: fc.constant(undefined), weight: 1 },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('application/json', FORM_TYPE, 'text/html', 'x/y', ''),
        headerText(20),
        headerText(20),
      )
      .map(([type, charset, junk]) => `${type}; charset=${charset}; ${junk}`),
    weight: 1,
  },
  { arbitrary: headerText(), weight: 1 },
);

/** The body encoding the server will use for a Content-Type, as readSubmissionBody decides it. */
export function mediaTypeOf(type: string | undefined): 'json' | 'form' | 'other' {
  const media = (type ?? '').split(';')[0]?.trim().toLowerCase();
  if (media === JSON_TYPE) return 'json';
  if (media === FORM_TYPE) return 'form';
  return 'other';
}

export const accept: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(
    undefined,
    'application/json',
    'text/html',
    'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'application/json, text/html',
    'text/html, application/json',
    '*/*',
    '',
  ),
  headerText(),
);

export const idempotencyKey: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.uuid(),
  headerText(300),
);

/**
 * Where a request comes from: mostly one of many addresses, so the per-client rate limit (30 per ten
 * minutes for requests) seldom bites; now and then the one busy address that runs into it.
 */
export const clientAddress: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant('127.0.0.1'), weight: 1 },
  {
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1, max: 254 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 1, max: 254 }),
      )
      .map(([a, b, c]) => `127.${a}.${b}.${c}`),
    weight: 5,
  },
);

export const acceptLanguage: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(undefined, 'en', 'nb-NO,nb;q=0.9,en;q=0.8', 'en;q=0, nb;q=abc', '*', ''),
  headerText(),
);

/**
 * A POST with a body: a submission object encoded as JSON or a form (matching its Content-Type or not),
 * random JSON, random bytes, random unicode, a random form string, or an oversize body.
 */
export function submissionRequest(
  path: string,
  validFields: Record<string, Field>,
  options: { readonly idempotencyKey?: fc.Arbitrary<string | undefined> } = {},
): fc.Arbitrary<GeneratedRequest> {
  const object = submissionObject(validFields);
  const encoded = fc.tuple(object, contentType).map(([{ body, valid }, type]) => {
    const media = mediaTypeOf(type);
    const asForm = media === 'form';
    return {
      kind: valid ? `valid object as ${media}` : `mutated object as ${media}`,
      type,
      text: asForm ? formBody(body) : JSON.stringify(body),
      mustAccept: valid && media !== 'other',
    };
  });
  const raw = fc.oneof(
    fc.json({ maxDepth: 3 }).map((text) => ({ kind: 'random JSON', text: text as string | Uint8Array })),
    fc
      .uint8Array({ maxLength: 2000 })
      .map((data) => ({ kind: 'random bytes', text: data as string | Uint8Array })),
    fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ kind: 'random unicode', text })),
    fc
      .array(
        fc.tuple(fc.oneof(nastyString, fc.constantFrom('name', 'email', 'a.b', 'a.b.c', '.x')), nastyString),
        {
          maxLength: 6,
        },
      )
      .map((pairs) => ({
        kind: 'random form string',
        text: pairs
          .map(([k, v]) => `${encodeURIComponent(wellFormed(k))}=${encodeURIComponent(wellFormed(v))}`)
          .join('&'),
      })),
    fc.constantFrom(65_000, 65_537, 70_000, 200_000).map((size) => ({
      kind: 'oversize',
      text: JSON.stringify({ name: 'Kari', email: 'kari@example.no', message: 'x'.repeat(size) }),
    })),
  );
  const rawWithType = fc.tuple(raw, contentType).map(([{ kind, text }, type]) => ({
    kind,
    type,
    text,
    mustAccept: false,
  }));
  return fc
    .record({
      payload: fc.oneof({ arbitrary: encoded, weight: 4 }, { arbitrary: rawWithType, weight: 1 }),
      accept,
      idempotencyKey: options.idempotencyKey ?? idempotencyKey,
      acceptLanguage,
      from: clientAddress,
    })
    .map(({ payload, accept: acceptValue, idempotencyKey: key, acceptLanguage: language, from }) => {
      const headers: Record<string, string> = {};
      if (payload.type !== undefined) headers['content-type'] = payload.type;
      if (acceptValue !== undefined) headers.accept = acceptValue;
      if (key !== undefined) headers['idempotency-key'] = key;
      if (language !== undefined) headers['accept-language'] = language;
      return printable({
        method: 'POST',
        path,
        headers,
        body: typeof payload.text === 'string' ? bytes(payload.text) : payload.text,
        from,
        kind: payload.kind,
        mustAccept: payload.mustAccept,
      });
    });
}

/** A query string of random keys and values, with the keys the pages read, and raw broken escapes at times. */
export function query(keys: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 }), nastyString);
  const value = fc.oneof(
    fc.constantFrom('nb', 'en', 'EN', 'nn', 'no', 'contact', 'request', 'thank-you', ''),
    nastyString,
  );
  const encoded = fc.array(fc.tuple(key, value), { maxLength: 4 }).map((pairs) => {
    const params = new URLSearchParams();
    for (const [k, v] of pairs) params.append(wellFormed(k), wellFormed(v));
    return params.toString();
  });
  const broken = fc.constantFrom(
    'lang=%zz',
    'lang=%E0%A4%A',
    '%',
    '&&&',
    '=',
    'lang',
    'lang=en&lang=nb',
    'form=%00',
  );
  return fc
    .oneof(
      { arbitrary: encoded, weight: 4 },
      { arbitrary: broken, weight: 1 },
      { arbitrary: fc.webQueryParameters(), weight: 1 },
    )
    .map((text) => (text === '' ? '' : `?${text}`));
}

/** Request headers a GET may carry: Accept, Accept-Language, If-None-Match (random or a real tag). */
export function getHeaders(etags: readonly string[]): fc.Arbitrary<Record<string, string>> {
  const ifNoneMatch = fc.oneof(
    fc.constant(undefined),
    fc.constant('*'),
    fc.constantFrom(...etags, ...etags.map((tag) => `W/${tag}`), ...etags.map((tag) => `"x", ${tag}`)),
    headerText(),
  );
  return fc
    .record({ accept, acceptLanguage, ifNoneMatch }, { requiredKeys: [] })
    .map(({ accept: a, acceptLanguage: l, ifNoneMatch: tag }) => {
      const headers: Record<string, string> = {};
      if (a !== undefined) headers.accept = a;
      if (l !== undefined) headers['accept-language'] = l;
      if (tag !== undefined) headers['if-none-match'] = tag;
      return headers;
    });
}

/** One path segment: a known one, a web-safe one, any unicode (percent-encoded), or raw broken escapes. */
export const segment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'contact',
    'request',
    'thank-you',
    'Contact',
    'REQUEST',
    'thank-you.html',
    'contact%20',
    '%63ontact',
  ),
  fc.webSegment(),
  nastyString.map((text) => encodeURIComponent(wellFormed(text))),
  fc.constantFrom('%zz', '%', '%E0%A4%A', '%2F', '%2e%2e', '..%2F..', '%C0%AF', '%00'),
);

export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;
