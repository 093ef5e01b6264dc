/**
 * A staff decision on a workflow task: checked against the task's type, recorded once (a second or
 * concurrent decision is a 409), audited, and handed to the workflow as `{ decision }` only. A manual
 * collection's upload or "no data found" becomes that system's finding before the workflow moves on.
 * "Ask for more information" emails the requester and leaves the task open. What a decision answers
 * beside approve or reject (the child's say, an erasure decided in the system) is decision-answers.ts's.
 */

import type { AuditTrail } from '../audit/trail';
import { renderEmail } from '../email/render';
import { ConflictError, NotFoundError } from '../errors';
import { findController } from '../policy/queries';
import type { PolicyDocument } from '../policy/schema';
import type { Mailer } from '../ports/mailer';
import { loadRequest } from '../requests/issue-verification';
import type { RequestStore } from '../requests/record';
import type { FindingStore, FulfilmentStore } from '../workflow/ports';
import { readDecision, type StaffDecision, type StaffTask, workflowOutput } from '../workflow/tasks';
import { type StaffMember, visibleTo } from './access';
import { answersAudit, checkedAnswers, recordAnswers, undoAnswers } from './decision-answers';
import { type IssuedUploadStore, issuedUploadKey } from './uploads';

export interface TaskDecisionStore {
  get(taskId: string): Promise<StaffTask | undefined>;
  decide(
    task: StaffTask,
    decision: StaffDecision,
    by: string,
    at: string,
  ): Promise<
    { decided: true; task: StaffTask; taskToken: string } | { decided: false; task: StaffTask | undefined }
  >;
  reopen(task: StaffTask): Promise<void>;
  markResumed(task: StaffTask, at: string): Promise<void>;
  countInfoRequest(task: StaffTask): Promise<void>;
}

/** Resumes a waiting workflow task; false when the task already ended (timed out). */
export interface TaskResumer {
  resume(taskToken: string, output: { decision: 'approve' | 'reject' }): Promise<boolean>;
}

export interface DecideTaskDeps {
  readonly policy: PolicyDocument;
  readonly tasks: TaskDecisionStore;
  readonly requests: RequestStore;
  readonly findings: FindingStore;
  readonly fulfilments: Pick<FulfilmentStore, 'put'>;
  /** The upload keys handed out with presigned PUTs: a decision may name only one issued for its task. */
  readonly uploads: Pick<IssuedUploadStore, 'find'>;
  readonly audit: AuditTrail;
  readonly workflow: TaskResumer;
  readonly mailer: Mailer;
  readonly mailFrom: string;
  readonly clock: () => Date;
}

export type DecideOutcome =
  | { readonly status: 'decided'; readonly task: StaffTask }
  | { readonly status: 'information-requested'; readonly task: StaffTask };

export async function decideTask(
  taskId: string,
  body: unknown,
  staff: StaffMember,
  deps: DecideTaskDeps,
): Promise<DecideOutcome> {
  // Another company's task answers like one that does not exist, before its body is even read.
  const task = visibleTo(staff, await deps.tasks.get(taskId), 'task');
  const decision = readDecision(task.type, body);
  if (task.status !== 'open') throw new ConflictError(decidedMessage(task));
  // Checked before anything is written: a refused key leaves the task open and nothing recorded.
  const upload =
    'uploadKey' in decision ? await issuedUploadKey(decision.uploadKey, task, deps.uploads) : undefined;
  const answers = await checkedAnswers(task, decision, deps);
  const at = deps.clock().toISOString();
  const actor = { kind: 'staff', id: staff.username } as const;

  if (decision.decision === 'ask-info') {
    const request = await loadRequest(deps.requests, task.requestId);
    const controller = findController(deps.policy, request.controllerId);
    if (controller === undefined)
      throw new NotFoundError(`Controller ${request.controllerId} is not in the policy`);
    await deps.mailer.send({
      to: request.requester.email,
      from: deps.mailFrom,
      replyTo: controller.privacyContactEmail,
      content: renderEmail({
        kind: 'information-request',
        lang: request.lang,
        recipientName: request.requester.name,
        requestId: request.id,
        controllerName: controller.legalName,
        question: decision.comment,
        replyTo: controller.privacyContactEmail,
      }),
      tags: { email: 'information-request' },
    });
    await deps.tasks.countInfoRequest(task);
    await deps.audit.append(
      task.requestId,
      { action: 'information-requested', actor, details: { taskId: task.taskId } },
      at,
    );
    return { status: 'information-requested', task };
  }

  const result = await deps.tasks.decide(task, decision, staff.username, at);
  if (!result.decided) throw new ConflictError(decidedMessage(result.task ?? task));
  if (task.type === 'manual-collection' && task.systemId !== undefined) {
    // An export of the system holds what the policy says that system holds.
    const system = deps.policy.systems.find((s) => s.id === task.systemId);
    await deps.findings.put(task.requestId, {
      systemId: task.systemId,
      source: upload === undefined ? 'no-data' : 'staff-upload',
      categories: upload === undefined ? [] : (system?.categories ?? []),
      recordCount: 0,
      ...(upload === undefined ? {} : { objectKey: upload }),
      ...(decision.comment === undefined ? {} : { note: decision.comment }),
      collectedAt: at,
    });
  }
  await recordAnswers(task, answers, at, deps);
  let resumed: boolean;
  try {
    resumed = await deps.workflow.resume(result.taskToken, workflowOutput(decision));
  } catch (error) {
    // The workflow did not hear of it: undo, so the decision can be made again.
    await undoAnswers(task, answers, deps);
    await deps.tasks.reopen(result.task);
    throw error;
  }
  if (!resumed)
    throw new ConflictError(
      'This task is no longer waiting (it timed out); the request shows what happened next.',
    );
  await deps.tasks.markResumed(result.task, at);
  await deps.audit.append(
    task.requestId,
    {
      action: 'task-decided',
      actor,
      details: {
        taskId: task.taskId,
        type: task.type,
        decision: decision.decision,
        ...(task.systemId ? { systemId: task.systemId } : {}),
        // "No data found" is approved like an upload (the workflow goes on either way), so the trail says
        // which it was: the timeline must not read an empty system as an approved export.
        ...(task.type === 'manual-collection'
          ? { outcome: 'noDataFound' in decision ? 'no-data-found' : 'uploaded' }
          : {}),
        ...answersAudit(answers),
      },
    },
    at,
  );
  return { status: 'decided', task: result.task };
}

function decidedMessage(task: StaffTask): string {
  return task.decidedBy === undefined
    ? 'This task has already been decided.'
    : `This task was already decided by ${task.decidedBy} at ${task.decidedAt}.`;
}
