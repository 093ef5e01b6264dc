/**
 * The staff API's answers, as the staff console reads them: the one description the console compiles
 * against (`import type` from console/src, dropped by esbuild, so nothing here reaches the bundle).
 *
 * Types only, and only from modules that need no Node.js: the console is type-checked with the DOM's types
 * alone (console/tsconfig.json), and a module that imports node:crypto, even for a type, would fail there.
 * So the domain's own types are reused where their modules are Node-free (tasks, findings, retention
 * decisions, legal holds, the requester, the identity-check guide, export files, policy versions and
 * their diff), and the rest is said here. Where a handler, not the domain, builds an answer, the type says so.
 *
 * `staff-api-checks.ts` holds the other half: each answer the domain code produces must fit the type here,
 * so a changed answer fails `npm run typecheck` there, and a change here fails it wherever the console reads
 * what changed.
 */
import type { CollectedRecord } from '../connectors/connector';
import type { ExportFileEntry } from '../export/files';
import type { ContactMessageRecord } from '../intake/contact';
import type { PolicyDiff } from '../policy/diff';
import type { Language } from '../policy/language';
import type { PolicyDocument, RequestType } from '../policy/schema';
import type { PolicyVersionInfo as StoredVersionInfo } from '../policy/versions';
import type { OnBehalfOf, Requester, RequestStatus } from '../requests/record';
import type { Finding, LegalHold } from '../workflow/findings';
import type { CategoryDecision } from '../workflow/legal-hold';
import type { StaffTask } from '../workflow/tasks';
import type { IdentityCheckGuide } from './identity-check-guide';
import type { TaskQuestion } from './task-question';

export type {
  CategoryDecision,
  Finding,
  IdentityCheckGuide,
  OnBehalfOf,
  PolicyDiff,
  Requester,
  StaffTask,
  TaskQuestion,
};

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
export type OpenTask = StaffTask & {
  readonly guide?: IdentityCheckGuide;
  /** A manual action where erasing is the health personnel's decision: what they decided. */
  readonly question?: TaskQuestion;
};

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
 * this answer itself, so no check ties it to the code that makes it.
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

/** One file of the export preview; a CSV comes with its first rows. */
export type PreviewFile = ExportFileEntry & {
  readonly preview?: {
    readonly columns: readonly string[];
    readonly rows: readonly CollectedRecord[];
    /** True when the kind has more records than the preview shows. */
    readonly truncated: boolean;
  };
};

/** `GET /staff/requests/{id}/export-preview` (an audited view): the export as it will be sent. */
export interface ExportPreview {
  readonly files: readonly PreviewFile[];
  /** The language the export is written in: the requester's. */
  readonly lang: string;
  readonly purposes: readonly { systemName: string; purpose: string; legalBasis: string }[];
  readonly categories: readonly { label: string; special: boolean }[];
}

/** A published policy version as the console reads it: the domain's, without where it is kept. */
export type PolicyVersionInfo = Omit<StoredVersionInfo, 'source'>;

/**
 * `GET /policy/versions` (public): every version, the one in effect and the one scheduled, if any. The
 * handler builds this answer; the versions in it are the domain's.
 */
export interface PolicyListing {
  readonly current: PolicyVersionInfo;
  readonly scheduled?: PolicyVersionInfo;
  readonly versions: readonly PolicyVersionInfo[];
}

/** `GET /policy/versions/{version}/changes.json`: what changed, section by section (the domain's diff). */
export interface PolicyChanges {
  readonly diff: PolicyDiff;
}

/** `POST /staff/policy/versions/{version}/notices`: the change notice started (or resumed). */
export interface NoticeStarted {
  readonly recipients: number;
  readonly created: number;
  readonly suppressed: number;
  readonly queued: number;
  /** Rows of the recipient list that were left out, e.g. `line 7: not an email address`. */
  readonly problems: readonly string[];
}

/**
 * `GET /staff/policy/versions/{version}/notices`: how far the notice has come. The counts are the domain's;
 * the dead-letter count and the failures are added by the handler, which nothing checks yet.
 */
export interface NoticeProgress {
  readonly total: number;
  readonly queued: number;
  readonly sent: number;
  readonly failed: number;
  readonly suppressed: number;
  readonly deadLetterQueue: number;
  /** Failed deliveries by recipient key and reason, never by address. */
  readonly failures: readonly { recipient: string; status: string; reason?: string }[];
}

/** `POST /staff/policy/notices/dead-letters/replay` (built by its handler). */
export interface DeadLettersReplayed {
  readonly replayed: number;
}

/** `GET /staff/consent/summary`: the cookie banner's choices counted per day (domain/consent/summary.ts). */
export type { ConsentCounts, ConsentDay, ConsentSummary } from '../consent/summary';
