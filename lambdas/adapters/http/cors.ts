/**
 * CORS for the website's scripts (docs/website-integration.md): `POST /contact` and `POST /requests` answer
 * the website's origins, and only those, with `Access-Control-Allow-Origin` naming the origin that asked.
 * Never `Access-Control-Allow-Credentials`: the submissions need no cookies, so a browser never sends the
 * website's visitor's cookies with them. Another origin gets no CORS headers, so its browser keeps the
 * answer from the script (a plain form post still works from anywhere, as it always has: CORS decides who
 * may read an answer, not who may post).
 *
 * The preflight (`OPTIONS`) is answered by a function of its own (lambdas/handlers/api/website-preflight.ts)
 * with `preflightAnswer`, the POST answers by `websiteCors` around the intake handlers: one decision,
 * `corsHeaders`, for both.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { isWebsiteOrigin } from '../../domain/intake/website-origins';
import { HttpError } from './error-response';

/** The request headers a website's script may send: the body's type, what it accepts, a retry's key. */
export const CORS_ALLOWED_HEADERS = ['content-type', 'idempotency-key', 'accept'] as const;
export const CORS_ALLOWED_METHODS = ['POST'] as const;
/** How long a browser may keep a preflight's answer (Chromium caps it at two hours). */
export const CORS_MAX_AGE_SECONDS = 600;

/**
 * The CORS headers of an answer to `origin` (the request's `Origin` header). Every answer says `Vary: Origin`,
 * as it differs by origin; only a website origin is named back, and with it the one response header a script
 * may need besides the body (`Retry-After` of a 429 or 503).
 */
export function corsHeaders(origin: string | undefined, allowed: readonly string[]): Record<string, string> {
  if (!isWebsiteOrigin(origin, allowed)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'Retry-After',
    Vary: 'Origin',
  };
}

/** The preflight's headers for a website origin, undefined for any other (the browser then blocks the POST). */
export function preflightHeaders(
  origin: string | undefined,
  allowed: readonly string[],
): Record<string, string> | undefined {
  if (!isWebsiteOrigin(origin, allowed)) return undefined;
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': CORS_ALLOWED_METHODS.join(', '),
    'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS.join(', '),
    'Access-Control-Max-Age': String(CORS_MAX_AGE_SECONDS),
    Vary: 'Origin',
  };
}

/**
 * `OPTIONS /contact` and `OPTIONS /requests`: 204 with the CORS headers for a website origin. For any other
 * origin, 403 in our error format and no CORS headers: the browser refuses the POST, and a developer reading
 * the network panel sees why. Without an `Origin` (not a browser's preflight), 204 and `Allow`.
 */
export function preflightAnswer(
  headers: APIGatewayProxyEvent['headers'],
  allowed: readonly string[],
): APIGatewayProxyResult {
  const origin = headers.origin;
  if (origin === undefined) {
    return { statusCode: 204, headers: { Allow: 'OPTIONS, POST', Vary: 'Origin' }, body: '' };
  }
  const cors = preflightHeaders(origin, allowed);
  if (cors === undefined) {
    throw new HttpError(
      403,
      'origin_not_allowed',
      `${origin.slice(0, 200)} is not one of the website origins this API answers scripts from`,
    );
  }
  return { statusCode: 204, headers: { ...cors, 'Cache-Control': 'no-store' }, body: '' };
}

/**
 * Adds `corsHeaders` to every answer of the handler, its errors included (a script reads a 400's fields or a
 * 429's Retry-After only when the answer names its origin). Placed before the error responder in the middy
 * stack, so its onError runs after the error has become an answer.
 */
export function websiteCors(
  allowed: readonly string[],
): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const addHeaders = (request: Request<APIGatewayProxyEvent, APIGatewayProxyResult>) => {
    const response = request.response;
    if (response === undefined || response === null) return;
    const { Vary: _, ...cors } = corsHeaders(request.event.headers?.origin, allowed);
    // Vary keeps what the answer already varies by (a page's Accept-Language, say).
    const vary = String(response.headers?.Vary ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    response.headers = { ...response.headers, ...cors, Vary: [...new Set([...vary, 'Origin'])].join(', ') };
  };
  return { after: addHeaders, onError: addHeaders };
}
