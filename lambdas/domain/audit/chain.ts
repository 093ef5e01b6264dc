/**
 * The audit trail of a request: every staff action and every view of request data appends one event, and
 * each event carries the hash of the request's previous event, so the events form a hash chain. Changing,
 * removing, inserting or reordering an event breaks the chain at that event. Everything here is pure: the
 * time is an argument, and storage is the adapter's job (adapters/store/dynamo-audit-trail.ts).
 *
 * ## What an event holds, and what it must not
 *
 * `action` (e.g. `request.viewed`), the `actor` (`staff`, `requester` or `system`, and an id), `details`, and
 * the chain fields `requestId`, `seq` (1, 2, 3, … per request), `at`, `prevHash` and `hash`. The trail is
 * kept for as long as the request's records, so it holds **no personal data**: callers pass ids, decisions
 * and counts only (`{ decision: 'approved', systems: 3 }`), never names, email addresses or free text that
 * might contain them. `details` values are strings, integers or booleans and nothing else, and its keys are
 * short identifiers (a letter, then `[A-Za-z0-9_.:-]`, at most 64 characters); `chainEvent` refuses
 * anything else.
 *
 * ## The hash, so that an auditor can recompute it by hand
 *
 * 1. Take the event as stored and drop its `hash` field. Every other field takes part, `prevHash` included;
 *    `details` is always present (`{}` when the caller gave none).
 * 2. Serialize it as JSON with the keys of every object sorted (by UTF-16 code unit, i.e. JavaScript's
 *    default sort; the keys are ASCII, so this is plain byte order) and no whitespace at all. Strings use
 *    JSON's escapes as `JSON.stringify` writes them (non-ASCII characters appear as themselves, not as
 *    `\u` escapes); numbers are integers, written in decimal (`3`, `-1`).
 * 3. `hash` is the SHA-256 of that text's UTF-8 bytes, as 64 lowercase hex digits.
 *
 * The first event of a request (seq 1) has as `prevHash` the genesis value: the SHA-256 (hex) of the UTF-8
 * text `personvern:audit:genesis:<requestId>`. Every later event's `prevHash` is the `hash` of the event
 * before it. A worked example (a test keeps it true): the first event of request `r-1`, a view by staff
 * member `s-7` at `2026-03-02T09:00:00.000Z` with no details, has as its prevHash
 *
 * ```
 * $ printf '%s' 'personvern:audit:genesis:r-1' | sha256sum
 * 967da304d2f1ad0eddb6399730cdf9b8a9bb6bff6fc40c0274048cb631a370c1
 * ```
 *
 * serializes as (one line)
 *
 * ```
 * {"action":"request.viewed","actor":{"id":"s-7","kind":"staff"},"at":"2026-03-02T09:00:00.000Z","details":{},
 * "prevHash":"967da304d2f1ad0eddb6399730cdf9b8a9bb6bff6fc40c0274048cb631a370c1","requestId":"r-1","seq":1}
 * ```
 *
 * and so has the hash `4c83123b3cd001e9c0c1fd9073136f4e4f88e3cdee5da5f781c17ea992baefdc`
 * (`printf '%s' '<that line>' | sha256sum`).
 *
 * ## What the chain proves, and what it cannot
 *
 * `verifyChain` detects any change to a stored event, and a removed, inserted or reordered event, at the
 * first event affected. On its own a chain cannot reveal that its _newest_ events were removed (the rest is
 * still a valid chain), nor that a whole trail was rewritten from the genesis on by someone who can write
 * the table. Anchoring the latest hash elsewhere (for instance with the request's own item, or in an
 * export to write-once storage) closes that gap; it is not part of this module.
 */
import { createHash } from 'node:crypto';

export type AuditActorKind = 'staff' | 'requester' | 'system';

/** Numbers are integers: counts, not measurements. */
export type AuditDetailValue = string | number | boolean;

