/**
 * Records of the banner's choices (`POST /consent`), and the visitor's own access to them and erasure of
 * them (`GET` and `DELETE /consent/{consentId}`).
 *
 * A record holds the choice per purpose, how it was made, the policy and banner versions it was made under,
 * the time by the browser's clock and the time we received it. It holds no IP address and no user agent:
 * the rate limit counts a keyed pseudonym of the client address in an item of its own (intake/rate-limits.ts).
 * The consent id is the browser's random secret; the table keys the records by its SHA-256 only, as it keeps
 * the requesters' status tokens, so a copy of the table cannot be matched to a browser's storage.
 *
 * Idempotent: a record's id is a digest of what was posted, so the same post again (a retry the banner makes
 * when it could not tell that one arrived) finds the record it made and answers 200 with it; a new choice,
 * even the same one again later, has another time and so another record (201). The day's counts are added to
 * once per record, by a claim on the record before the add: at most once, even if the add is retried.
 */
import { createHash } from 'node:crypto';
import { NotFoundError, TooManyRequestsError, ValidationError } from '../errors';
import { type RateLimiter, windowStart } from '../intake/rate-limits';
import { osloDate } from '../oslo-date';
import { POLICY_VERSION_PATTERN } from '../policy/version';
import * as z from '../zod';
import { CONSENT_CLIENT_LIMIT, countsExpireAt, recordExpiresAt } from './retention';
import { CONSENT_ACTIONS, type ConsentAction, countNames } from './summary';

/** A UUID from `crypto.randomUUID()`, or 16 or more random bytes in base64url (22+ characters). */
export const CONSENT_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

const PurposeId = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const ConsentBodySchema = z.strictObject({
  consentId: z
    .string({ error: 'required' })
    .check(
      z.regex(
        CONSENT_ID_PATTERN,
        'must be the random id the banner made: a UUID, or 22 to 64 letters, digits, "-" and "_"',
      ),
    ),
  choices: z
    .record(z.string().check(z.regex(PurposeId, 'must be a purpose id such as "analytics"')), z.boolean(), {
      error: 'must be an object of purpose ids and true or false, such as {"analytics": true}',
    })
    .check(z.refine((choices) => Object.keys(choices).length <= 20, 'must name at most 20 purposes')),
  action: z.enum(CONSENT_ACTIONS, { error: `must be one of ${CONSENT_ACTIONS.join(', ')}` }),
  policyVersion: z
    .string({ error: 'required' })
    .check(z.regex(POLICY_VERSION_PATTERN, 'must be the policy version the banner showed, such as "1.1.0"')),
  bannerVersion: z
    .string({ error: 'required' })
    .check(z.regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$/, 'must be the banner version, such as "1.0a1b2c3d4e"')),
  decidedAt: z.iso.datetime({
    offset: true,
    error: 'must be an ISO-8601 time, such as "2026-12-06T10:15:00Z"',
  }),
});

export type ConsentBody = z.output<typeof ConsentBodySchema>;

export interface StoredConsentRecord {
  /** SHA-256 of the consent id (base64url): the records' partition. */
  readonly consentKey: string;
  readonly recordId: string;
  readonly choices: Record<string, boolean>;
  readonly action: ConsentAction;
  readonly policyVersion: string;
  readonly bannerVersion: string;
  readonly decidedAt: string;
  readonly recordedAt: string;
  /** Epoch seconds: the table's TTL removes the record then. */
  readonly expiresAt: number;
}

/** A record as its owner sees it (and as `POST /consent` answers). */
export interface ConsentRecordView {
  readonly consentId: string;
  readonly recordId: string;
  readonly choices: Record<string, boolean>;
  readonly action: ConsentAction;
  readonly policyVersion: string;
  readonly bannerVersion: string;
  readonly decidedAt: string;
  readonly recordedAt: string;
  /** The Oslo date the record is erased on by itself. */
  readonly keptUntil: string;
}

export interface ConsentStore {
  /** Stores a new record; false when one with its key is there already (nothing is overwritten). */
  create(record: StoredConsentRecord): Promise<boolean>;
  get(consentKey: string, recordId: string): Promise<StoredConsentRecord | undefined>;
  /** Marks the record as counted; false when it already was. */
  claimCount(consentKey: string, recordId: string, at: string): Promise<boolean>;
  /** Adds one to each named count of the day (atomically), keeping the day until `expiresAt`. */
  addToDay(date: string, names: readonly string[], expiresAt: number): Promise<void>;
  list(consentKey: string): Promise<StoredConsentRecord[]>;
  /** Deletes every record of the consent id; how many there were. */
  erase(consentKey: string): Promise<number>;
}

export interface ConsentDeps {
  readonly store: ConsentStore;
  readonly limiter: RateLimiter;
  /** The purpose ids the banner of this policy version asks about; undefined for a version never published. */
  purposesOf(policyVersion: string): Promise<readonly string[] | undefined>;
  readonly clock: () => Date;
}

export const consentKeyOf = (consentId: string): string =>
  createHash('sha256').update(`consent:${consentId}`).digest('base64url');

