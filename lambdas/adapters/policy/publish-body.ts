/**
 * The body of `POST /staff/policy/versions`: `{ document, summary, major?, effectiveDate? }` as JSON. A policy
 * document is larger than a website submission (≈40 KB today), so this reader allows 256 KB, JSON only.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { PublishInput } from '../../domain/policy/publish';
import { HttpError } from '../http/error-response';

export const MAX_PUBLISH_BYTES = 256 * 1024;

export function readPublishBody(event: APIGatewayProxyEvent): PublishInput {
  const raw =
    event.body === null
      ? ''
      : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8');
  if (Buffer.byteLength(raw) > MAX_PUBLISH_BYTES) {
    throw new HttpError(413, 'payload_too_large', `The body is larger than ${MAX_PUBLISH_BYTES / 1024} KB`);
  }
  const mediaType = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new HttpError(415, 'unsupported_media_type', 'Send the version as application/json');
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'malformed_json', 'The body is not valid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'malformed_json', 'The body must be a JSON object');
  }
  const { document, summary, major, effectiveDate } = body as Record<string, unknown>;
  const fields: Record<string, string> = {};
  if (document === undefined) fields.document = 'required: the policy document';
  if (typeof summary !== 'string') fields.summary = 'required: a summary of the changes, for people to read';
  if (major !== undefined && typeof major !== 'boolean') fields.major = 'must be true or false';
  if (effectiveDate !== undefined && typeof effectiveDate !== 'string')
    fields.effectiveDate = 'must be a date in YYYY-MM-DD form';
  if (Object.keys(fields).length > 0) {
    throw new HttpError(400, 'validation_failed', 'The version cannot be published as sent.', fields);
  }
  return {
    document,
    summary: summary as string,
    major: major === true,
    effectiveDate: effectiveDate as string | undefined,
  };
}
