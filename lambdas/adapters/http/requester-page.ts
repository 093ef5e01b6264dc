/**
 * Shared by the requester's routes (status, verify, resend, download): the page-or-JSON answer, the
 * language, the links with the status token carried along, and the CSP that lets exactly the pages'
 * stylesheet in.
 */
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { LANGUAGES, type Language, languageForTag, negotiateLanguage } from '../../domain/policy/language';
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

/**
 * The download route's pages: the same, plus `allow-downloads`. A sandbox without it makes Chromium
 * refuse every download the page starts ("Download is disallowed … the flag 'allow-downloads' is not
 * set"), the link to the export included. Only this route's pages get it; they have no script, so the
 * only downloads they can start are the links a person follows.
 */
export const requesterDownloadPageSecurity: HttpHandlerOptions = {
  contentSecurityPolicy: {
    ...requesterPageSecurity.contentSecurityPolicy,
    sandbox: 'allow-forms allow-same-origin allow-downloads',
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

/**
 * The status page's language: the link's `lang` (the language switch sets it), else the language the
 * request was made in. The browser's preference does not override the requester's own choice.
 */
export function statusPageLanguage(event: APIGatewayProxyEvent, requestLanguage: Language): Language {
  const asked = event.queryStringParameters?.lang;
  return (asked === undefined ? undefined : languageForTag(asked)) ?? requestLanguage;
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
  options: { download?: boolean; switchLanguage?: boolean; eid?: boolean } = {},
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
    // The sign-in is started from a link that names the request by its token, as the status page does.
    ...(options.eid && token !== undefined ? { eidUrl: links.eidUrl(token) } : {}),
    ...(options.switchLanguage && token !== undefined
      ? { otherLanguageUrl: requestLinks(baseUrl, id, otherLanguage(lang)).statusUrl(token) }
      : {}),
  };
}

function otherLanguage(lang: Language): Language {
  return LANGUAGES.find((candidate) => candidate !== lang) ?? lang;
}