export interface AuditEventInput {
  /** What happened, as a dotted name such as `request.viewed` or `request.decision.recorded`. */
  readonly action: string;
  /** Who: a staff member's id; for the requester `requester` (the trail is the request's own, so that names them); or `system` and the component's name. */
  readonly actor: { readonly kind: AuditActorKind; readonly id: string };
  /** Ids, decisions and counts only: never personal data. */
  readonly details?: Readonly<Record<string, AuditDetailValue>>;
}

export interface AuditEvent extends AuditEventInput {
  readonly requestId: string;
  /** 1 for the request's first event, then 2, 3, … without gaps. */
  readonly seq: number;
  /** When it happened: an ISO-8601 UTC timestamp as `Date.prototype.toISOString` writes it. */
  readonly at: string;
  /** The previous event's `hash`; for the first event, `genesisHash(requestId)`. */
  readonly prevHash: string;
  /** SHA-256 (hex) of the canonical serialization of every other field (see the module comment). */
  readonly hash: string;
}

export type ChainVerification =
  | { ok: true; length: number }
  | { ok: false; brokenAt: number; reason: string };

/** A call that would write an event the chain could not hold or verify (a bug in the caller). */
export class InvalidAuditEventError extends Error {
  override readonly name = 'InvalidAuditEventError';
}

const ACTOR_KINDS: ReadonlySet<string> = new Set<AuditActorKind>(['staff', 'requester', 'system']);
const DETAIL_KEY = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** A lone surrogate cannot be stored as UTF-8, so it would not survive a round trip through the table. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The `prevHash` of a request's first event. */
export function genesisHash(requestId: string): string {
  return sha256(`personvern:audit:genesis:${requestId}`);
}

/** The canonical serialization that an event's hash is taken over: every field but `hash`. */
export function canonicalForm(event: Omit<AuditEvent, 'hash'> & { readonly hash?: string }): string {
  const { hash: _hash, ...hashed } = event;
  return canonicalJson(hashed);
}

/** The hash an event should carry, computed from its other fields. */
export function eventHash(event: Omit<AuditEvent, 'hash'> & { readonly hash?: string }): string {
  return sha256(canonicalForm(event));
}

/**
 * The event that follows `previous` (or starts the chain when there is none) in the request's trail.
 * Throws `InvalidAuditEventError` for input the trail must not hold.
 */
export function chainEvent(
  requestId: string,
  previous: AuditEvent | undefined,
  input: AuditEventInput,
  at: string,
): AuditEvent {
  checkInput(requestId, input, at);
  if (previous !== undefined && previous.requestId !== requestId) {
    throw new InvalidAuditEventError(
      `The previous event belongs to request ${previous.requestId}, not ${requestId}`,
    );
  }
  const unhashed = {
    requestId,
    seq: previous === undefined ? 1 : previous.seq + 1,
    at,
    action: input.action,
    actor: { kind: input.actor.kind, id: input.actor.id },
    details: { ...input.details },
    prevHash: previous === undefined ? genesisHash(requestId) : previous.hash,
  };
  return { ...unhashed, hash: eventHash(unhashed) };
}

/**
 * Checks a request's events, oldest first, and reports the first broken link. `brokenAt` is the seq the
 * first bad position should have: the events before it (1 … brokenAt − 1) form an intact chain.
 */
export function verifyChain(requestId: string, events: readonly AuditEvent[]): ChainVerification {
  let previousHash = genesisHash(requestId);
  for (const [index, event] of events.entries()) {
    const seq = index + 1;
    const reason = brokenLink(requestId, event, seq, previousHash);
    if (reason !== undefined) return { ok: false, brokenAt: seq, reason };
    previousHash = event.hash;
  }
  return { ok: true, length: events.length };
}

