import { createHash } from 'node:crypto';
import { FORM_PAGE_STYLE, FORM_SCRIPT } from '../../../lambdas/domain/forms/render';
import { handler } from '../../../lambdas/handlers/api/get-form';
import { apiEvent, lambdaContext } from '../../support/api-event';

const get = (
  form: string,
  options: { query?: Record<string, string>; headers?: Record<string, string> } = {},
) =>
  handler(
    apiEvent({ resource: '/forms/{form}', path: `/forms/${form}`, pathParameters: { form }, ...options }),
    lambdaContext('get-form'),
  );

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The CSP as a directive → value map. */
function csp(headers: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(
    String(headers?.['Content-Security-Policy'])
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name = '', ...values]) => [name, values.join(' ')]),
  );
}

describe('Handler: get-form', () => {
  it.each([
    ['contact', {}, 'nb', /<h1>Kontakt oss<\/h1>/],
    ['contact', { lang: 'en' }, 'en', /<h1>Contact us<\/h1>/],
    ['request', {}, 'nb', /<input type="radio"[^>]*value="access"/],
    ['request', { lang: 'en' }, 'en', /<h1>Make a request about your personal data<\/h1>/],
    ['thank-you', { form: 'contact' }, 'nb', /<h1>Takk for meldingen<\/h1>/],
    ['thank-you', { form: 'contact', lang: 'en' }, 'en', /<h1>Thank you for your message<\/h1>/],
    ['thank-you', { form: 'request' }, 'nb', /<h1>Sjekk e-posten din<\/h1>/],
    ['thank-you', { form: 'request', lang: 'en' }, 'en', /six-digit code/],
  ])('serves /forms/%s?%o in %s', async (form, query, lang, content) => {
    // Act
    const response = await get(form, { query });

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['Content-Type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain(`<html lang="${lang}">`);
    expect(response.body).toMatch(content);
    expect(response.headers?.ETag).toMatch(/^"1\.1\.0-[a-z-]+-(nb|en)-[0-9a-f]{16}"$/);
  });

  it.each([
    ['Accept-Language: en-GB', { 'Accept-Language': 'en-GB,en;q=0.9' }, {}, 'en'],
    ['?lang=nb over Accept-Language: en', { 'Accept-Language': 'en' }, { lang: 'nb' }, 'nb'],
    ['a malformed lang', {}, { lang: '<script>' }, 'nb'],
  ])('negotiates the language from %s', async (_, headers, query, lang) => {
    // Act
    const response = await get('request', { headers, query });

    // Assess
    expect(response.body).toContain(`<html lang="${lang}">`);
    expect(response.body).toContain(`<input type="hidden" name="lang" value="${lang}">`);
  });

  it('links relative to /forms/, so the pages work under the API stage prefix', async () => {
    // Act
    const response = await get('request', { query: { lang: 'en' } });

    // Assess
    expect(response.body).toContain('action="../requests"');
    expect(response.body).toContain('data-thank-you="../forms/thank-you?form=request&amp;lang=en"');
    expect(response.body).toContain('<a href="../policy?lang=en">');
  });

  it.each([
    ['an unknown form', 'complaint', {}],
    ['the thank-you page without ?form=', 'thank-you', {}],
    ['the thank-you page for an unknown form', 'thank-you', { form: 'newsletter' }],
    ['a thank-you variant by its internal name', 'thank-you-request', {}],
  ])('answers 404 in the error format for %s', async (_, form, query) => {
    // Act
    const response = await get(form, { query });

    // Assess
    expect(response.statusCode).toBe(404);
    expect(response.headers?.['Content-Type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body)).toEqual({
      error: { code: 'not_found', message: expect.stringContaining('/forms/contact') },
    });
  });

  it('answers 304 with no body when If-None-Match holds the current ETag', async () => {
    // Prepare
    const first = await get('contact', { query: { lang: 'en' } });
    const etag = String(first.headers?.ETag);

    // Act
    const response = await get('contact', { query: { lang: 'en' }, headers: { 'If-None-Match': etag } });

    // Assess
    expect(response.statusCode).toBe(304);
    expect(response.body).toBe('');
    expect(response.headers?.ETag).toBe(etag);
  });

  it.each([
    ['the other language', 'contact', { lang: 'nb' }],
    ['the other form', 'request', { lang: 'en' }],
    ['a thank-you page', 'thank-you', { form: 'contact', lang: 'en' }],
  ])("answers 200 when If-None-Match holds %s's ETag", async (_, form, query) => {
    // Prepare
    const contactEn = await get('contact', { query: { lang: 'en' } });

    // Act
    const response = await get(form, {
      query,
      headers: { 'If-None-Match': String(contactEn.headers?.ETag) },
    });

    // Assess
    expect(response.statusCode).toBe(200);
  });

  it('sends caching headers and a CSP that allows only its own style, its own script and same-origin posts', async () => {
    // Act
    const response = await get('request');

    // Assess
    expect(response.headers).toMatchObject({
      'Cache-Control': 'public, max-age=300',
      Vary: 'Accept-Language',
      'X-Content-Type-Options': 'nosniff',
    });
    expect(csp(response.headers)).toMatchObject({
      'default-src': "'none'",
      'style-src': hash(FORM_PAGE_STYLE),
      'script-src': hash(FORM_SCRIPT),
      'form-action': "'self'",
      'connect-src': "'self'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
  });

  it('may not be framed by anyone when the deployment names no website origins', async () => {
    // Act
    const responses = await Promise.all([get('contact'), get('thank-you', { query: { form: 'request' } })]);

    // Assess
    for (const response of responses) {
      expect(csp(response.headers)['frame-ancestors']).toBe("'none'");
      expect(response.headers?.['X-Frame-Options']).toBe('DENY');
      expect(response.body).toContain('<body>');
    }
    // The thank-you page has no form, and without a website to tell its height, no script either.
    expect(responses[1]?.body).not.toContain('<script');
  });

  it('keeps the sandbox from blocking the form post, the script and same-origin requests', async () => {
    // Act
    const sandbox = csp((await get('contact')).headers).sandbox;

    // Assess
    expect(sandbox?.split(' ').sort()).toEqual(['allow-forms', 'allow-same-origin', 'allow-scripts']);
  });
});
