import { readWebsiteSubmission } from '../../../lambdas/adapters/http/website-submission';
import { ValidationError } from '../../../lambdas/domain/errors';
import { apiEvent } from '../../support/api-event';

const WEBSITE = ['https://www.sterkhelse.no'];

const post = (contentType: string, body: string) =>
  apiEvent({ method: 'POST', resource: '/contact', headers: { 'content-type': contentType }, body });

describe('Function: readWebsiteSubmission', () => {
  it('takes returnUrl out of a form post and checks it', () => {
    // Act
    const read = readWebsiteSubmission(
      post(
        'application/x-www-form-urlencoded',
        'name=Kari&returnUrl=https%3A%2F%2Fwww.sterkhelse.no%2Ftakk&message=Hei',
      ),
      WEBSITE,
    );

    // Assess
    expect(read).toEqual({
      body: { name: 'Kari', message: 'Hei' },
      returnUrl: 'https://www.sterkhelse.no/takk',
    });
  });

  it('checks a JSON post’s returnUrl the same way', () => {
    // Act
    const run = () =>
      readWebsiteSubmission(
        post(
          'application/json',
          JSON.stringify({ name: 'Kari', returnUrl: 'https://evil.example/', lang: 'en' }),
        ),
        WEBSITE,
      );

    // Assess
    expect(run).toThrow(ValidationError);
  });

  it('leaves a body without returnUrl as it was', () => {
    // Act
    const read = readWebsiteSubmission(post('application/json', '{"name":"Kari"}'), WEBSITE);

    // Assess
    expect(read).toEqual({ body: { name: 'Kari' }, returnUrl: undefined });
  });
});
