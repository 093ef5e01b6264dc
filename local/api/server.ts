import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { LocalAuth } from '../auth/local-auth';
import type { ConsoleRequestHandler } from '../console/serve';
import type { LocalReminders } from '../reminders/local-reminders';
import type { LocalLambdaRuntime } from '../runtime/lambda-runtime';
import type { LocalGatewayResponse, LocalRoute } from '../template/resources';
import type { LocalWebAcl } from '../template/waf';
import { toProxyEvent } from './proxy-event';
import { matchRoute } from './route-matcher';
import type { LocalTaskExpiry } from './task-expiry';
import { createWaf } from './waf';
import { WEBSITE_DEMO_PATH, websiteDemo } from './website-demo';

/** API Gateway's own payload limit; larger bodies never reach a function. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
/** API Gateway gives up on a Lambda integration after 29 seconds (the default, which we keep). */
export const INTEGRATION_TIMEOUT_MS = 29_000;
/** Lambda refuses a synchronous response over 6 MB (the proxy result as JSON); API Gateway answers 502. */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

export interface LocalApiOptions {
  readonly routes: LocalRoute[];
  /** API Gateway's own answers as the template configures them (their headers, the unknown route's body). */
  readonly gatewayResponses?: readonly LocalGatewayResponse[];
  /** The template's WebACL, evaluated before any route as WAF is on AWS (local/api/waf.ts). */
  readonly webAcl?: LocalWebAcl;
  readonly runtime: Pick<LocalLambdaRuntime, 'invoke'>;
  /** The staff token endpoint and the Cognito authorizer; without it, staff routes answer 401. */
  readonly auth?: LocalAuth;
  /** `POST /local/reminders/run`: the daily digest on demand (there is no scheduler locally). */
  readonly reminders?: LocalReminders;
  /** `POST /local/stepfunctions/expire-task`: a waiting callback task's timeout, now (tests of long waits). */
  readonly taskExpiry?: LocalTaskExpiry;
  /** `GET /console/…`: the staff console's files (local/console/serve.ts); answered before any route. */
  readonly console?: ConsoleRequestHandler;
  /** For tests of the limit itself; otherwise API Gateway's 29 seconds. */
  readonly integrationTimeoutMs?: number;
}

