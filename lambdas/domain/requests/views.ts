/**
 * What a requester may see about their own request, and how a verification attempt ended. These are the
 * inputs of the status and verification pages (pages/) and of the JSON answers. They hold no personal data
 * but one field, the name of the child a guardian asks for, so a page cannot show any other by mistake.
 */
import type { Language } from '../policy/language';
import type { RequestType } from '../policy/schema';

export type PublicRequestStatus =
  | 'awaiting-verification'
  | 'verified'
  | 'closed-unverified'
  /** Answered: the final email says what was done. */
  | 'completed'
  /** Refused, with the reason in the final email. */
  | 'rejected';

export interface RequestStatusView {
  readonly id: string;
  readonly type: RequestType;
  readonly status: PublicRequestStatus;
  readonly lang: Language;
  /**
   * The child a guardian asks for, as the guardian typed it. Behind the status token only: a parent with
   * requests for two children must be able to tell which page is which.
   */
  readonly aboutChild?: string;
  /** The controller's legal name, e.g. "STERK Helse og Trening AS". */
  readonly controllerName: string;
  /** Oslo calendar dates, `YYYY-MM-DD`. */
  readonly receivedDate: string;
  readonly dueDate: string;
  /**
   * The ID-porten sign-in, when the requester chose it: whether it is done, and at which level. The page
   * offers the sign-in wherever its links carry an `eidUrl`.
   */
  readonly eid?: { readonly chosen: boolean; readonly signedInLevel?: 'high' | 'substantial' };
}

/** How `POST /requests/{id}/verify` (or the emailed link) ended, as the page explains it. */
export type VerificationOutcome =
  | { readonly kind: 'verified' }
  | { readonly kind: 'wrong-code'; readonly attemptsLeft: number }
  /** The last attempt was wrong: the code no longer works; a new one must be requested. */
  | { readonly kind: 'code-burned' }
  /** The code is older than its validity; a new one must be requested. */
  | { readonly kind: 'code-expired' }
  /** The request was closed because it was never verified. */
  | { readonly kind: 'request-closed' }
  /** The code confirmed the mailbox of a request that waits for its ID-porten sign-in. */
  | { readonly kind: 'awaiting-eid' };

/** How `POST /requests/{id}/resend` ended. */
export type ResendOutcome =
  | { readonly kind: 'sent' }
  | { readonly kind: 'already-verified' }
  | { readonly kind: 'too-soon'; readonly retryAfterSeconds: number }
  | { readonly kind: 'request-closed' };

/** Where the pages' forms and links point; the handlers build them from the public base URL. */
export interface RequestPageLinks {
  /** `POST` target for a code, e.g. `https://api…/v1/requests/{id}/verify`. */
  readonly verifyUrl: string;
  /** `POST` target to ask for a new code. */
  readonly resendUrl: string;
  /** Where the requester signs in with ID-porten for this request (behind the status token). */
  readonly eidUrl?: string;
  /** The requester's status page, with its secret token; absent where the page must not reveal it. */
  readonly statusUrl?: string;
  /** The privacy notice, e.g. `https://api…/v1/policy?lang=en`. */
  readonly policyUrl: string;
  /** For an answered access or portability request: `POST` target to get a download code, then the file. */
  readonly downloadUrl?: string;
  /**
   * This page in the other language. Only the status page has one: it is a GET with the token, while the
   * other pages answer a form post and would need the post again.
   */
  readonly otherLanguageUrl?: string;
}
