/**
 * Shared by the requester's routes (status, verify, resend): the page-or-JSON answer, the language, the
 * links with the status token carried along, and the CSP that lets exactly the pages' stylesheet in.
 */
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { type Language, negotiateLanguage } from '../../domain/policy/language';
import { requestLinks } from '../../domain/requests/links';
import { REQUEST_PAGE_STYLE } from '../../domain/requests/pages/render';
import type { RequestPageLinks } from '../../domain/requests/views';
import type { HttpHandlerOptions } from './http-handler';

const STATUS_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const requesterPageSecurity: HttpHandlerOptions = {
  contentSecurityPolicy: {
    'default-src': "'none'",
    'style-src': `'sha256-${createHash('sha256').update(REQUEST_PAGE_STYLE).digest('base64')}'`,
    'form-action': "'self'",
    'base-uri': "'none'",
    'frame-ancestors': "'none'",
    sandbox: 'allow-forms allow-same-origin',
  },
};

export function htmlPage(
  statusCode: number,
  body: string,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      ...headers,
    },
    body,
  };
}

/** The page language: a posted or queried `lang`, else the browser's preference. */
export function pageLanguage(event: APIGatewayProxyEvent, posted?: unknown): Language {
  const fromForm = typeof posted === 'string' ? posted : undefined;
  return negotiateLanguage(
    fromForm ?? event.queryStringParameters?.lang ?? undefined,
    event.headers['accept-language'],
  );
}

/** A well-formed status token from the query, or undefined; it is only ever echoed into our own links. */
export function statusTokenOf(event: APIGatewayProxyEvent): string | undefined {
  const token = event.queryStringParameters?.token;
  return token !== undefined && STATUS_TOKEN.test(token) ? token : undefined;
}

/** The page's links; with the token, the forms post back with it so the answer can link to the status. */
export function pageLinks(
  baseUrl: string,
  id: string,
  lang: Language,
  token?: string,
  options: { download?: boolean } = {},
): RequestPageLinks {
  const links = requestLinks(baseUrl, id, lang);
  const carry = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return {
    verifyUrl: `${links.verifyUrl}${carry}`,
    resendUrl: `${links.resendUrl}${carry}`,
    ...(token === undefined ? {} : { statusUrl: links.statusUrl(token) }),
    policyUrl: links.policyUrl,
    // Downloading needs the token too: the status link alone names the request.
    ...(options.download && token !== undefined ? { downloadUrl: `${links.downloadUrl}${carry}` } : {}),
  };
}
