/**
 * One notice to one person, and how it moves: `queued` when the run records it, `sending` while a sender
 * holds it, `retrying` after a transient failure, and then one of the final states: `sent`, `suppressed`
 * (they unsubscribed, or their address bounced or complained), `failed` (every retry used up: the queue
 * dead-letters the message, and staff can replay it) or `rejected` (SES refused the address for good).
 * Pure helpers; the table adapter is adapters/notices/dynamo-notices.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Language } from '../policy/language';

export const DELIVERY_STATUSES = [
  'queued',
  'sending',
  'retrying',
  'sent',
  'suppressed',
  'failed',
  'rejected',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Nothing more happens to a delivery in these states unless staff replay a failed one. */
export const FINAL_STATUSES: readonly DeliveryStatus[] = ['sent', 'suppressed', 'failed', 'rejected'];

export interface Delivery {
  readonly version: string;
  /** The recipient's key (recipientKey: a hash of the address); queue messages carry only this. */
  readonly to: string;
  readonly email: string;
  readonly lang: Language;
  readonly source: 'consent' | 'list';
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** Which queue message holds it while `sending`, and until when (a crashed sender's claim runs out). */
  readonly claimedBy?: string;
  readonly claimUntil?: string;
}

/** The message on the queue: ids only, never an address. */
export interface NoticeMessage {
  readonly version: string;
  readonly to: string;
}

export interface NoticeProgress {
  readonly total: number;
  /** Not yet final: queued, being sent or waiting for a retry. */
  readonly queued: number;
  readonly sent: number;
  /** Dead-lettered after every retry, or refused by SES for good. */
  readonly failed: number;
  readonly deadLettered: number;
  readonly rejected: number;
  readonly suppressed: number;
}

export function progressOf(statuses: readonly DeliveryStatus[]): NoticeProgress {
  const count = (...wanted: DeliveryStatus[]) => statuses.filter((status) => wanted.includes(status)).length;
  return {
    total: statuses.length,
    queued: count('queued', 'sending', 'retrying'),
    sent: count('sent'),
    failed: count('failed', 'rejected'),
    deadLettered: count('failed'),
    rejected: count('rejected'),
    suppressed: count('suppressed'),
  };
}

/** A fresh unsubscribe token (256 bits, URL-safe) and the hash that is stored instead of it. */
export function newUnsubscribeToken(random: (size: number) => Buffer = randomBytes): {
  token: string;
  hash: string;
} {
  const token = random(32).toString('base64url');
  return { token, hash: unsubscribeTokenHash(token) };
}

export function unsubscribeTokenHash(token: string): string {
  return createHash('sha256').update(`notice-unsubscribe:${token}`).digest('hex');
}

/**
 * How long a failed message waits before the queue offers it again: exponential from `baseSeconds`, "equal"
 * jitter (half fixed, half random), capped at 15 minutes (the queue's visibility timeout may be at most 12 hours).
 */
export function retryDelaySeconds(
  attempt: number,
  baseSeconds: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(900, baseSeconds * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(ceiling / 2 + (random() * ceiling) / 2));
}
