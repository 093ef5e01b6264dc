import { readFileSync } from 'node:fs';
import { validatePolicy } from '../../../lambdas/domain/policy/validate';
import { repoRoot } from '../../../lib/paths';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startTestDatabase,
  type TestDatabase,
} from '../../adapters/store/dynalite-table';
import { apiEvent, lambdaContext } from '../../support/api-event';

// With no version published yet, the function serves the bundled document (the seed version).
let database: TestDatabase;
let handler: typeof import('../../../lambdas/handlers/api/get-policy').handler;

beforeAll(async () => {
  database = await startTestDatabase();
  Object.assign(process.env, {
    TABLE_NAME: await database.newTable(),
    AWS_ENDPOINT_URL_DYNAMODB: database.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  ({ handler } = await import('../../../lambdas/handlers/api/get-policy'));
});

afterAll(async () => {
  await database.stop();
});

const get = (options: Parameters<typeof apiEvent>[0]) =>
  handler(apiEvent(options), lambdaContext('get-policy'));

describe('Handler: get-policy', () => {
  it('serves the policy page in Norwegian by default', async () => {
    // Act
    const response = await get({ resource: '/policy' });

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['Content-Type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<html lang="nb"');
    expect(response.headers?.ETag).toMatch(/^"1\.1\.0-nb-[0-9a-f]{16}"$/);
  });

  it.each([
    ['?lang=en', 'en', { query: { lang: 'en' } }],
    ['Accept-Language: en', 'en', { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } }],
    ['an unknown lang', 'nb', { query: { lang: 'xx' } }],
    ['a malformed lang', 'nb', { query: { lang: '<script>' } }],
    ['a malformed Accept-Language', 'nb', { headers: { 'Accept-Language': ';;;q=abc,' } }],
  ])('answers %s in %s', async (_, lang, options) => {
    // Act
    const response = await get({ resource: '/policy', ...options });

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`<html lang="${lang}"`);
  });

  it('answers 304 with no body when If-None-Match holds the current ETag', async () => {
    // Prepare
    const first = await get({ resource: '/policy', query: { lang: 'en' } });
    const etag = String(first.headers?.ETag);

    // Act
    const response = await get({
      resource: '/policy',
      query: { lang: 'en' },
      headers: { 'If-None-Match': etag },
    });

    // Assess
    expect(response.statusCode).toBe(304);
    expect(response.body).toBe('');
    expect(response.headers?.ETag).toBe(etag);
  });

  it("answers 200 when If-None-Match holds the other language's ETag", async () => {
    // Prepare
    const nb = await get({ resource: '/policy' });

    // Act
    const response = await get({
      resource: '/policy',
      query: { lang: 'en' },
      headers: { 'If-None-Match': String(nb.headers?.ETag) },
    });

    // Assess
    expect(response.statusCode).toBe(200);
  });

  it('serves the whole document as JSON at /policy.json', async () => {
    // Act
    const response = await get({ resource: '/policy.json' });

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['Content-Type']).toBe('application/json; charset=utf-8');
    expect(validatePolicy(JSON.parse(response.body)).ok).toBe(true);
  });

  it('sends caching and security headers, with a CSP that allows only its own stylesheet', async () => {
    // Act
    const response = await get({ resource: '/policy' });

    // Assess
    expect(response.headers).toMatchObject({
      'Cache-Control': 'public, max-age=300, must-revalidate',
      Vary: 'Accept-Language',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    expect(response.headers?.['Strict-Transport-Security']).toContain('max-age=');
    const csp = String(response.headers?.['Content-Security-Policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]{44}'/);
    expect(response.body).not.toContain('<script');
  });
});

describe('Document: policy/sterk.json', () => {
  it('is stored in the canonical form the schema produces, so the bundled copy needs no parsing', () => {
    // Prepare
    const raw = JSON.parse(readFileSync(`${repoRoot}/policy/sterk.json`, 'utf8'));

    // Act
    const result = validatePolicy(raw);

    // Assess
    expect(result.ok).toBe(true);
    expect(result.ok && result.policy).toEqual(raw);
  });
});

describe('Handler: get-policy security headers', () => {
  it('names no reporting group in the CSP, since none is declared', async () => {
    // Act
    const response = await get({ resource: '/policy' });

    // Assess
    expect(String(response.headers?.['Content-Security-Policy'])).not.toContain('report-to');
    expect(response.headers?.['Report-To']).toBeUndefined();
  });
});
