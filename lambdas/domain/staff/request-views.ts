/**
 * What the staff API shows. The list holds no more personal data than staff need to pick a request: no
 * names or addresses, only type, company, status, dates and the pending step. The detail view, which is
 * audited, adds the requester's details (staff check identity with them) and the request's file.
 */

import { daysLeft, deadlineState } from '../calendar';
import type { RequestRecord } from '../requests/record';
import type { StaffTask } from '../workflow/tasks';
import type { ExtendedRequest } from './extend-deadline';

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
