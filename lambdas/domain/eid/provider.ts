/**
 * The port through which the domain signs a requester in with ID-porten (issue 20; docs/id-porten.md
 * section 1). The adapter (adapters/eid/idporten-client.ts) speaks OpenID Connect; the domain sees only an
 * authorization URL to send the browser to and, after the callback, who signed in and at what level, or
 * a refusal with a reason the pages can word. Domain tests use a fake of this port, not a provider.
 */

export type EidLevel = 'high' | 'substantial';

/** The `acr` value ID-porten uses for each level (✔ Digdir's ID token page). */
export const ACR_OF: Record<EidLevel, string> = {
  high: 'idporten-loa-high',
  substantial: 'idporten-loa-substantial',
};

export interface EidAuthorizationRequest {
  readonly state: string;
  readonly nonce: string;
  readonly pkceVerifier: string;
  readonly level: EidLevel;
  readonly lang: 'nb' | 'en';
}

/** What the callback must match: the values the start route derived for this flow. */
export interface EidExpectations {
  readonly state: string;
  readonly nonce: string;
  readonly pkceVerifier: string;
  readonly level: EidLevel;
}

/** What a valid sign-in tells us. pid is personal data of the highest sensitivity: never log it. */
export interface EidSignIn {
  readonly pid: string;
  readonly level: EidLevel;
  readonly amr: readonly string[];
}

export interface EidProvider {
  authorizationUrl(request: EidAuthorizationRequest): Promise<string>;
  /** callbackUrl: our redirect URI with the query ID-porten sent. Throws EidRefusedError. */
  exchange(callbackUrl: URL, expected: EidExpectations): Promise<EidSignIn>;
}

/**
 * `not-accepted`: the sign-in failed a check (signature, claims, state, a reused code);
 * `level-too-low`: a valid sign-in below the level the request needs;
 * `try-later`: ID-porten did not answer, answered 5xx, or too slowly.
 */
export type EidRefusalReason = 'not-accepted' | 'level-too-low' | 'try-later';

/**
 * A refused sign-in. `code` names the failed check or the library's error code (for the log line), never a
 * claim value, a token, the code or the state; the message is built from the two and carries nothing else.
 */
export class EidRefusedError extends Error {
  constructor(
    readonly reason: EidRefusalReason,
    readonly code: string,
  ) {
    super(`ID-porten sign-in refused: ${reason} (${code})`);
    this.name = 'EidRefusedError';
  }
}
