/**
 * What the consent functions' handlers share at the edge: picking the route, and letting the website (another
 * origin) use the answers it loads or posts to without reading them.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { HttpError } from '../http/error-response';
import type { HttpRoute } from '../http/http-handler';

/**
 * `handler` with `Cross-Origin-Resource-Policy: cross-origin` on the answers to requests `crossOrigin` picks:
 * a page of another origin may then load or post to them without reading them. Set outside the middy stack,
 * whose security headers set `same-origin` on every answer (adapters/http/http-handler.ts).
 */
export function withCrossOriginAnswers(
  handler: (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>,
  crossOrigin: (event: APIGatewayProxyEvent) => boolean,
) {
  return async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const response = await handler(event, context);
    if (!crossOrigin(event)) return response;
    return { ...response, headers: { ...response.headers, 'Cross-Origin-Resource-Policy': 'cross-origin' } };
  };
}

/** The banner's own calls: the record and the erasure, both simple POSTs from the website. */
export const isBannerCall = (event: Pick<APIGatewayProxyEvent, 'httpMethod'>) => event.httpMethod === 'POST';

export function routeFor(routes: Readonly<Record<string, HttpRoute>>, key: string): HttpRoute {
  const route = routes[key];
  if (route === undefined) throw new HttpError(404, 'not_found', 'No such consent resource.');
  return route;
}
