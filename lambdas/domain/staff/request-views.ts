/**
 * What the staff API shows. The list holds no more personal data than staff need to pick a request: no
 * requester names or addresses, only type, company, status, dates and the pending step, and for a request a
 * guardian made for a child, the child's name: the child is the person the request is about, and staff
 * must not take it for the parent's own request. The detail view, which is audited, adds the requester's
 * details (staff check identity with them), the request's file, the timeline in words and, beside an open
 * identity check, what to check.
 */

import type { AuditEvent } from '../audit/chain';
import { daysLeft, deadlineState } from '../calendar';
import { osloDate } from '../oslo-date';
import type { PolicyDocument } from '../policy/schema';
import type { RequestRecord } from '../requests/record';
import { erasureDecisionFor } from '../workflow/erasure-decision';
import type { Finding } from '../workflow/findings';
import type { CategoryDecision } from '../workflow/legal-hold';
import type { StaffTask } from '../workflow/tasks';
import type { ExtendedRequest } from './extend-deadline';
import type { HoldView } from './holds';
import { identityCheckGuide } from './identity-check-guide';
import { erasureDecisionQuestion } from './task-question';
import { requestTimeline } from './timeline';
import { systemName } from './words';

export interface RequestRow {
  readonly id: string;
  readonly type: RequestRecord['type'];
  readonly controllerId: string;
  /** `awaiting-verification`, `verified` (in progress), `completed`, `rejected`, `closed-unverified`. */
  readonly status: RequestRecord['status'];
  readonly stage?: string;
  readonly completed: boolean;
  readonly receivedAt: string;
  readonly dueDate: string;
  readonly daysLeft: number;
  readonly deadline: 'ok' | 'soon' | 'urgent' | 'overdue' | 'closed';
  /** What is waiting: an open task's type, "attention", or the workflow stage. */
  readonly pendingStep?: string;
  readonly needsAttention?: string;
  /** The child a guardian asks for: the data subject. Shown to authorised staff only; never logged. */
  readonly childName?: string;
}

const CLOSED: readonly string[] = ['completed', 'rejected', 'closed-unverified'];

export function requestRow(request: RequestRecord, openTasks: readonly StaffTask[], now: Date): RequestRow {
  const closed = CLOSED.includes(request.status);
  const task = openTasks.find((t) => t.requestId === request.id);
  const pending = request.needsAttention !== undefined ? 'attention' : (task?.type ?? request.stage);
  return {
    id: request.id,
    type: request.type,
    controllerId: request.controllerId,
    status: request.status,
    ...(request.stage === undefined ? {} : { stage: request.stage }),
    completed: closed,
    receivedAt: request.receivedAt,
    dueDate: request.dueDate,
    daysLeft: daysLeft(request.dueDate, now),
    deadline: closed ? 'closed' : deadlineState(request.dueDate, now),
    ...(closed || pending === undefined ? {} : { pendingStep: pending }),
    ...(request.needsAttention === undefined ? {} : { needsAttention: request.needsAttention }),
    ...(request.onBehalfOf === undefined ? {} : { childName: request.onBehalfOf.name }),
  };
}

export interface RequestFilters {
  readonly controller?: string;
  readonly type?: string;
  readonly status?: string;
  /** A request id, or the start of one. */
  readonly q?: string;
}

export function matchesFilters(row: RequestRow, filters: RequestFilters): boolean {
  return (
    (filters.controller === undefined || row.controllerId === filters.controller) &&
    (filters.type === undefined || row.type === filters.type) &&
    (filters.status === undefined || row.status === filters.status || row.stage === filters.status) &&
    (filters.q === undefined || row.id.startsWith(filters.q.trim().toLowerCase()))
  );
}

/** The deadline extension, once given: the console then shows it instead of the form. */
export function extensionView(request: ExtendedRequest) {
  if (request.extendedAt === undefined) return {};
  return {
    extension: {
      originalDueDate: request.originalDueDate,
      extendedAt: request.extendedAt,
      extendedBy: request.extendedBy,
      reason: request.extensionReason,
    },
  };
}

export interface RequestFileInput {
  readonly request: ExtendedRequest;
  readonly tasks: readonly StaffTask[];
  readonly findings: readonly Finding[];
  readonly retention: readonly CategoryDecision[];
  /** The audit trail, oldest first, including the view being recorded now. */
  readonly events: readonly AuditEvent[];
  readonly holds: readonly HoldView[];
}

/**
 * `GET /staff/requests/{id}`'s answer. `timeline` stays the raw audit trail (the hash-chain check and
 * auditors read it); `history` is the same story in words, with the request's own dates, for people.
 */
export function requestDetail(file: RequestFileInput, policy: PolicyDocument, now: Date) {
  const { request } = file;
  const open = file.tasks.filter((t) => t.status === 'open');
  const today = osloDate(now);
  return {
    ...requestRow(request, open, now),
    lang: request.lang,
    requester: request.requester,
    ...(request.onBehalfOf === undefined ? {} : { onBehalfOf: request.onBehalfOf }),
    ...(request.details === undefined ? {} : { details: request.details }),
    ...(request.plan === undefined ? {} : { plan: request.plan }),
    ...eidSignInView(request),
    ...extensionView(request),
    tasks: file.tasks,
    openTasks: open.map((task) => openTaskView(task, request, policy, today)),
    findings: file.findings,
    retention: file.retention,
    holds: file.holds,
    timeline: file.events,
    history: requestTimeline(
      { request, tasks: file.tasks, findings: file.findings, events: file.events },
      policy,
    ),
  };
}

const keyedOnNationalId = (policy: PolicyDocument, systemId: string | undefined) =>
  policy.systems.some((system) => system.id === systemId && system.personKey === 'national-id');

/** How the requester signed in with ID-porten, without the pseudonym of their number. */
function eidSignInView(request: RequestRecord) {
  const signIn = request.eidSignIn;
  if (signIn === undefined) return {};
  const { personPseudonym: _pseudonym, ...shown } = signIn;
  return { eidSignIn: shown };
}

/** An open task with what staff need beside it: the identity-check guide, or the question to answer. */
function openTaskView(task: StaffTask, request: RequestRecord, policy: PolicyDocument, today: string) {
  if (task.type === 'identity-check')
    return { ...task, guide: identityCheckGuide(task.reasons ?? [], request, policy, today) };
  if (task.type === 'manual-collection' && keyedOnNationalId(policy, task.systemId) && request.eidSignIn)
    // The system finds people by their number, and ID-porten gave it: staff may open it for this task.
    return { ...task, nationalIdAvailable: true };
  const rule =
    task.type === 'manual-action' ? erasureDecisionFor(policy, request.type, task.systemId) : undefined;
  return rule === undefined
    ? task
    : { ...task, question: erasureDecisionQuestion(rule, systemName(policy, task.systemId)) };
}
