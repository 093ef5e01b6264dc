import { HttpError } from '../../../lambdas/adapters/http/error-response';
import { MAX_CSV_BYTES, readRecipientList } from '../../../lambdas/adapters/http/recipient-list-body';
import { apiEvent } from '../../support/api-event';

const CSV = 'email,lang\nkari@example.no,nb\nola@example.no,en\n';

const posted = (contentType: string | undefined, body?: string, base64 = false) => ({
  ...apiEvent({
    method: 'POST',
    resource: '/staff/policy/versions/{version}/notices',
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    ...(body === undefined ? {} : { body: base64 ? Buffer.from(body).toString('base64') : body }),
  }),
  isBase64Encoded: base64,
});

describe('Function: readRecipientList', () => {
  it('reads a CSV list, also when API Gateway sends it base64-encoded', () => {
    // Act
    const plain = readRecipientList(posted('text/csv; charset=utf-8', CSV));
    const encoded = readRecipientList(posted('text/csv', CSV, true));

    // Assess
    expect([plain, encoded]).toEqual([CSV, CSV]);
  });

  it('takes no body, or an empty one, as no list', () => {
    // Act
    const none = readRecipientList(posted(undefined));
    const empty = readRecipientList(posted('text/csv', ''));

    // Assess
    expect([none, empty]).toEqual([undefined, undefined]);
  });

  it('refuses a list in any other media type with 415', () => {
    // Act
    const read = () => readRecipientList(posted('application/json', '["kari@example.no"]'));

    // Assess
    expect(read).toThrow(HttpError);
    expect(read).toThrow(expect.objectContaining({ statusCode: 415, code: 'unsupported_media_type' }));
  });

  it('refuses a list over 5 MB with 413, before looking at its media type', () => {
    // Prepare
    const large = `email,lang\n${'x'.repeat(MAX_CSV_BYTES)}`;

    // Act
    const read = () => readRecipientList(posted('text/plain', large));

    // Assess
    expect(read).toThrow(expect.objectContaining({ statusCode: 413, code: 'payload_too_large' }));
  });
});
