import { createHash } from 'node:crypto';
import { POLICY_PAGE_STYLE } from '../../../lambdas/domain/policy/page-style';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startTestDatabase,
  type TestDatabase,
} from '../../adapters/store/dynalite-table';
import { apiEvent, lambdaContext } from '../../support/api-event';

// The privacy centre (`GET /`) is served by the policy function, from the version in effect (here the seed).
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

describe('Handler: get-policy, the privacy centre at /', () => {
  it.each([
    ['no preference', 'nb', {}],
    ['?lang=en', 'en', { query: { lang: 'en' } }],
    ['Accept-Language: en', 'en', { headers: { 'Accept-Language': 'en-GB,en;q=0.9,nb;q=0.5' } }],
    ['Accept-Language: nn', 'nb', { headers: { 'Accept-Language': 'nn-NO' } }],
    [
      '?lang=nb over an English browser',
      'nb',
      { query: { lang: 'nb' }, headers: { 'Accept-Language': 'en' } },
    ],
  ])('answers %s in %s, as /policy does', async (_, lang, options) => {
    // Act
    const response = await get({ resource: '/', ...options });

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['Content-Type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain(`<html lang="${lang}">`);
    expect(response.body).toContain(lang === 'nb' ? 'Personvern hos STERK' : 'Privacy at STERK');
    expect(response.headers?.ETag).toMatch(new RegExp(`^"centre-1\\.1\\.0-${lang}-[0-9a-f]{16}"$`));
  });

  it("sends the notice's caching and security headers, and a CSP that allows only the shared stylesheet", async () => {
    // Act
    const response = await get({ resource: '/' });

    // Assess
    expect(response.headers).toMatchObject({
      'Cache-Control': 'public, max-age=300, must-revalidate',
      Vary: 'Accept-Language',
      'X-Content-Type-Options': 'nosniff',
    });
    const csp = String(response.headers?.['Content-Security-Policy']);
    const styleHash = createHash('sha256').update(POLICY_PAGE_STYLE).digest('base64');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'sha256-${styleHash}'`);
    expect(csp).not.toContain('script-src');
    expect(response.body).not.toContain('<script');
  });

  it('answers 304 when If-None-Match holds its ETag', async () => {
    // Prepare
    const first = await get({ resource: '/', query: { lang: 'en' } });

    // Act
    const response = await get({
      resource: '/',
      query: { lang: 'en' },
      headers: { 'If-None-Match': String(first.headers?.ETag) },
    });

    // Assess
    expect(response.statusCode).toBe(304);
    expect(response.body).toBe('');
  });

  it('sends /v1 on to /v1/, where its relative links resolve inside the stage', async () => {
    // Act: the execute-api address without the slash (requestContext.path is then "/v1")
    const response = await get({ resource: '/', path: '', query: { lang: 'en' } });

    // Assess
    expect(response.statusCode).toBe(301);
    expect(response.headers?.Location).toBe('v1/?lang=en');
    expect(new URL(String(response.headers?.Location), 'https://api.example/v1').pathname).toBe('/v1/');
  });

  it('links to the notice, the forms and the complaint relative to the root', async () => {
    // Act
    const response = await get({ resource: '/', query: { lang: 'en' } });

    // Assess
    for (const path of ['policy', 'forms/request', 'forms/contact']) {
      expect(response.body).toContain(`href="./${path}?lang=en"`);
    }
  });
});

describe('Handler: get-policy, links from the notice to the forms', () => {
  it('links from /policy to ./forms/request and back to the centre', async () => {
    // Act
    const response = await get({ resource: '/policy', query: { lang: 'en' } });

    // Assess
    expect(response.body).toContain('href="./forms/request?lang=en"');
    expect(response.body).toContain('href="./?lang=en"');
  });

  it('links from /policy/versions/{version} two levels up, to the same forms', async () => {
    // Act
    const response = await get({
      resource: '/policy/versions/{version}',
      path: '/policy/versions/1.1.0',
      pathParameters: { version: '1.1.0' },
      query: { lang: 'en' },
    });

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('href="../../forms/request?lang=en"');
    expect(response.body).toContain('href="../../?lang=en"');
    expect(new URL('../../forms/request', 'https://api.example/v1/policy/versions/1.1.0').pathname).toBe(
      '/v1/forms/request',
    );
  });
});
