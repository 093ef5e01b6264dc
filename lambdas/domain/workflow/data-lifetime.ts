/**
 * How long the copies a request makes of someone's data live: what connectors collected
 * (`requests/<id>/collected/…`), what staff uploaded (`uploads/<id>/…`) and the export ZIP
 * (`requests/<id>/export.zip`). The one place these numbers are set; docs/export-format.md explains them.
 *
 * The clock starts when the request closes (answered or rejected), not when an object was written: staff
 * tasks can take weeks and a deadline can be extended to three months, so a lifetime counted from the
 * write could delete collected data before the answer is built from it.
 */

export const REQUEST_DATA_LIFETIME = {
  /**
   * After the answer or the refusal, the request workflow waits this long and then deletes everything the
   * request stored. The export ZIP is built when the request is answered, so this is also its download
   * window.
   */
  keepDaysAfterClose: 14,
  /**
   * The request workflow's own timeout: a Standard execution can live at most a year. Long enough for the
   * longest lawful answer (one month plus a two-month extension), staff tasks that run late, and the wait
   * above.
   */
  longestWorkflowDays: 365,
  /**
   * The export bucket's lifecycle rule: a backstop for a deletion that did not happen (a workflow stopped
   * by hand, say). Longer than any workflow lives, so it never deletes data a live request still needs.
   */
  backstopDays: 400,
} as const;

const DAY_MS = 86_400_000;

/** When a request that closes at `closedAt` loses its stored data, export included. */
export function dataExpiresAt(closedAt: Date): string {
  return new Date(closedAt.getTime() + REQUEST_DATA_LIFETIME.keepDaysAfterClose * DAY_MS).toISOString();
}

/** What the respond step records on the request about the export it built. */
export interface ExportFileRecord {
  readonly key: string;
  readonly bytes: number;
  readonly builtAt: string;
  /** After this instant the export is not handed out, whatever S3 still holds. */
  readonly expiresAt: string;
}

/** The request item's view of its export (absent before the answer, and on answers without one). */
export interface ExportedRequest {
  readonly exportFile?: ExportFileRecord;
}
