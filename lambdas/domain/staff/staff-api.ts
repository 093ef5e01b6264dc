/**
 * The staff API's answers, as the staff console reads them: the one description the console compiles
 * against (`import type` from console/src, dropped by esbuild, so nothing here reaches the bundle).
 *
 * Types only, and only from modules that need no Node.js: the console is type-checked with the DOM's types
 * alone (console/tsconfig.json), and a module that imports node:crypto, even for a type, would fail there.
 * So the domain's own types are reused where their modules are Node-free (tasks, findings, retention
 * decisions, legal holds, the requester, the identity-check guide), and the rest is said here.
 *
 * `staff-api-checks.ts` holds the other half: each answer the domain code produces must fit the type here,
 * so a changed answer fails `npm run typecheck` there, and a change here fails it wherever the console reads
 * what changed.
 */
import type { ContactMessageRecord } from '../intake/contact';
import type { Language } from '../policy/language';
import type { PolicyDocument, RequestType } from '../policy/schema';
import type { OnBehalfOf, Requester, RequestStatus } from '../requests/record';
import type { Finding, LegalHold } from '../workflow/findings';
import type { CategoryDecision } from '../workflow/legal-hold';
import type { StaffTask } from '../workflow/tasks';
import type { IdentityCheckGuide } from './identity-check-guide';

export type { CategoryDecision, Finding, IdentityCheckGuide, OnBehalfOf, Requester, StaffTask };

/** One text in each of the console's languages; the API words the timeline and the guide in both. */
export type Words = Readonly<Record<Language, string>>;

/** A row of `GET /staff/requests`: no requester names; a guardian's request names the child. */
export interface RequestRow {
  readonly id: string;
  readonly type: RequestType;
  readonly controllerId: string;
  readonly status: RequestStatus;
  readonly stage?: string;
  readonly completed: boolean;
  readonly receivedAt: string;
  readonly dueDate: string;
  readonly daysLeft: number;
  readonly deadline: 'ok' | 'soon' | 'urgent' | 'overdue' | 'closed';
  /** What is waiting: an open task's type, "attention", or the workflow stage. */
  readonly pendingStep?: string;
  readonly needsAttention?: string;
  /** A guardian's request: the child it is about. */
  readonly childName?: string;
}

/** `GET /staff/requests`. */
export interface RequestList {
  readonly requests: readonly RequestRow[];
}

/** An open task on the request page; an identity check comes with what to check. */
export type OpenTask = StaffTask & { readonly guide?: IdentityCheckGuide };

/** `GET /staff/tasks`: the open tasks of the caller's companies. */
export interface TaskList {
  readonly tasks: readonly StaffTask[];
}

/**
 * The deadline extension, once given (there is no second). The four are stored together, but the stored
 * item's type has each optional, so only `extendedAt`, which the answer is built on, is certain here.
 */
export interface DeadlineExtension {
  readonly extendedAt: string;
  readonly originalDueDate?: string;
  readonly extendedBy?: string;
  readonly reason?: string;
}

/** One line of the timeline in words; `kind` is for styling and tests, never shown. */
export interface HistoryEntry {
  readonly at: string;
  readonly kind: string;
  readonly text: Words;
}

/** A legal hold as the privacy officer sees it: everything but the hash of the person it is about. */
export type HoldView = Omit<LegalHold, 'subjectHash'> & { readonly state: 'active' | 'lifted' | 'expired' };

/** `GET /staff/requests/{id}` (an audited view). */
export interface RequestFile extends RequestRow {
  readonly requester: Requester;
  readonly onBehalfOf?: OnBehalfOf;
  readonly details?: string;
  readonly extension?: DeadlineExtension;
  readonly openTasks: readonly OpenTask[];
  readonly findings: readonly Finding[];
  readonly retention: readonly CategoryDecision[];
  /** The holds about the requester: empty for everyone but the privacy officer. */
  readonly holds: readonly HoldView[];
  /** The timeline in words, newest first (the raw audit trail is `timeline`, for the chain check). */
  readonly history: readonly HistoryEntry[];
}

/** `POST /staff/tasks/{taskId}`: the task is decided, or stays open while the requester is asked. */
export interface DecisionAnswer {
  readonly status: 'decided' | 'information-requested';
}

/**
 * `POST /staff/requests/{id}/uploads`: a presigned PUT and the key to approve with. The handler builds
 * this answer itself, so this is the one shape here that no check ties to the code that makes it.
 */
export interface UploadTicket {
  readonly uploadKey: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** `POST /staff/requests/{id}/extension`. */
export interface ExtensionAnswer {
  readonly dueDate: string;
}

/** `GET /staff/holds`. */
export interface HoldList {
  readonly holds: readonly HoldView[];
}

/** `POST /staff/holds`: the hold placed (in force, so the answer has no state). */
export type PlacedHold = Omit<HoldView, 'state'>;

/** A row of `GET /staff/messages`: no sender and no text. */
export interface MessageRow {
  readonly id: string;
  readonly controllerId: string;
  readonly receivedAt: string;
  readonly status: 'new' | 'handled';
  readonly handled: boolean;
  readonly handledAt?: string;
}

/** `GET /staff/messages`. */
export interface MessageList {
  readonly messages: readonly MessageRow[];
}

/** What marking a message handled records. */
export interface MessageHandling {
  readonly handledAt: string;
  readonly handledBy: string;
  readonly handledNote: string;
}

/** `GET /staff/messages/{id}` (an audited view): the message with its sender. */
export type MessageFile = MessageRow &
  Pick<ContactMessageRecord, 'lang' | 'sender' | 'message'> &
  Partial<MessageHandling>;

/** `POST /staff/messages/{id}/handled`. */
export type HandledAnswer = MessageHandling;

/** `GET /staff/requests/{id}/audit`: whether the request's audit hash chain is intact, or where it breaks. */
export type ChainCheck =
  | { readonly ok: true; readonly length: number }
  | { readonly ok: false; readonly brokenAt: number; readonly reason: string };

/** A data category of `GET /policy.json` (the public policy document): its id and its name in each language. */
export type PolicyCategory = Pick<PolicyDocument['categories'][number], 'id' | 'label'>;
