/**
 * `GET /eid/callback`: ID-porten sends the browser back. In order (docs/id-porten.md section 1): the flow
 * must exist, be this browser's, and be used only once; then the code is exchanged and the ID token
 * checked (the provider port); then the sign-in is recorded on the request, which is verified when the
 * mailbox is confirmed too. Every refusal records nothing on the request.
 */
import type { AuditTrail } from '../audit/trail';
import { birthDateCheck } from '../identity/national-id';
import type { Language } from '../policy/language';
import type { Pseudonyms } from '../pseudonyms';
import type { EidIdentity, RequestRecord, RequestStore, VerificationCallback } from '../requests/record';
import { unseal } from '../requests/sealed-secret';
import { resumeIfWaiting } from '../requests/verify-request';
import type { EidFlowStore } from './flow';
import { deriveFlowSecrets, hashBrowserKey, hashFlowState, isFlowState, sameBrowser } from './flow-secrets';
import type { NationalIdEraser, NationalIdVault } from './national-id-vault';
import { type EidProvider, EidRefusedError, type EidSignIn } from './provider';

export interface CompleteEidDeps {
  readonly flows: EidFlowStore;
  readonly requests: RequestStore;
  readonly provider: EidProvider;
  readonly audit: Pick<AuditTrail, 'append'>;
  readonly callback: VerificationCallback;
  readonly pseudonyms: Pseudonyms;
  /** Where the number itself goes, sealed; the request item gets only the level and the checks. */
  readonly nationalIds: Pick<NationalIdVault, 'store'> & NationalIdEraser;
  readonly clock: () => Date;
}

export interface EidCallback {
  readonly state: string;
  /** ID-porten's error code, when the sign-in did not happen (`access_denied`: the person cancelled). */
  readonly error?: string;
  /** Our redirect URI with the query as it came: the provider port checks it whole. */
  readonly callbackUrl: URL;
  /** The flow's cookie, if the browser sent one. */
  readonly browserKey?: string;
}

export type EidRefusal =
  | 'expired-or-used'
  | 'other-browser'
  | 'cancelled'
  | 'not-accepted'
  | 'level-too-low'
  | 'different-person'
  | 'request-closed'
  | 'try-later';

/** Back to the request's status page: only a callback from the starting browser may know it. */
export interface StatusLink {
  readonly requestId: string;
  readonly statusToken: string;
  readonly lang: Language;
}

export type CompleteEidOutcome =
  | { readonly kind: 'signed-in'; readonly link: StatusLink; readonly verified: boolean }
  | {
      readonly kind: 'refused';
      readonly reason: EidRefusal;
      /** The library's or the check's code, for the log; never a claim. */
      readonly code?: string;
      readonly lang: Language;
      readonly link?: StatusLink;
    };

const MAX_RACES = 3;

export async function completeEid(
  callback: EidCallback,
  deps: CompleteEidDeps,
  fallbackLang: Language,
): Promise<CompleteEidOutcome> {
  const refuse = (reason: EidRefusal, extra: { lang?: Language; link?: StatusLink; code?: string } = {}) =>
    ({ kind: 'refused', reason, lang: extra.lang ?? fallbackLang, ...extra }) as const;
  if (!isFlowState(callback.state)) return refuse('expired-or-used');
  const stateHash = hashFlowState(callback.state);
  const flow = await deps.flows.get(stateHash);
  const now = deps.clock();
  if (flow === undefined || flow.usedAt !== undefined || flow.expiresAt <= now.getTime() / 1000) {
    return refuse('expired-or-used', flow === undefined ? {} : { lang: flow.lang });
  }
  const browserKey = callback.browserKey;
  if (browserKey === undefined || !sameBrowser(flow.browserKeyHash, browserKey)) {
    return refuse('other-browser', { lang: flow.lang });
  }
  if (!(await deps.flows.consume(stateHash, hashBrowserKey(browserKey), now))) {
    return refuse('expired-or-used', { lang: flow.lang });
  }
  const link: StatusLink = {
    requestId: flow.requestId,
    statusToken: unseal(flow.sealedStatusToken, browserKey),
    lang: flow.lang,
  };
  const refuseWithLink = (reason: EidRefusal, code?: string) =>
    refuse(reason, { lang: flow.lang, link, ...(code === undefined ? {} : { code }) });
  if (callback.error === 'access_denied') return refuseWithLink('cancelled', callback.error);
  if (callback.error !== undefined) return refuseWithLink('not-accepted', callback.error);

  let signIn: EidSignIn;
  try {
    const { pkceVerifier, nonce } = deriveFlowSecrets({ state: callback.state, browserKey });
    signIn = await deps.provider.exchange(callback.callbackUrl, {
      state: callback.state,
      nonce,
      pkceVerifier,
      level: flow.level,
    });
  } catch (error) {
    if (error instanceof EidRefusedError) return refuseWithLink(error.reason, error.code);
    throw error;
  }
  const recorded = await recordSignIn(flow.requestId, signIn, deps);
  if (recorded.kind === 'refused') return refuseWithLink(recorded.reason);
  return { kind: 'signed-in', link, verified: recorded.verified };
}

