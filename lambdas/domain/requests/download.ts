/**
 * Downloading an access or portability export. The status link alone is not enough: the requester asks
 * for a fresh one-time code (emailed), and the right code turns into a download URL that lives at most
 * 15 minutes. Five wrong codes burn it; a code lives 30 minutes and works once.
 */

import { renderEmail } from '../email/render';
import { NotFoundError } from '../errors';
import type { Mailer } from '../ports/mailer';
import type { ExportedRequest } from '../workflow/data-lifetime';
import type { RequestRecord, RequestStore, Secrets, VerificationState } from './record';
import { hashCode, hashStatusToken, sameHash } from './secrets';
import { checkCode, normaliseCode, VERIFICATION_RULES } from './verification';

export const DOWNLOAD_RULES = {
  codeValidMinutes: 30,
  urlValidSeconds: 15 * 60,
  resendIntervalSeconds: 60,
  /**
   * Codes per request per (UTC) day, and in all. Each code is five guesses at the export and an email
   * to the requester: without a cap, whoever holds a leaked status link gets 7,200 guesses a day and
   * the requester 1,440 emails. A person downloads a few times; the caps leave room for that.
   */
  codesPerDay: 10,
  codesInTotal: 30,
} as const;

/** The current download code, and how many codes were sent today and in all. */
export interface DownloadState extends VerificationState {
  /** The UTC date `codesToday` counts. Absent on codes issued before the caps existed. */
  readonly day?: string;
  readonly codesToday?: number;
  /** Codes sent for this request in all (the inherited `resends` is not used for downloads). */
  readonly codesInAll?: number;
}

export type DownloadOutcome =
  | { readonly kind: 'code-sent' }
  | { readonly kind: 'too-soon'; readonly retryAfterSeconds: number }
  /** The day's codes are used up (`retryAfterSeconds` to the next day), or all of them (none). */
  | { readonly kind: 'no-more-codes'; readonly retryAfterSeconds?: number }
  | { readonly kind: 'wrong-code'; readonly attemptsLeft: number }
  | { readonly kind: 'code-burned' }
  | { readonly kind: 'code-expired' }
  | { readonly kind: 'ready'; readonly url: string; readonly expiresInSeconds: number }
  /** Not an access or portability answer, or not finished yet. */
  | { readonly kind: 'not-available' }
  /** The export's download window is over and it has been (or is about to be) deleted. */
  | { readonly kind: 'export-gone' };

export interface DownloadStore {
  /** Stores a new code for a completed request, unless the last one is younger than `issuedBefore`. */
  issue(requestId: string, state: DownloadState, issuedBefore: string): Promise<boolean>;
  recordWrong(requestId: string, codeHash: string, attemptsLeftBefore: number): Promise<boolean>;
  /** Uses the code up; false if another attempt used it first. */
  use(requestId: string, codeHash: string): Promise<boolean>;
}

export interface DownloadDeps {
  readonly requests: RequestStore;
  readonly downloads: DownloadStore;
  readonly mailer: Mailer;
  readonly mailFrom: string;
  readonly secrets: Secrets;
  /** A short-lived URL for the export, or undefined when it no longer exists (S3 answered 404). */
  readonly exportUrl: (requestId: string, expiresInSeconds: number) => Promise<string | undefined>;
  readonly audit: (requestId: string, action: string) => Promise<void>;
  readonly clock: () => Date;
}

const EXPORTING = ['access', 'portability'];

async function downloadable(id: string, token: string | undefined, deps: DownloadDeps) {
  const request = await deps.requests.get(id);
  const known =
    request?.statusTokenHashes.some((hash) => sameHash(hash, hashStatusToken(token ?? ''))) === true &&
    token !== '';
  if (request === undefined || request.kind !== 'request' || !known)
    throw new NotFoundError('No such request');
  return request;
}

function available(request: RequestRecord): boolean {
  return request.status === 'completed' && EXPORTING.includes(request.type);
}

/** Past the expiry the respond step recorded: gone, whatever S3 still holds. Older exports have none. */
function expired(request: RequestRecord, now: Date): boolean {
  const expiresAt = (request as RequestRecord & ExportedRequest).exportFile?.expiresAt;
  return expiresAt !== undefined && now.getTime() >= Date.parse(expiresAt);
}

