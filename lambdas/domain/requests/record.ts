/**
 * A data subject request as stored, and the storage operations the intake and verification steps need.
 * The store adapter (adapters/store/dynamo-requests.ts) makes each operation one conditional write, so two
 * racing calls can never both win.
 */
import type { Language } from '../policy/language';
import type { RequestType } from '../policy/schema';
import type { RequestPlan, VerifiedIdentity } from '../workflow/plan';
import type { WorkflowStage } from '../workflow/ports';
import type { PublicRequestStatus } from './views';

export type RequestStatus = PublicRequestStatus;

export interface Requester {
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
  readonly birthDate?: string;
}

export interface OnBehalfOf {
  readonly name: string;
  readonly birthDate: string;
  readonly relationship: 'guardian';
}

/** The current one-time code: only its hash is kept. */
export interface VerificationState {
  /** Absent once the code is used or burned. */
  readonly codeHash?: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly attemptsLeft: number;
  /** How many codes were issued on request (`POST /resend`), not counting the first. */
  readonly resends: number;
}

interface RequestBase {
  readonly id: string;
  readonly type: RequestType;
  readonly controllerId: string;
  readonly lang: Language;
  readonly receivedAt: string;
  /** Oslo calendar date of receipt, which the deadline counts from. */
  readonly receivedDate: string;
  /** Oslo calendar date of the deadline, and the instant it ends. */
  readonly dueDate: string;
  readonly dueAt: string;
  readonly status: RequestStatus;
  /** SHA-256 of every status token handed out; the tokens themselves are never stored. */
  readonly statusTokenHashes: readonly string[];
  readonly verifiedAt?: string;
}

export interface RequestRecord extends RequestBase {
  readonly kind: 'request';
  readonly policyVersion: string;
  readonly requester: Requester;
  readonly onBehalfOf?: OnBehalfOf;
  readonly details?: string;
  readonly verification?: VerificationState;
  /** The workflow's verification task, while it waits. Secret: never logged, never returned. */
  readonly taskToken?: string;
  readonly receiptSentAt?: string;
  /** When the workflow was told that the requester verified. */
  readonly resumedAt?: string;
  readonly closedAt?: string;
  /** After verification: what the workflow does, where it is, and whether staff must step in. */
  readonly plan?: RequestPlan;
  readonly stage?: WorkflowStage;
  readonly needsAttention?: string;
  readonly completedAt?: string;
  /** When the requester was told that the unverified request closed. */
  readonly closedNoticeSentAt?: string;
  /**
   * The requester chose to prove who they are with ID-porten: the code then confirms the mailbox only, and
   * the request is verified once both are done (docs/id-porten.md, "eID proves the person, not the mailbox").
   */
  readonly verificationChoice?: 'eid';
  /** When the code was typed for a request that still waits for its ID-porten sign-in. */
  readonly mailboxConfirmedAt?: string;
  /** The ID-porten sign-in, once done: the level and the birth-date check, never the number itself. */
  readonly eidSignIn?: EidIdentity;
}

export interface EidIdentity extends VerifiedIdentity {
  /** How the person signed in, as ID-porten says it (e.g. `BankID`, `MinID`). */
  readonly amr: readonly string[];
  readonly verifiedAt: string;
  /** A keyed pseudonym of the national identity number: a second sign-in must be the same person. */
  readonly personPseudonym: string;
}

/**
 * A second submission of an open request (same email, company and type) within the duplicate window.
 * It holds no personal data and starts no workflow: codes typed on its page verify the original, and its
 * answers look like a fresh request's, so a stranger cannot learn that someone else already asked.
 */
export interface DuplicateRecord extends RequestBase {
  readonly kind: 'duplicate';
  readonly duplicateOf: string;
  /** The end of the verification window: an unverified duplicate reads as closed after it. */
  readonly verifyBy: string;
  /**
   * The duplicate's own budget of wrong codes and new codes. Anyone who knows an address can file a
   * duplicate for it, so what is done through a duplicate spends this budget, never the original's: a
   * stranger can neither burn the requester's code nor use up their new codes. Absent on duplicates
   * stored before it existed: read as a fresh budget (see duplicateBudget).
   */
  readonly budget?: DuplicateBudget;
}

export interface DuplicateBudget {
  readonly attemptsLeft: number;
  readonly resends: number;
  /** When the duplicate's submitter last got a code (at first, its filing), for the resend interval. */
  readonly lastCodeAt: string;
}

export type StoredRequest = RequestRecord | DuplicateRecord;

export type CreateResult =
  | { readonly created: true }
  | { readonly created: false; readonly duplicateOf: string };