/** Why `event`, found where event `seq` belongs, does not continue the chain; undefined when it does. */
function brokenLink(
  requestId: string,
  event: AuditEvent,
  seq: number,
  previousHash: string,
): string | undefined {
  if (typeof event !== 'object' || !isPlainData(event)) {
    return `event ${seq} holds values no audit event can hold (lists, sets, nulls or binary data)`;
  }
  if (event.requestId !== requestId) {
    return `event ${seq} belongs to request ${JSON.stringify(event.requestId)}, not ${JSON.stringify(requestId)}`;
  }
  if (event.seq !== seq) {
    const after = seq === 1 ? 'as the first event' : `after event ${seq - 1}`;
    return typeof event.seq === 'number'
      ? `expected event ${seq} ${after}, found event ${event.seq}: events are missing or out of order`
      : `expected event ${seq} ${after}, found one numbered ${JSON.stringify(event.seq)}`;
  }
  if (event.prevHash !== previousHash) {
    return seq === 1
      ? `event 1 does not start from the request's genesis value: its prevHash is ${short(event.prevHash)}, ` +
          `expected ${short(previousHash)}`
      : `event ${seq} does not link to event ${seq - 1}: its prevHash is ${short(event.prevHash)}, ` +
          `but event ${seq - 1}'s hash is ${short(previousHash)}`;
  }
  const recomputed = eventHash(event);
  if (event.hash !== recomputed) {
    return `event ${seq} was altered: its contents hash to ${short(recomputed)}, but it records ${short(event.hash)}`;
  }
  return undefined;
}

function checkInput(requestId: string, input: AuditEventInput, at: string): void {
  const problems: string[] = [];
  const text = (name: string, value: unknown) => {
    if (typeof value !== 'string' || value.length === 0) problems.push(`${name} must be a non-empty string`);
    else if (LONE_SURROGATE.test(value)) problems.push(`${name} holds an unpaired surrogate`);
  };
  text('requestId', requestId);
  text('action', input.action);
  text('actor.id', input.actor?.id);
  if (!ACTOR_KINDS.has(input.actor?.kind)) problems.push('actor.kind must be staff, requester or system');
  if (typeof at !== 'string' || !ISO_UTC.test(at) || !sameInstant(at)) {
    problems.push('at must be an ISO-8601 UTC timestamp such as 2026-03-02T09:00:00.000Z');
  }
  const details: unknown = input.details ?? {};
  if (typeof details !== 'object' || details === null || Array.isArray(details)) {
    problems.push('details must be an object of scalars');
  } else {
    for (const [key, value] of Object.entries(details)) {
      if (!DETAIL_KEY.test(key)) problems.push(`details key ${JSON.stringify(key)} is not an identifier`);
      if (typeof value === 'string') {
        if (LONE_SURROGATE.test(value)) problems.push(`details.${key} holds an unpaired surrogate`);
      } else if (typeof value === 'number') {
        if (!Number.isSafeInteger(value)) problems.push(`details.${key} must be an integer (a count)`);
      } else if (typeof value !== 'boolean') {
        problems.push(`details.${key} must be a string, integer or boolean`);
      }
    }
  }
  if (problems.length > 0) throw new InvalidAuditEventError(`Invalid audit event: ${problems.join('; ')}`);
}

/** True when `at` names a real instant: `2026-02-30T…` does not. */
function sameInstant(at: string): boolean {
  const date = new Date(at);
  return !Number.isNaN(date.getTime()) && date.toISOString() === at;
}

/**
 * Strings, finite numbers, booleans and plain objects of those: all an event is made of. Anything else in
 * a stored event (a list, a set, binary data) was put there by hand, and could serialize like a plain value.
 */
function isPlainData(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  // The tag, not the prototype: an object made in another realm (a worker, a vm context) is still plain.
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  return Object.values(value as object).every(isPlainData);
}

/** JSON with the keys of every object sorted and no whitespace; `value` is plain data (`isPlainData`). */
function canonicalJson(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The start of a hash, enough to tell two apart in a message. */
function short(hash: unknown): string {
  return typeof hash === 'string'
    ? hash.length > 16
      ? `${hash.slice(0, 16)}…`
      : JSON.stringify(hash)
    : String(hash);
}
