import { createHash } from 'node:crypto';
import { FORM_SCRIPT } from '../../../lambdas/domain/forms/render';
import { apiEvent, lambdaContext } from '../../support/api-event';

// The forms of a deployment whose settings name the website (read at cold start, so before the import).
process.env.WEBSITE_ORIGINS = 'https://www.sterkhelse.no,https://sterkhelse.no';
const { handler } = await import('../../../lambdas/handlers/api/get-form');

const get = (form: string, query: Record<string, string> = {}) =>
  handler(
    apiEvent({ resource: '/forms/{form}', path: `/forms/${form}`, pathParameters: { form }, query }),
    lambdaContext('get-form'),
  );

const directive = (headers: Record<string, unknown> | undefined, name: string) =>
  String(headers?.['Content-Security-Policy'])
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `));

describe('Handler: get-form, with website origins', () => {
  it.each([
    ['contact', {}],
    ['request', { lang: 'en' }],
    ['thank-you', { form: 'contact' }],
    ['thank-you', { form: 'request', lang: 'en' }],
  ])('lets the website’s origins, and only those, frame /forms/%s %o', async (form, query) => {
    // Act
    const response = await get(form, query);

    // Assess
    expect(response.statusCode).toBe(200);
    expect(directive(response.headers, 'frame-ancestors')).toBe(
      'frame-ancestors https://www.sterkhelse.no https://sterkhelse.no',
    );
    expect(response.headers).not.toHaveProperty('X-Frame-Options');
    expect(response.body).toContain(
      '<body data-embedders="https://www.sterkhelse.no https://sterkhelse.no">',
    );
  });

  it('puts the one hashed script on the thank-you pages too, to tell the frame their height', async () => {
    // Act
    const response = await get('thank-you', { form: 'contact' });

    // Assess
    expect(response.body).toContain(`<script>${FORM_SCRIPT}</script>`);
    expect(directive(response.headers, 'script-src')).toBe(
      `script-src 'sha256-${createHash('sha256').update(FORM_SCRIPT).digest('base64')}'`,
    );
  });
});
