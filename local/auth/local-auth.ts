import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { createLocalIssuer, ID_TOKEN_LIFETIME_SECONDS, type IdTokenClaims, type LocalIssuer } from './issuer';
import { type LocalStaffUser, localStaffUsers } from './users';

/** Only the local API server answers these; they are not in the template and never deployed. */
export const TOKEN_PATH = '/local/auth/token';
export const JWKS_PATH = '/local/auth/jwks.json';

/** The stand-in for the staff user pool and for API Gateway's Cognito authorizer, on this machine. */
export interface LocalAuth {
  readonly issuer: LocalIssuer;
  readonly users: readonly LocalStaffUser[];
  /**
   * `POST /local/auth/token` with `{"username","password"}` answers `{"idToken","expiresIn"}`, and
   * `GET /local/auth/jwks.json` the public key. Undefined for every other path.
   */
  serve(method: string, path: string, body: Buffer): Promise<APIGatewayProxyResult | undefined>;
  /**
   * The Cognito authorizer: the `Authorization` header's id token (bare or after `Bearer `) checked, and
   * its claims as API Gateway hands them to the function, or undefined when API Gateway would answer 401.
   */
  authorize(authorization: string | undefined): Promise<Record<string, string> | undefined>;
}

export async function createLocalAuth(
  options: { readonly users?: readonly LocalStaffUser[]; readonly issuer?: LocalIssuer } = {},
): Promise<LocalAuth> {
  const users = options.users ?? localStaffUsers();
  const issuer = options.issuer ?? (await createLocalIssuer());
  return {
    issuer,
    users,
    async serve(method, path, body) {
      const route = path.replace(/\/+$/, '');
      if (route === JWKS_PATH) {
        return method === 'GET' ? json(200, issuer.jwks) : methodNotAllowed('GET');
      }
      if (route !== TOKEN_PATH) return undefined;
      if (method !== 'POST') return methodNotAllowed('POST');
      const credentials = readCredentials(body);
      if (credentials === undefined) {
        return json(400, { message: 'Send {"username": "…", "password": "…"} as JSON.' });
      }
      const user = findUser(users, credentials.username);
      // Cognito's answer, whether the user is unknown or the password wrong.
      if (user === undefined || !samePassword(user.password, credentials.password)) {
        return json(401, { message: 'Incorrect username or password.' });
      }
      return json(200, { idToken: await issuer.signIdToken(user), expiresIn: ID_TOKEN_LIFETIME_SECONDS });
    },
    async authorize(authorization) {
      const token = authorization
        ?.trim()
        .replace(/^Bearer\s+/i, '')
        .trim();
      if (token === undefined || token === '') return undefined;
      try {
        return authorizerClaims(await issuer.verifyIdToken(token));
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Claims the way API Gateway's Cognito authorizer puts them in `requestContext.authorizer.claims` of a
 * REST API proxy event: every value a string, `cognito:groups` joined with commas, `exp` and `iat` as
 * dates (`Tue Apr 04 18:39:39 UTC 2023`), other numbers as digits and booleans as `true`/`false`.
 */
export function authorizerClaims(claims: IdTokenClaims): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => {
      if ((name === 'exp' || name === 'iat') && typeof value === 'number') return [name, gatewayDate(value)];
      if (Array.isArray(value)) return [name, value.join(',')];
      if (value !== null && typeof value === 'object') return [name, JSON.stringify(value)];
      return [name, String(value)];
    }),
  );
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function gatewayDate(seconds: number): string {
  const date = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${time} UTC ${date.getUTCFullYear()}`;
}

function readCredentials(body: Buffer): { username: string; password: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed === null || typeof parsed !== 'object') return undefined;
    const { username, password } = parsed as Record<string, unknown>;
    if (typeof username !== 'string' || typeof password !== 'string') return undefined;
    return { username, password };
  } catch {
    return undefined;
  }
}

/** As the user pool: the username or the email address, either case. */
function findUser(users: readonly LocalStaffUser[], name: string): LocalStaffUser | undefined {
  const wanted = name.trim().toLowerCase();
  return users.find((user) => user.username.toLowerCase() === wanted || user.email.toLowerCase() === wanted);
}

function samePassword(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function json(statusCode: number, body: unknown): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    body: JSON.stringify(body),
  };
}

function methodNotAllowed(allow: string): APIGatewayProxyResult {
  const response = json(405, { message: 'Method Not Allowed' });
  return { ...response, headers: { ...response.headers, Allow: allow } };
}
