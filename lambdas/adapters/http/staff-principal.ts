import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ForbiddenError } from '../../domain/errors';
import { canSee, type StaffMember, seesAnything, visibleControllers } from '../../domain/staff/access';
import { HttpError } from './error-response';

/** The signed-in staff member behind a request, as API Gateway's Cognito authorizer vouches for them. */
export interface StaffPrincipal extends StaffMember {
  readonly groups: readonly string[];
}

/**
 * Reads the caller from `requestContext.authorizer.claims`, which API Gateway fills in only after it has
 * checked the id token (signature, issuer, audience, expiry). No claims means the route was not put behind
 * the authorizer: 401 rather than trusting anything. A signed-in user in no staff group gets 403.
 */
export function staffPrincipal(event: Pick<APIGatewayProxyEvent, 'requestContext'>): StaffPrincipal {
  const claims: unknown = event.requestContext?.authorizer?.claims;
  if (claims === null || typeof claims !== 'object') throw unauthorized();
  const { 'cognito:username': username, 'cognito:groups': groupsClaim } = claims as Record<string, unknown>;
  if (typeof username !== 'string' || username === '') throw unauthorized();
  const groups = parseGroupsClaim(groupsClaim);
  const controllers = visibleControllers(groups);
  if (!seesAnything(controllers)) throw new ForbiddenError('This account is not in any staff group.');
  return { username, groups, controllers };
}

/** Throws 403 unless the principal may see the data of `controllerId`; call it before reading any of it. */
export function assertCanSee(principal: StaffPrincipal, controllerId: string): void {
  if (!canSee(principal.controllers, controllerId)) {
    throw new ForbiddenError("This request belongs to a company whose requests you don't handle.");
  }
}

/**
 * `cognito:groups` is an array in the token, but API Gateway hands every claim over as a string: the REST
 * API's Cognito authorizer joins it with commas (`a,b`), while the JWT authorizers of HTTP APIs write
 * `[a b]`. Both, a JSON array and a real array are accepted; a missing claim (no groups) is `[]`.
 */
export function parseGroupsClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === 'string');
  if (typeof value !== 'string') return [];
  const text = value.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1);
    if (inner.includes('"')) {
      try {
        return parseGroupsClaim(JSON.parse(text));
      } catch {
        // Not JSON after all: split it, dropping the quotes.
      }
    }
    return split(inner, /[\s,"]+/);
  }
  return split(text, /,/);
}

function split(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((group) => group.trim())
    .filter((group) => group !== '');
}

function unauthorized(): HttpError {
  return new HttpError(401, 'unauthorized', 'Sign in to continue.');
}
