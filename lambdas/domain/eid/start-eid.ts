/**
 * `GET /requests/{id}/eid?token=…`: the requester chose to prove who they are with ID-porten. Behind the
 * same status token as the status page, this makes a flow bound to the request and to this browser, and
 * returns where to send the browser (ID-porten's login) with the cookie that binds it.
 */
import { NotFoundError, TooManyRequestsError } from '../errors';
import type { RateLimiter } from '../intake/rate-limits';
import { identityLevelFor } from '../policy/identity-levels';
import type { Language } from '../policy/language';
import type { PolicyDocument } from '../policy/schema';
import type { RequestStore, StoredRequest } from '../requests/record';
import { seal } from '../requests/sealed-secret';
import { hashStatusToken, sameHash } from '../requests/secrets';
import { publicStatus } from '../requests/verification';
import { EID_FLOW_SECONDS, type EidFlowStore } from './flow';
import {
  deriveFlowSecrets,
  type FlowSecrets,
  hashBrowserKey,
  hashFlowState,
  newFlowSecrets,
} from './flow-secrets';
import type { EidProvider } from './provider';

export interface StartEidDeps {
  readonly policy: PolicyDocument;
  readonly requests: RequestStore;
  readonly flows: EidFlowStore;
  readonly provider: EidProvider;
  readonly limiter: RateLimiter;
  readonly clock: () => Date;
  readonly newSecrets?: () => FlowSecrets;
}

export type StartEidOutcome =
  /** Send the browser to ID-porten, setting the cookie to `browserKey`. */
  | { readonly kind: 'sign-in'; readonly authorizationUrl: string; readonly browserKey: string }
  /** Verified already, or answered: nothing to sign in for; the status page says where it stands. */
  | { readonly kind: 'past-verification' }
  | { readonly kind: 'request-closed' };

/** Starts per request: enough for a few tries with another eID, too few to fill the table with flows. */
export const EID_STARTS_PER_REQUEST = { limit: 10, windowSeconds: 3600 } as const;
export const EID_STARTS_PER_CLIENT = { limit: 30, windowSeconds: 600 } as const;

export async function startEid(
  id: string,
  token: string | undefined,
  lang: Language,
  deps: StartEidDeps,
  context: { readonly clientIp?: string } = {},
): Promise<StartEidOutcome> {
  const now = deps.clock();
  const stored = await deps.requests.get(id);
  if (stored === undefined || !holdsToken(stored, token)) throw new NotFoundError('No such request');
  const status = publicStatus(stored, now);
  if (status === 'closed-unverified') return { kind: 'request-closed' };
  if (status !== 'awaiting-verification') return { kind: 'past-verification' };
  await enforceStartLimits(deps.limiter, id, context.clientIp, now);

  const secrets = (deps.newSecrets ?? newFlowSecrets)();
  const { pkceVerifier, nonce } = deriveFlowSecrets(secrets);
  // A duplicate's type and company are its original's: it asks for what the original would.
  const level = identityLevelFor(deps.policy, stored.type, stored.controllerId);
  await deps.flows.create({
    stateHash: hashFlowState(secrets.state),
    requestId: id,
    browserKeyHash: hashBrowserKey(secrets.browserKey),
    sealedStatusToken: seal(token ?? '', secrets.browserKey),
    level,
    lang,
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + EID_FLOW_SECONDS,
  });
  const authorizationUrl = await deps.provider.authorizationUrl({
    state: secrets.state,
    nonce,
    pkceVerifier,
    level,
    lang,
  });
  return { kind: 'sign-in', authorizationUrl, browserKey: secrets.browserKey };
}

function holdsToken(stored: StoredRequest, token: string | undefined): boolean {
  if (token === undefined || token === '') return false;
  const presented = hashStatusToken(token);
  return stored.statusTokenHashes.some((hash) => sameHash(hash, presented));
}

async function enforceStartLimits(
  limiter: RateLimiter,
  requestId: string,
  clientIp: string | undefined,
  now: Date,
): Promise<void> {
  const checks: [string, string, { limit: number; windowSeconds: number }][] = [
    ['eid-start:request', requestId, EID_STARTS_PER_REQUEST],
  ];
  if (clientIp !== undefined) checks.push(['eid-start:ip', clientIp, EID_STARTS_PER_CLIENT]);
  for (const [counter, who, limit] of checks) {
    if (!(await limiter.hit(counter, who, limit.limit, limit.windowSeconds, now))) {
      throw new TooManyRequestsError('Too many sign-ins started. Please wait a little and try again.', 60);
    }
  }
}
