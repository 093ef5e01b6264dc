import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { logger } from '../observability/logger';
import { errorResponder } from './error-response';

export type HttpRoute = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface HttpHandlerOptions {
  /** Content-Security-Policy directives for this route's responses; defaults deny everything. */
  readonly contentSecurityPolicy?: Record<string, string>;
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
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
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
      }),
    )
    .use(errorResponder())
    .handler(route);
}
