/**
 * How the ID-porten routes answer over HTTP. The start: on to ID-porten with the cookie, or to the status
 * page when there is nothing to sign in for. The callback: back to the status page after a sign-in, or a page that
 * says why not. Every answer clears the flow's cookie (the flow is used up either way) and is `no-store`.
 * The log line carries the refusal's reason and the check's code, never a token, a claim or the state.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { CompleteEidOutcome, EidCallback, StatusLink } from '../../domain/eid/complete-eid';
import type { StartEidOutcome } from '../../domain/eid/start-eid';
import { requestLinks } from '../../domain/requests/links';
import { eidRefusalStatus, renderEidRefusalPage } from '../../domain/requests/pages/eid';
import * as z from '../../domain/zod';
import { logger } from '../observability/logger';
import { clearEidCookie, eidCookieOf, setEidCookie } from './eid-cookie';
import { htmlPage } from './requester-page';
import { seeOther } from './responses';

export function eidAnswer(outcome: CompleteEidOutcome, publicBaseUrl: string): APIGatewayProxyResult {
  const cookie = { 'Set-Cookie': clearEidCookie() };
  if (outcome.kind === 'signed-in') {
    logger.info('ID-porten sign-in recorded', {
      requestId: outcome.link.requestId,
      outcome: outcome.verified ? 'verified' : 'signed-in',
    });
    const answer = seeOther(linksOf(outcome.link, publicBaseUrl).statusUrl(outcome.link.statusToken));
    return { ...answer, headers: { ...answer.headers, ...cookie } };
  }
  // ID-porten unreachable or our client key missing is for operators to look at; the rest is people.
  const log = outcome.reason === 'try-later' ? logger.warn.bind(logger) : logger.info.bind(logger);
  log('ID-porten sign-in refused', {
    outcome: 'eid-refused',
    reason: outcome.reason,
    ...(outcome.code === undefined ? {} : { code: outcome.code }),
    ...(outcome.link === undefined ? {} : { requestId: outcome.link.requestId }),
  });
  const links = outcome.link === undefined ? undefined : linksOf(outcome.link, publicBaseUrl);
  const page = renderEidRefusalPage(outcome.reason, outcome.lang, {
    policyUrl: requestLinks(publicBaseUrl, '', outcome.lang).policyUrl,
    ...(links === undefined || outcome.link === undefined
      ? {}
      : {
          statusUrl: links.statusUrl(outcome.link.statusToken),
          eidUrl: links.eidUrl(outcome.link.statusToken),
        }),
  });
  const headers: Record<string, string> = { ...cookie };
  if (outcome.reason === 'try-later') headers['Retry-After'] = '60';
  return htmlPage(eidRefusalStatus[outcome.reason], page, headers);
}

const linksOf = (link: StatusLink, publicBaseUrl: string) =>
  requestLinks(publicBaseUrl, link.requestId, link.lang);

export function eidStartAnswer(outcome: StartEidOutcome, statusUrl: string): APIGatewayProxyResult {
  if (outcome.kind !== 'sign-in') return seeOther(statusUrl);
  return {
    statusCode: 302,
    headers: {
      Location: outcome.authorizationUrl,
      'Set-Cookie': setEidCookie(outcome.browserKey),
      'Cache-Control': 'no-store',
    },
    body: '',
  };
}

/** What ID-porten may send; anything longer or stranger is refused before a read. */
const CallbackQuery = z.object({
  state: z.string().check(z.maxLength(64)),
  code: z.optional(z.string().check(z.maxLength(512))),
  iss: z.optional(z.string().check(z.maxLength(256))),
  error: z.optional(z.string().check(z.maxLength(64))),
});

/**
 * The callback as the domain takes it. The URL the provider checks is our redirect URI with the query
 * that came, never built from the Host header (behind API Gateway the host and stage differ).
 */
export function eidCallbackOf(event: APIGatewayProxyEvent, redirectUri: string): EidCallback {
  const parameters = event.queryStringParameters ?? {};
  const query = CallbackQuery.safeParse(parameters);
  const callbackUrl = new URL(redirectUri);
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined) callbackUrl.searchParams.set(name, value);
  }
  const browserKey = eidCookieOf(event);
  return {
    // An unparseable query has no usable state: the domain refuses it as an unknown flow.
    state: query.success ? query.data.state : '',
    callbackUrl,
    ...(query.success && query.data.error !== undefined ? { error: query.data.error } : {}),
    ...(browserKey === undefined ? {} : { browserKey }),
  };
}