/** "Send me a code to download": emails a fresh code, at most once a minute. */
export async function requestDownloadCode(
  id: string,
  token: string | undefined,
  deps: DownloadDeps,
): Promise<DownloadOutcome> {
  const request = await downloadable(id, token, deps);
  if (!available(request)) return { kind: 'not-available' };
  const now = deps.clock();
  if (expired(request, now)) return { kind: 'export-gone' };
  const counts = downloadCodeCounts(downloadStateOf(request), now);
  if (counts.inAll >= DOWNLOAD_RULES.codesInTotal) return { kind: 'no-more-codes' };
  if (counts.today >= DOWNLOAD_RULES.codesPerDay) {
    return { kind: 'no-more-codes', retryAfterSeconds: secondsToNextUtcDay(now) };
  }
  const code = deps.secrets.newCode();
  const issued = await deps.downloads.issue(
    request.id,
    {
      codeHash: hashCode(request.id, `download:${code}`),
      issuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + DOWNLOAD_RULES.codeValidMinutes * 60_000).toISOString(),
      attemptsLeft: VERIFICATION_RULES.maxAttempts,
      resends: 0,
      day: counts.day,
      codesToday: counts.today + 1,
      codesInAll: counts.inAll + 1,
    },
    new Date(now.getTime() - DOWNLOAD_RULES.resendIntervalSeconds * 1000).toISOString(),
  );
  if (!issued) return { kind: 'too-soon', retryAfterSeconds: DOWNLOAD_RULES.resendIntervalSeconds };
  await deps.mailer.send({
    to: request.requester.email,
    from: deps.mailFrom,
    content: renderEmail({
      kind: 'download-code',
      lang: request.lang,
      recipientName: request.requester.name,
      requestId: request.id,
      code,
      codeValidMinutes: DOWNLOAD_RULES.codeValidMinutes,
    }),
    tags: { email: 'download-code' },
  });
  return { kind: 'code-sent' };
}

/** The code from that email: right → a download URL for 15 minutes; wrong → one attempt fewer. */
export async function redeemDownloadCode(
  id: string,
  token: string | undefined,
  typedCode: unknown,
  deps: DownloadDeps,
): Promise<DownloadOutcome> {
  const code = normaliseCode(typedCode);
  const request = await downloadable(id, token, deps);
  if (!available(request)) return { kind: 'not-available' };
  if (expired(request, deps.clock())) return { kind: 'export-gone' };
  const state = downloadStateOf(request);
  if (state === undefined) return { kind: 'code-expired' };
  const check = checkCode(
    { status: 'awaiting-verification', verification: state },
    (hash) => sameHash(hash, hashCode(request.id, `download:${code}`)),
    deps.clock(),
  );
  if (check.kind !== 'matches') {
    if (
      (check.kind === 'wrong-code' || check.kind === 'code-burned') &&
      state.codeHash !== undefined &&
      state.attemptsLeft > 0
    ) {
      await deps.downloads.recordWrong(request.id, state.codeHash, state.attemptsLeft);
    }
    return check.kind === 'verified' || check.kind === 'request-closed' ? { kind: 'not-available' } : check;
  }
  if (state.codeHash === undefined) return { kind: 'code-burned' };
  // The export is looked up before the code is used up: a requester whose export is gone keeps the code.
  const url = await deps.exportUrl(request.id, DOWNLOAD_RULES.urlValidSeconds);
  if (url === undefined) return { kind: 'export-gone' };
  if (!(await deps.downloads.use(request.id, state.codeHash))) return { kind: 'code-burned' };
  await deps.audit(request.id, 'export-downloaded');
  return { kind: 'ready', url, expiresInSeconds: DOWNLOAD_RULES.urlValidSeconds };
}

function downloadStateOf(request: RequestRecord): DownloadState | undefined {
  return (request as RequestRecord & { download?: DownloadState }).download;
}

/**
 * How many codes were sent today and in all, before this one. A code issued before the caps existed
 * counts as one; the conditional write in `issue` keeps two racing requests from both counting as first.
 */
export function downloadCodeCounts(
  state: DownloadState | undefined,
  now: Date,
): { readonly day: string; readonly today: number; readonly inAll: number } {
  const day = now.toISOString().slice(0, 10);
  if (state === undefined) return { day, today: 0, inAll: 0 };
  return {
    day,
    today: state.day === day ? (state.codesToday ?? 1) : 0,
    inAll: state.codesInAll ?? 1,
  };
}

function secondsToNextUtcDay(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}
