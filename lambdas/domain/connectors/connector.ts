/**
 * An automated connector: code that reads, erases or suppresses one data subject's data in one system
 * the policy names with `handling: automated` and a `connector` id. The workflow's collect and respond
 * steps call connectors through this interface only.
 */

/** Whom to look for. Only what connectors need to find the person; never logged. */
export interface DataSubject {
  readonly email: string;
  readonly name?: string;
}

/** One record as the system holds it, flattened for data.json and the per-system CSV. */
export type CollectedRecord = Readonly<Record<string, string | number | boolean | null>>;

export interface CollectedData {
  /** Policy category ids the records contain. */
  readonly categories: readonly string[];
  /** Records grouped by kind, e.g. `member`, `tags`, `activity`; each kind becomes one CSV. */
  readonly records: Readonly<Record<string, readonly CollectedRecord[]>>;
  /** `YYYY-MM-DD` of the newest activity, when the system tells. */
  readonly lastActivityDate?: string;
}

export type EraseOutcome =
  | { readonly erased: true; readonly recordCount: number }
  | { readonly erased: false; readonly reason: 'not-found' };

export interface Connector {
  /** Everything the system holds about the subject; empty records when it holds nothing. */
  collect(subject: DataSubject): Promise<CollectedData>;
  /** Permanently removes the subject's data (GDPR Art. 17). */
  erase(subject: DataSubject): Promise<EraseOutcome>;
  /** Stops processing for direct marketing (objection, withdrawn consent): e.g. unsubscribes. */
  suppress(subject: DataSubject): Promise<{ readonly suppressed: boolean }>;
}

/**
 * A failure that may pass if tried again later (rate limits, timeouts, 5xx). The workflow retries these
 * with backoff; anything else, or one that keeps failing, turns the system into a staff task.
 */
export class ConnectorUnavailableError extends Error {
  override readonly name = 'ConnectorUnavailableError';

  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The system refused the call in a way retrying will not fix (bad credentials, a malformed request). */
export class ConnectorFailedError extends Error {
  override readonly name = 'ConnectorFailedError';
}
