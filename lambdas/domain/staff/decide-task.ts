/**
 * A staff decision on a workflow task: checked against the task's type, recorded once (a second or
 * concurrent decision is a 409), audited, and handed to the workflow as `{ decision }` only. A manual
 * collection's upload or "no data found" becomes that system's finding before the workflow moves on.
 * "Ask for more information" emails the requester and leaves the task open. Approving a guardian's
 * identity check records the child's say where an age rule asks for it, and the systems it keeps back
 * become "withheld" findings, so collection skips them (workflow/minors.ts). Where erasing is the health
 * personnel's decision (workflow/erasure-decision.ts), the manual-action task records what they decided,
 * and that becomes the system's fulfilment, which the answer reports.
 */

import type { AuditTrail } from '../audit/trail';
import { renderEmail } from '../email/render';
import { ConflictError, NotFoundError } from '../errors';
import { findController } from '../policy/queries';
import type { PolicyDocument } from '../policy/schema';
import type { Mailer } from '../ports/mailer';
import { loadRequest } from '../requests/issue-verification';
import type { RequestStore } from '../requests/record';
import { checkErasureOutcome, erasureDecisionFor } from '../workflow/erasure-decision';
import {
  checkMinorsAnswer,
  type MinorsAnswer,
  minorsRules,
  withheldExplanation,
  withholdings,
} from '../workflow/minors';
import type { FindingStore, FulfilmentStore } from '../workflow/ports';
import { readDecision, type StaffDecision, type StaffTask, workflowOutput } from '../workflow/tasks';
import { type StaffMember, visibleTo } from './access';
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
  const minors =
    task.type === 'identity-check' && decision.decision === 'approve'
      ? minorsRules(deps.policy, task.reasons ?? [])
      : [];
  const childsSay: MinorsAnswer = 'youngPersonConsent' in decision || 'childView' in decision ? decision : {};
  if (task.type === 'identity-check' && decision.decision === 'approve') checkMinorsAnswer(minors, childsSay);
  const erasureOutcome = 'erasureOutcome' in decision ? decision.erasureOutcome : undefined;
  const erasureRule =
    task.type === 'manual-action'
      ? erasureDecisionFor(
          deps.policy,
          (await loadRequest(deps.requests, task.requestId)).type,
          task.systemId,
        )
      : undefined;
  if (task.type === 'manual-action') checkErasureOutcome(erasureRule, erasureOutcome);
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
  if (erasureRule !== undefined && erasureOutcome !== undefined && task.systemId !== undefined)
    await deps.fulfilments.put(task.requestId, {
      systemId: task.systemId,
      action: erasureOutcome === 'erased' ? 'erased-by-decision' : 'kept-by-decision',
      at,
    });
  // Written before the workflow resumes, so that collection, which may start at once, finds them.
  const withheld =
    minors.length === 0
      ? []
      : withholdings(
          deps.policy,
          (await loadRequest(deps.requests, task.requestId)).plan?.systems.map((s) => s.systemId) ?? [],
          minors,
          childsSay,
        );
  for (const { rule, systems } of withheld)
    for (const systemId of systems)
      await deps.findings.put(task.requestId, {
        systemId,
        source: 'withheld',
        categories: [],
        recordCount: 0,
        ageRuleId: rule.id,
        explanation: withheldExplanation(rule),
        collectedAt: at,
      });
  let resumed: boolean;
  try {
    resumed = await deps.workflow.resume(result.taskToken, workflowOutput(decision));
  } catch (error) {
    // The workflow did not hear of it: undo, so the decision can be made again.
    for (const systemId of withheld.flatMap((w) => w.systems))
      await deps.findings.remove(task.requestId, systemId);
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
        // The child's say, and what it kept back: the record of why the guardian's answer lacks a system.
        ...(childsSay.youngPersonConsent === true ? { youngPersonConsent: true } : {}),
        ...(childsSay.childView === undefined ? {} : { childView: childsSay.childView }),
        ...(withheld.length > 0 ? { withheld: withheld.flatMap((w) => w.systems).join(',') } : {}),
        ...(erasureOutcome === undefined ? {} : { erasureOutcome: erasureOutcome }),
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