/** The local stand-in for API Gateway: template routes in, proxy events to the real handlers, responses out. */
export function createLocalApi({
  routes,
  gatewayResponses = [],
  webAcl,
  runtime,
  auth,
  reminders,
  taskExpiry,
  console: consoleHandler,
  integrationTimeoutMs = INTEGRATION_TIMEOUT_MS,
}: LocalApiOptions): Server {
  const gatewayError = gatewayAnswers(gatewayResponses);
  const notFound = () => gatewayError(404, 'No such resource', 'MISSING_AUTHENTICATION_TOKEN');
  const waf = createWaf(webAcl);
  return createServer((req, res) => {
    if (consoleHandler?.(req, res)) return;
    handle(req, res).catch(() => send(res, gatewayError(502, 'Internal server error')));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Concatenated, not resolved: a target such as `//policy` is a path here, as API Gateway reads it,
    // not a URL with the host "policy".
    const url = new URL(`http://localhost${(req.url ?? '/').startsWith('/') ? '' : '/'}${req.url ?? '/'}`);
    const body = await readBody(req);
    if (body === undefined) return send(res, gatewayError(413, 'Request Too Long'));
    // Local only (not in the template): where development users get their id tokens.
    const authAnswer = await auth?.serve(req.method ?? 'GET', url.pathname, body);
    if (authAnswer !== undefined) return send(res, authAnswer);
    const remindersAnswer = await reminders?.serve(req.method ?? 'GET', url.pathname, body);
    if (remindersAnswer !== undefined) return send(res, remindersAnswer);
    const expiryAnswer = taskExpiry?.serve(req.method ?? 'GET', url.pathname, body);
    if (expiryAnswer !== undefined) return send(res, expiryAnswer);
    // Local only: a stand-in for the organisation's website, made of the documented snippets.
    if (req.method === 'GET' && url.pathname.startsWith(WEBSITE_DEMO_PATH)) {
      const demo = websiteDemo(url.pathname, url.searchParams, demoAddresses(req));
      if (demo !== undefined) return send(res, demo);
    }
    // The local-only routes above are not on AWS; everything else passes the WAF first, as there.
    // WAF inspects the path as it arrived: the URL parser would have resolved `%2e%2e` and shortened it.
    const [rawPath = '', rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s);
    const blockedBy = waf({
      clientIp: req.socket.remoteAddress ?? '127.0.0.1',
      path: rawPath,
      query: rawQuery,
      cookie: String(req.headers.cookie ?? ''),
      body,
    });
    if (blockedBy !== undefined) return send(res, gatewayError(403, 'Forbidden', 'WAF_FILTERED'));
    let matched: ReturnType<typeof matchRoute>;
    try {
      matched = matchRoute(routes, req.method ?? 'GET', url.pathname);
    } catch {
      return send(res, gatewayError(400, 'Bad request path'));
    }
    // The deployed API maps API Gateway's "Missing Authentication Token" to this same 404.
    if (matched === undefined) return send(res, notFound());
    let authorizer: { claims: Record<string, string> } | null = null;
    switch (matched.route.auth ?? 'NONE') {
      case 'NONE':
        break;
      case 'COGNITO_USER_POOLS': {
        // As API Gateway: a request without a valid, unexpired id token never reaches the function.
        const claims = await auth?.authorize(req.headers.authorization);
        if (claims === undefined) return send(res, gatewayError(401, 'Unauthorized'));
        authorizer = { claims };
        break;
      }
      default:
        return send(res, gatewayError(500, `The local API cannot check ${matched.route.auth} authorization`));
    }
    const event = toProxyEvent(req, url, body, {
      resourcePath: matched.route.resourcePath,
      pathParameters: matched.pathParameters,
      authorizer,
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed-out'>((resolve) => {
      timer = setTimeout(() => resolve('timed-out'), integrationTimeoutMs);
    });
    const result = await Promise.race([
      runtime.invoke(matched.route.functionLogicalId, event),
      timedOut,
    ]).finally(() => clearTimeout(timer));
    if (result === 'timed-out') {
      return send(res, gatewayError(504, 'Endpoint request timed out', 'INTEGRATION_TIMEOUT'));
    }
    const answer = result as APIGatewayProxyResult;
    if (typeof answer?.statusCode !== 'number') return send(res, gatewayError(502, 'Internal server error'));
    // Lambda itself refuses to return a response this large: the function's work is done, the caller
    // gets API Gateway's 502.
    if (Buffer.byteLength(JSON.stringify(answer)) > MAX_RESPONSE_BYTES) {
      return send(res, gatewayError(502, 'Internal server error'));
    }
    send(res, answer);
  }
}

/**
 * The API's address and the demo page's own origin: `http://localhost:<port>` (the default website origin)
 * or `http://127.0.0.1:<port>`, as the browser asked; any other Host is not put into the page.
 */
function demoAddresses(req: IncomingMessage): { apiUrl: string; origin: string } {
  const port = req.socket.localPort ?? 0;
  const host = String(req.headers.host ?? '');
  const origin = /^(localhost|127\.0\.0\.1):\d{1,5}$/.test(host)
    ? `http://${host}`
    : `http://localhost:${port}`;
  return { apiUrl: `http://127.0.0.1:${port}`, origin };
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_PAYLOAD_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, result: APIGatewayProxyResult): void {
  if (res.headersSent) return;
  res.statusCode = result.statusCode;
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, String(value));
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {}))
    res.setHeader(name, values.map(String));
  res.end(
    result.body === undefined
      ? undefined
      : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'),
  );
}

/**
 * API Gateway's own answers: the response the template configures for the type (or else its DEFAULT_4XX
 * or DEFAULT_5XX) gives the headers, and the status code and body where it sets them.
 */
function gatewayAnswers(responses: readonly LocalGatewayResponse[]) {
  return (statusCode: number, message: string, type?: string): APIGatewayProxyResult => {
    const configured =
      responses.find((response) => response.type === type) ??
      responses.find((response) => response.type === (statusCode >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX'));
    return {
      statusCode: configured?.statusCode ?? statusCode,
      headers: { ...configured?.headers, 'Content-Type': 'application/json' },
      body: configured?.jsonTemplate ?? JSON.stringify({ message }),
    };
  };
}