export interface CodeIssue {
  readonly codeHash: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly attemptsLeft: number;
  /** The `resends` count to store with this code. */
  readonly resends: number;
  /** Also stores the workflow task waiting for this verification. */
  readonly taskToken?: string;
  /** Also accepts this status token (for the link in the email that carries the code). */
  readonly statusTokenHash?: string;
  /**
   * A requester-triggered resend: refused unless the code read before is still the current one (same
   * `previousResends`, or still none) and was issued before `issuedBefore`.
   */
  readonly resend?: { readonly issuedBefore: string; readonly previousResends?: number };
}

/** The workflow's code (verification step): one write that also claims the receipt when none went out yet. */
export interface WorkflowCodeIssue extends CodeIssue {
  readonly taskToken: string;
  /** The receipt goes out with this code unless one went out before: `receiptSentAt` is set to this. */
  readonly receiptAt: string;
}

export type IssuedWorkflowCode =
  /** Stored. `request` as it was before the write; `receipt`: this code is the receipt's (first) one. */
  | { readonly issued: true; readonly request: RequestRecord; readonly receipt: boolean }
  /** Refused: not a request awaiting verification. `request` as it is now, if there is one. */
  | { readonly issued: false; readonly request: StoredRequest | undefined };

export interface RequestStore {
  /**
   * Stores a new request unless an open one with the same dedupe key exists; then it reports that one.
   * `dedupe.until` is when this request stops blocking duplicates.
   */
  /** `subjectHash`: the requester's pseudonym (subject.ts), which finds the request from their address. */
  create(
    record: RequestRecord,
    dedupe: { key: string; until: string },
    subjectHash: string,
  ): Promise<CreateResult>;
  createDuplicate(record: DuplicateRecord): Promise<void>;
  get(id: string): Promise<StoredRequest | undefined>;
  /** False when the request is no longer awaiting verification, or a resend comes too early or too often. */
  issueCode(id: string, issue: CodeIssue): Promise<boolean>;
  /**
   * The verification step's code, with its task token, on a request (not a duplicate) awaiting
   * verification, in one write that also marks the receipt sent unless it was (see issue-verification.ts).
   * Returns the request as it was, for the email; refused, the request as it is now.
   */
  issueWorkflowCode(id: string, issue: WorkflowCodeIssue): Promise<IssuedWorkflowCode>;
  /** Uses up one attempt of the code with this hash; false if another attempt got there first. */
  recordWrongCode(id: string, codeHash: string, attemptsLeftBefore: number): Promise<boolean>;
  /** Marks the request verified if this code is still the current one; false otherwise. */
  markVerified(id: string, codeHash: string, at: string): Promise<boolean>;
  /**
   * For a request waiting for an ID-porten sign-in: records that this (current) code was typed, without
   * verifying. False when the code is no longer current, or the sign-in was recorded meanwhile.
   */
  confirmMailbox(id: string, codeHash: string, at: string): Promise<boolean>;
  /**
   * Records an ID-porten sign-in on a request still awaiting verification whose mailbox is not confirmed
   * yet; false when either changed meanwhile (then `verifyWithIdentity` may apply).
   */
  recordIdentity(id: string, identity: EidIdentity): Promise<boolean>;
  /** Records the sign-in and verifies a request whose mailbox is confirmed; false when that changed. */
  verifyWithIdentity(id: string, identity: EidIdentity, at: string): Promise<boolean>;
  markDuplicateVerified(id: string, at: string): Promise<void>;
  /**
   * Replaces a duplicate's budget if it is still the one read (`before`; undefined: none stored yet);
   * false if another attempt changed it first.
   */
  updateDuplicateBudget(
    id: string,
    before: DuplicateBudget | undefined,
    after: DuplicateBudget,
  ): Promise<boolean>;
  /** Takes back a receipt mark set at `at` whose email could not be sent, so a retry sends the receipt. */
  clearReceiptMark(id: string, at: string): Promise<void>;
  markResumed(id: string, at: string): Promise<void>;
  markClosedNoticeSent(id: string, at: string): Promise<void>;
  /** Closes a request that is still awaiting verification; false if it was verified meanwhile. */
  closeUnverified(id: string, at: string, dedupeKey: string): Promise<boolean>;
}

/** Tells the workflow that the requester proved control of the email address. */
export interface VerificationCallback {
  /** Resolves false when the task had already ended (a timeout, or another caller was first). */
  resume(taskToken: string): Promise<boolean>;
}

/** The code- and token-generating side of verification, injected so tests can fix it. */
export interface Secrets {
  newCode(): string;
  newStatusToken(): string;
}