type Recorded = { kind: 'recorded'; verified: boolean } | { kind: 'refused'; reason: EidRefusal };

/**
 * Records the sign-in and verifies when the mailbox is confirmed too, each as one conditional write; a
 * lost race (the code typed at the same moment) is decided again on fresh state. A duplicate's sign-in is
 * recorded nowhere: nothing binds that person to the original request.
 */
async function recordSignIn(requestId: string, signIn: EidSignIn, deps: CompleteEidDeps): Promise<Recorded> {
  let sealed = false;
  for (let race = 0; race < MAX_RACES; race++) {
    const stored = await deps.requests.get(requestId);
    if (stored === undefined) return { kind: 'refused', reason: 'request-closed' };
    if (stored.kind === 'duplicate') return { kind: 'recorded', verified: false };
    if (stored.status === 'closed-unverified') {
      // A number sealed in an earlier round, before the request closed under us, must not stay behind.
      if (sealed) await deps.nationalIds.remove(requestId);
      return { kind: 'refused', reason: 'request-closed' };
    }
    const identity = identityOf(stored, signIn, deps);
    if (stored.eidSignIn !== undefined) {
      return stored.eidSignIn.personPseudonym === identity.personPseudonym
        ? { kind: 'recorded', verified: stored.status !== 'awaiting-verification' }
        : { kind: 'refused', reason: 'different-person' };
    }
    // Verified another way meanwhile (the requester went on without ID-porten): nothing to add.
    if (stored.status !== 'awaiting-verification') return { kind: 'recorded', verified: true };
    const verifies = stored.mailboxConfirmedAt !== undefined;
    // Sealed before the sign-in is recorded: a recorded sign-in always has its number (a lost race below
    // stores the same person's number again, which replaces it).
    await deps.nationalIds.store(requestId, signIn.pid);
    sealed = true;
    const at = deps.clock().toISOString();
    const written = verifies
      ? await deps.requests.verifyWithIdentity(requestId, identity, at)
      : await deps.requests.recordIdentity(requestId, identity);
    if (!written) continue;
    await audit(requestId, identity, deps);
    if (verifies) await resumeIfWaiting({ ...stored, status: 'verified' }, deps);
    return { kind: 'recorded', verified: verifies };
  }
  return { kind: 'refused', reason: 'try-later' };
}

function identityOf(request: RequestRecord, signIn: EidSignIn, deps: CompleteEidDeps): EidIdentity {
  return {
    method: 'eid',
    level: signIn.level,
    amr: signIn.amr,
    verifiedAt: deps.clock().toISOString(),
    // A guardian types their own birth date: the number is theirs, not the child's.
    birthDate: birthDateCheck(signIn.pid, request.requester.birthDate),
    personPseudonym: deps.pseudonyms.of('national-id', signIn.pid),
  };
}

/**
 * Ids and words only: the trail never holds the number or its pseudonym. Verification itself is not an
 * event here: the code route does not write one either, and the request's `verifiedAt` tells it.
 */
async function audit(requestId: string, identity: EidIdentity, deps: CompleteEidDeps) {
  await deps.audit.append(
    requestId,
    {
      action: 'identity-verified',
      actor: { kind: 'requester', id: 'requester' },
      details: {
        method: 'eid',
        identityLevel: identity.level,
        amr: identity.amr.join(' '),
        birthDate: identity.birthDate,
      },
    },
    deps.clock().toISOString(),
  );
}
