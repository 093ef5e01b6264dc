/**
 * The checks on ID-porten's ID token that openid-client does not make (docs/id-porten.md section 1, the
 * callback, step 5). openid-client has already checked the signature, `iss`, `aud`, `exp`, `nonce` and
 * `azp` when `aud` has several values; these run on its validated claims and add what the issue needs:
 * the level (`acr`), the token's age (`iat`), `azp` on a single audience, and the shape of `pid` and `amr`.
 * Each refusal's code names the check (`claim-acr`, `claim-iat`, ...), never the claim's value.
 */
import * as z from '../zod';
import { ACR_OF, type EidLevel, EidRefusedError, type EidSignIn } from './provider';

/** How old the token may be: it is fetched within seconds of the sign-in, so five minutes is generous. */
const MAX_AGE_MS = 5 * 60 * 1000;
/** How far ahead of our clock it may be: the same tolerance openid-client gives `exp`. */
const MAX_AHEAD_MS = 30 * 1000;

const claimsSchema = z.looseObject({
  acr: z.optional(z.string()),
  iat: z.number(),
  azp: z.optional(z.string()),
  // No mod-11 check: ID-porten signed the number, and a number format that changes (the 2030s) must not
  // be refused by our parsing (section 4).
  pid: z.string().check(z.regex(/^[0-9]{11}$/)),
  // Shown to staff as given, so bounded: a handful of short method names.
  amr: z.optional(z.array(z.string().check(z.maxLength(32))).check(z.maxLength(5))),
});

/** From the highest level down, so that `high` satisfies a request for `substantial`. */
const LEVELS_HIGHEST_FIRST: readonly EidLevel[] = ['high', 'substantial'];

export interface IdTokenExpectations {
  readonly level: EidLevel;
  readonly clientId: string;
  readonly now: Date;
}

/** The sign-in the claims prove, or EidRefusedError naming the first check that failed. */
export function checkIdTokenClaims(claims: unknown, expected: IdTokenExpectations): EidSignIn {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) {
    const claim = parsed.error.issues[0]?.path[0];
    // The path is one of the schema's keys above, so the code names a claim, not a value.
    throw new EidRefusedError('not-accepted', typeof claim === 'string' ? `claim-${claim}` : 'claim-shape');
  }
  const { acr, iat, azp, pid, amr = [] } = parsed.data;

  const level = LEVELS_HIGHEST_FIRST.find((candidate) => ACR_OF[candidate] === acr);
  if (level === undefined) throw new EidRefusedError('not-accepted', 'claim-acr');
  if (rank(level) < rank(expected.level)) throw new EidRefusedError('level-too-low', 'claim-acr');

  const issuedAtMs = iat * 1000;
  const nowMs = expected.now.getTime();
  if (issuedAtMs < nowMs - MAX_AGE_MS || issuedAtMs > nowMs + MAX_AHEAD_MS) {
    throw new EidRefusedError('not-accepted', 'claim-iat');
  }

  if (azp !== undefined && azp !== expected.clientId) throw new EidRefusedError('not-accepted', 'claim-azp');

  return { pid, level, amr };
}

function rank(level: EidLevel): number {
  return LEVELS_HIGHEST_FIRST.length - LEVELS_HIGHEST_FIRST.indexOf(level);
}
