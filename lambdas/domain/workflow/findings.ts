/**
 * What the collection stage found about a data subject, per system, and what staff have put on hold.
 * These are the inputs of the legal-hold check (legal-hold.ts) and of the response. A finding names
 * categories and counts; the records themselves are stored apart (the export objects in S3), so a
 * finding can travel between steps and appear in the console without carrying personal data.
 */
import type { LocalizedText } from '../policy/schema';

export type FindingSource =
  /** An automated connector (internal store, Mailchimp) read the system. */
  | 'connector'
  /** Staff uploaded the system's export. */
  | 'staff-upload'
  /** Staff looked and found nothing; `note` says where they looked. */
  | 'no-data'
  /** The system holds data that cannot be tied to a person (analytics, pixel); `explanation` says why. */
  | 'not-linkable'
  /**
   * Kept back from a guardian's answer by an age rule (workflow/minors.ts): the young person's own rights,
   * or the child's view. `ageRuleId` names the rule, `explanation` tells the guardian why.
   */
  | 'withheld';

export interface Finding {
  readonly systemId: string;
  readonly source: FindingSource;
  /** Policy category ids present in what was found (empty for no-data and not-linkable). */
  readonly categories: readonly string[];
  /** How many records were found (0 for no-data and not-linkable). */
  readonly recordCount: number;
  /**
   * The oldest and newest dates the records carry, `YYYY-MM-DD`, when the system reports them: the
   * retention periods count from events such as the last journal entry or the end of a fiscal year.
   */
  readonly lastActivityDate?: string;
  /**
   * Where the collected records or the uploaded export are stored, if anywhere: the key prefix of a
   * connector's objects, or the key of a staff upload.
   */
  readonly objectKey?: string;
  /**
   * A connector's stored objects, one per record kind, as collection wrote them. The respond step checks
   * that these are still there, byte for byte in size, before it builds an answer from them.
   */
  readonly objects?: readonly CollectedObject[];
  readonly note?: string;
  readonly explanation?: LocalizedText;
  readonly ageRuleId?: string;
  readonly collectedAt: string;
}

/** One object a connector's records were written to: `requests/<id>/collected/<system>/<kind>.jsonl`. */
export interface CollectedObject {
  readonly kind: string;
  readonly key: string;
  readonly records: number;
  readonly bytes: number;
}

/** An explicit legal hold placed by staff (`POST /staff/holds`), e.g. for a dispute or an inspection. */
export interface LegalHold {
  readonly id: string;
  /** The keyed pseudonym of the email address of the person the hold is about (domain/subject.ts). */
  readonly subjectHash: string;
  readonly categories: readonly string[];
  readonly reason: string;
  /** Calendar date `YYYY-MM-DD` after which the hold no longer applies. */
  readonly expiresOn: string;
  readonly placedBy: string;
  readonly placedAt: string;
  /** Set when staff lift the hold before it expires. */
  readonly liftedAt?: string;
  readonly liftedBy?: string;
}
