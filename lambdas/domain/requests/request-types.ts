/**
 * The request types intake may accept; a policy offers a subset of them in `rights`. A module of its own,
 * with no imports, so that what needs only the list (the store parsing a request row, the wording of each
 * type) does not pull the policy's whole schema into a function's bundle.
 */
export const REQUEST_TYPES = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  /** Objection to direct marketing (Art. 21(2)): absolute, the marketing stops (21(3)). */
  'objection',
  /**
   * The general objection (Art. 21(1)) to processing on public task or legitimate interest: the
   * controller stops unless it demonstrates compelling legitimate grounds, a staff decision per system.
   */
  'objection-general',
  'withdraw-consent',
] as const;

export type RequestType = (typeof REQUEST_TYPES)[number];
