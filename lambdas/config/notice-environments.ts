/**
 * The change-notice functions' environments, one zod schema each: the handler parses `process.env` with it
 * and its construct (lib/constructs/change-notices.ts) is typed by it.
 */
import * as z from '../domain/zod';
import { PseudonymKeyEnv, Required } from './environments';

const Count = z.string().check(z.regex(/^\d+$/, 'must be a whole number'));

/** The staff routes that start a run, show its progress and replay dead letters. */
export const NoticeRunEnv = z.object({
  TABLE_NAME: Required,
  NOTICE_QUEUE_URL: Required,
  NOTICE_DLQ_URL: Required,
});

/** The queue's consumer. */
export const NoticeSenderEnv = z.object({
  TABLE_NAME: Required,
  NOTICE_QUEUE_URL: Required,
  MAIL_FROM: z.email(),
  SES_CONFIGURATION_SET: Required,
  PUBLIC_BASE_URL: z.url(),
  /** Emails a second for each concurrent instance: the SES sending rate divided by the event source's maximum concurrency. */
  NOTICE_SEND_RATE: z.string().check(z.regex(/^\d+(\.\d+)?$/, 'must be a number')),
  /** The first retry's delay; each later one doubles (with jitter). */
  NOTICE_RETRY_BASE_SECONDS: Count,
  /** The queue's maxReceiveCount: the receive on which a failure is final. */
  NOTICE_MAX_RECEIVES: Count,
});

/** Starting a run keys each recipient by a pseudonym of their address. */
export const NoticeStartEnv = z.extend(NoticeRunEnv, PseudonymKeyEnv.shape);

/** The public unsubscribe page. */
export const NoticeTableEnv = z.object({ TABLE_NAME: Required });

/** The SES event consumer (bounces, complaints): suppresses addresses by their pseudonym. */
export const EmailEventsEnv = z.extend(NoticeTableEnv, PseudonymKeyEnv.shape);
