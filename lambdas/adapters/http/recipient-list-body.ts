/**
 * The body of a change-notice run: the operator's recipient list as `text/csv`, or nothing. Read here, at
 * the edge, so an oversized or mistyped list is refused before the run touches the table or the queue.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { HttpError } from './error-response';

/**
 * API Gateway takes 10 MB, but Lambda takes at most 6 MB per synchronous invocation, and the body arrives
 * inside a JSON event with the headers and request context (and escaped). 5 MB, about 125,000 rows, fits;
 * a larger list is sent in parts, and a run never notifies anyone twice.
 */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

/** The list's text, or undefined for an empty body (notify only those who ticked the box on the forms). */
export function readRecipientList(event: APIGatewayProxyEvent): string | undefined {
  if (event.body === null || event.body === '') return undefined;
  const text = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8');
  if (Buffer.byteLength(text) > MAX_CSV_BYTES) {
    throw new HttpError(
      413,
      'payload_too_large',
      'The recipient list is larger than 5 MB; send it in parts.',
    );
  }
  const mediaType = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'text/csv') {
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Send the recipient list as text/csv, or no body at all',
    );
  }
  return text;
}
