/**
 * A page or document as one representation of a resource: its body, its content type and an ETag that
 * changes with the body. Served with conditional GET (RFC 9110 §13.1.2), so a cache or browser that holds
 * it gets 304 and no body.
 */
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ifNoneMatchHits } from './conditional-get';

export interface Representation {
  readonly body: string;
  readonly contentType: string;
  readonly etag: string;
}

export const HTML = 'text/html; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

export const sha256 = (text: string, encoding: 'hex' | 'base64') =>
  createHash('sha256').update(text).digest(encoding);

/** `name` says what it is (a version, a variant); the digest catches a renderer change that kept the name. */
export function representation(body: string, contentType: string, name: string): Representation {
  return { body, contentType, etag: `"${name}-${sha256(body, 'hex').slice(0, 16)}"` };
}

/** 200 with the body, or 304 when the client's If-None-Match already names this representation. */
export function serveRepresentation(
  event: Pick<APIGatewayProxyEvent, 'headers'>,
  { body, contentType, etag }: Representation,
  cacheControl: string,
): APIGatewayProxyResult {
  const headers = { ETag: etag, 'Cache-Control': cacheControl, Vary: 'Accept-Language' };
  if (ifNoneMatchHits(event.headers['if-none-match'], etag)) return { statusCode: 304, headers, body: '' };
  return { statusCode: 200, headers: { ...headers, 'Content-Type': contentType }, body };
}
