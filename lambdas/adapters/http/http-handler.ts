import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { logger } from '../observability/logger';
import { websiteCors } from './cors';
import { errorResponder } from './error-response';

export type HttpRoute = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface HttpHandlerOptions {
  /** Content-Security-Policy directives for this route's responses; defaults deny everything. */
  readonly contentSecurityPolicy?: Record<string, string>;
  /** The website's origins, whose scripts may read this route's answers (CORS; adapters/http/cors.ts). */
  readonly cors?: readonly string[];
  /**
   * The route's pages may be framed by the origins its CSP `frame-ancestors` names: no `X-Frame-Options`,
   * which can name no origin and would contradict it (`DENY`, middy's default, stays everywhere else).
   */
  readonly framed?: boolean;
}

const denyAll = {
  'default-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

/**
 * The one middleware stack every HTTP handler shares: logger context first (so everything after it
 * logs with the request id), lower-cased headers, then security headers and our error format.
 * Body parsers join here when a route accepts a body.
 */
export function httpHandler(route: HttpRoute, options: HttpHandlerOptions = {}) {
  const stack = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(
      httpSecurityHeaders({
        // middy merges these into its defaults. Its `report-to default` names a reporting group that
        // `reportTo: false` never declares, so an empty value drops the directive for every route.
        contentSecurityPolicy: { 'report-to': '', ...(options.contentSecurityPolicy ?? denyAll) },
        reportTo: false,
        reportingEndpoints: false,
        // Pages link to each other (e.g. the other language); same-origin keeps that working.
        crossOriginEmbedderPolicy: false,
        ...(options.framed === true ? { frameOptions: false } : {}),
      }),
    );
  // Used before the error responder: its onError then runs after the error has become an answer.
  if (options.cors !== undefined) stack.use(websiteCors(options.cors));
  return stack.use(errorResponder()).handler(route);
}
