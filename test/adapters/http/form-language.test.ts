import { formLanguage } from '../../../lambdas/adapters/http/form-language';
import { apiEvent } from '../../support/api-event';

const posted = (contentType: string | undefined, body?: string, base64 = false) => ({
  ...apiEvent({
    method: 'POST',
    resource: '/requests/{id}/resend',
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    ...(body === undefined ? {} : { body: base64 ? Buffer.from(body).toString('base64') : body }),
  }),
  isBase64Encoded: base64,
});

describe('Function: formLanguage', () => {
  it('reads the hidden lang of a form post, also when API Gateway sends it base64-encoded', () => {
    // Act
    const plain = formLanguage(posted('application/x-www-form-urlencoded', 'lang=en'));
    const encoded = formLanguage(posted('application/x-www-form-urlencoded', 'lang=nb', true));

    // Assess
    expect([plain, encoded]).toEqual(['en', 'nb']);
  });

  it('ignores a body that is not a form, and no body at all, instead of refusing them', () => {
    // Act
    const fromJson = formLanguage(posted('application/json', '{"lang":"en"}'));
    const fromNothing = formLanguage(posted(undefined));

    // Assess
    expect([fromJson, fromNothing]).toEqual([undefined, undefined]);
  });

  it('looks at the first kilobyte only', () => {
    // Act
    const lang = formLanguage(posted('application/x-www-form-urlencoded', `pad=${'x'.repeat(1024)}&lang=en`));

    // Assess
    expect(lang).toBeUndefined();
  });
});
