import { HttpError } from '../../../lambdas/adapters/http/error-response';
import { prefersHtml, readSubmissionBody } from '../../../lambdas/adapters/http/submission-body';
import { apiEvent } from '../../support/api-event';

const post = (contentType: string | undefined, body: string) =>
  apiEvent({
    method: 'POST',
    resource: '/requests',
    headers: contentType ? { 'content-type': contentType } : {},
    body,
  });

describe('Function: readSubmissionBody', () => {
  it('reads a JSON object', () => {
    // Act
    const body = readSubmissionBody(post('application/json; charset=utf-8', '{"name":"Kari"}'));

    // Assess
    expect(body).toEqual({ name: 'Kari' });
  });

  it('reads a form post and nests dotted field names', () => {
    // Act
    const body = readSubmissionBody(
      post(
        'application/x-www-form-urlencoded',
        'name=Kari+N&onBehalfOf.name=Ola&onBehalfOf.relationship=guardian',
      ),
    );

    // Assess
    expect(body).toEqual({ name: 'Kari N', onBehalfOf: { name: 'Ola', relationship: 'guardian' } });
  });

  it('drops a fieldset the visitor left empty', () => {
    // Act
    const body = readSubmissionBody(
      post('application/x-www-form-urlencoded', 'name=Kari&onBehalfOf.name=&onBehalfOf.birthDate='),
    );

    // Assess
    expect(body).toEqual({ name: 'Kari' });
  });

  it.each([
    ['malformed JSON', 'application/json', '{"name":', 400, 'malformed_json'],
    ['a JSON array', 'application/json', '[1,2]', 400, 'malformed_json'],
    ['JSON null', 'application/json', 'null', 400, 'malformed_json'],
    ['an unsupported type', 'text/plain', 'name=Kari', 415, 'unsupported_media_type'],
    ['no content type', undefined, '{}', 415, 'unsupported_media_type'],
    [
      'a body over 64 KB',
      'application/json',
      JSON.stringify({ message: 'x'.repeat(70_000) }),
      413,
      'payload_too_large',
    ],
    [
      'a prototype-polluting form field',
      'application/x-www-form-urlencoded',
      '__proto__.admin=1',
      400,
      'validation_failed',
    ],
    ['a deeply nested form field', 'application/x-www-form-urlencoded', 'a.b.c=1', 400, 'validation_failed'],
  ])('rejects %s', (_, contentType, body, status, code) => {
    // Act
    const read = () => readSubmissionBody(post(contentType, body));

    // Assess
    expect(read).toThrow(HttpError);
    try {
      read();
    } catch (error) {
      expect(error).toMatchObject({ statusCode: status, code });
    }
  });
});

describe('Function: prefersHtml', () => {
  it.each([
    ['a browser form post', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['a script', 'application/json', false],
    ['a client that takes both, JSON first', 'application/json, text/html', false],
    ['no Accept header', undefined, false],
  ])('answers for %s', (_, accept, expected) => {
    // Act
    const html = prefersHtml(apiEvent({ resource: '/contact', headers: accept ? { accept } : {} }));

    // Assess
    expect(html).toBe(expected);
  });
});