/** The same post gives the same id; any difference in what was chosen, or when, gives another. */
export function recordIdOf(body: ConsentBody): string {
  const canonical = JSON.stringify([
    body.consentId,
    Object.entries(body.choices).sort(([a], [b]) => a.localeCompare(b)),
    body.action,
    body.policyVersion,
    body.bannerVersion,
    body.decidedAt,
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

export function viewOf(consentId: string, record: StoredConsentRecord): ConsentRecordView {
  return {
    consentId,
    recordId: record.recordId,
    choices: record.choices,
    action: record.action,
    policyVersion: record.policyVersion,
    bannerVersion: record.bannerVersion,
    decidedAt: record.decidedAt,
    recordedAt: record.recordedAt,
    keptUntil: osloDate(new Date(record.expiresAt * 1000)),
  };
}

function parseBody(input: unknown): ConsentBody {
  const result = ConsentBodySchema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    fields[path] ??=
      issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
  }
  throw new ValidationError('The consent record is not valid: see fields.', fields);
}

/** Every purpose of the version answered, nothing else, and "all" meaning all. */
async function checkChoices(body: ConsentBody, deps: ConsentDeps): Promise<void> {
  const purposes = await deps.purposesOf(body.policyVersion);
  if (purposes === undefined) {
    throw new ValidationError('The consent record is not valid: see fields.', {
      policyVersion: `no policy version ${body.policyVersion} has been published`,
    });
  }
  const fields: Record<string, string> = {};
  for (const purpose of purposes) {
    if (!(purpose in body.choices)) fields[`choices.${purpose}`] = 'required: true or false';
  }
  for (const purpose of Object.keys(body.choices)) {
    if (!purposes.includes(purpose)) {
      fields[`choices.${purpose}`] =
        `policy ${body.policyVersion} asks about ${purposes.join(', ') || 'no purpose'}, not "${purpose}"`;
    }
  }
  const answers = Object.values(body.choices);
  if (body.action === 'accept-all' && answers.includes(false))
    fields.action = '"accept-all" must answer true for every purpose';
  if (body.action === 'reject-all' && answers.includes(true))
    fields.action = '"reject-all" must answer false for every purpose';
  if (Object.keys(fields).length > 0)
    throw new ValidationError('The consent record is not valid: see fields.', fields);
}

async function enforceClientLimit(
  deps: Pick<ConsentDeps, 'limiter'>,
  clientIp: string | undefined,
  now: Date,
): Promise<void> {
  if (clientIp === undefined) return;
  const { limit, windowSeconds } = CONSENT_CLIENT_LIMIT;
  if (!(await deps.limiter.hit('consent:ip', clientIp, limit, windowSeconds, now))) {
    const left = windowStart(windowSeconds, now) + windowSeconds - Math.floor(now.getTime() / 1000);
    throw new TooManyRequestsError(
      'Too many consent records from here in a short time. Try again later.',
      left,
    );
  }
}

/** `POST /consent`: validates, limits, stores once, counts once. `created` is false for a replay. */
export async function recordConsent(
  input: unknown,
  deps: ConsentDeps,
  who: { readonly clientIp?: string },
): Promise<{ created: boolean; record: ConsentRecordView }> {
  const body = parseBody(input);
  await checkChoices(body, deps);
  const now = deps.clock();
  await enforceClientLimit(deps, who.clientIp, now);
  const consentKey = consentKeyOf(body.consentId);
  const recordId = recordIdOf(body);
  const fresh: StoredConsentRecord = {
    consentKey,
    recordId,
    choices: body.choices,
    action: body.action,
    policyVersion: body.policyVersion,
    bannerVersion: body.bannerVersion,
    decidedAt: body.decidedAt,
    recordedAt: now.toISOString(),
    expiresAt: recordExpiresAt(now),
  };
  const created = await deps.store.create(fresh);
  const record = created ? fresh : ((await deps.store.get(consentKey, recordId)) ?? fresh);
  if (await deps.store.claimCount(consentKey, recordId, now.toISOString())) {
    const recordedAt = new Date(record.recordedAt);
    await deps.store.addToDay(osloDate(recordedAt), countNames(record), countsExpireAt(recordedAt));
  }
  return { created, record: viewOf(body.consentId, record) };
}

/** An id from a URL that cannot be a consent id is as unknown as one we never saw. */
function knownId(consentId: string | undefined): string {
  if (consentId === undefined || !CONSENT_ID_PATTERN.test(consentId)) throw noRecord();
  return consentId;
}

const noRecord = () => new NotFoundError('We keep no consent record under this id.');

/** `GET /consent/{consentId}`: every record of the id, newest first. */
export async function consentHistory(
  consentId: string | undefined,
  store: Pick<ConsentStore, 'list'>,
): Promise<ConsentRecordView[]> {
  const id = knownId(consentId);
  const records = await store.list(consentKeyOf(id));
  if (records.length === 0) throw noRecord();
  return records
    .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt) || b.decidedAt.localeCompare(a.decidedAt))
    .map((record) => viewOf(id, record));
}

/** `DELETE /consent/{consentId}`: erases every record of the id. The day counts hold no id and stay. */
export async function eraseConsent(
  consentId: string | undefined,
  deps: Pick<ConsentDeps, 'store' | 'limiter' | 'clock'>,
  who: { readonly clientIp?: string },
): Promise<{ consentId: string; erased: number }> {
  const id = knownId(consentId);
  await enforceClientLimit(deps, who.clientIp, deps.clock());
  const erased = await deps.store.erase(consentKeyOf(id));
  if (erased === 0) throw noRecord();
  return { consentId: id, erased };
}
