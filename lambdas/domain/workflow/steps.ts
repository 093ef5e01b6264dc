/**
 * The request workflow's automated steps after verification. Each takes the request id (and, in the
 * collection Map, a system id) from the state machine, does its work against the stores, and returns
 * only ids and flags, so no personal data ever enters the execution history.
 */

import type { Connector } from '../connectors/connector';
import { consoleRequestUrl } from '../email/console-links';
import { renderEmail } from '../email/render';
import { NotFoundError } from '../errors';
import { osloDate } from '../oslo-date';
import { controllerName, findController } from '../policy/queries';
import type { PolicyDocument } from '../policy/schema';
import type { Mailer } from '../ports/mailer';
import type { Pseudonyms } from '../pseudonyms';
import { loadRequest } from '../requests/issue-verification';
import type { RequestRecord, RequestStore, VerificationCallback } from '../requests/record';
import { subjectHash } from '../subject';
import { answersInSystems } from './answer-scope';
import type { Finding } from './findings';
import { decideRetention } from './legal-hold';
import { planRequest } from './plan';
import type {
  CollectedDataStore,
  FindingStore,
  HoldStore,
  RequestProgressStore,
  RetentionStore,
  WorkflowStage,
} from './ports';
import type { StaffTask, StaffTaskType } from './tasks';

interface Clocked {
  readonly clock: () => Date;
}

/**
 * Plans a verified request: identity check or not, the systems to collect from, and the systems the answer
 * acts in (none for a type whose answer is the export alone, and never a system that cannot be linked to
 * the person: `fulfilPlan` does nothing there, so the workflow spends no step on it).
 */
export async function planStep(
  requestId: string,
  deps: Clocked & { policy: PolicyDocument; requests: RequestStore; progress: RequestProgressStore },
) {
  const request = await loadRequest(deps.requests, requestId);
  const now = deps.clock();
  // The ID-porten sign-in, if any, may answer the identity check (plan.ts, eidAnswersSpecialCategories).
  const identity = request.eidSignIn;
  const plan = planRequest(
    deps.policy,
    { ...request, ...(identity === undefined ? {} : { identity }) },
    osloDate(now),
  );
  await deps.progress.setPlan(
    requestId,
    plan,
    plan.identityCheck ? 'identity-check' : 'collecting',
    now.toISOString(),
  );
  const answerSystems = answersInSystems(request.type)
    ? plan.systems.filter((system) => system.handling !== 'not-linkable')
    : [];
  return { identityCheck: plan.identityCheck, systems: plan.systems, answerSystems };
}

export interface StaffTaskStore {
  open(task: StaffTask, taskToken: string): Promise<void>;
  get(taskId: string): Promise<StaffTask | undefined>;
}

/**
 * Opens a staff task for a callback state. Its id is derived from the request, the type and the system
 * or stage, so a retried state reopens the same task with its new token instead of adding a second one;
 * a task that was already decided gets a numbered successor (a stage that failed again).
 */
export async function openTaskStep(
  input: { requestId: string; type: StaffTaskType; systemId?: string; stage?: string; taskToken: string },
  deps: Clocked & { requests: RequestStore; tasks: StaffTaskStore; progress: RequestProgressStore },
) {
  const request = await loadRequest(deps.requests, input.requestId);
  const now = deps.clock().toISOString();
  const base = [input.requestId, input.type, input.systemId ?? input.stage].filter(Boolean).join('.');
  let taskId = base;
  for (let n = 2; (await deps.tasks.get(taskId))?.status === 'decided'; n++) taskId = `${base}-${n}`;
  await deps.tasks.open(
    {
      taskId,
      requestId: request.id,
      controllerId: request.controllerId,
      type: input.type,
      status: 'open',
      createdAt: now,
      ...(input.systemId === undefined ? {} : { systemId: input.systemId }),
      ...(input.stage === undefined ? {} : { stage: input.stage }),
      ...(input.type === 'identity-check' && request.plan !== undefined
        ? { reasons: request.plan.reasons }
        : {}),
    },
    input.taskToken,
  );
  const stage: Partial<Record<StaffTaskType, WorkflowStage>> = {
    review: 'review',
    'identity-check': 'identity-check',
  };
  const next = stage[input.type];
  if (next !== undefined) await deps.progress.setStage(request.id, next, now);
  return { taskId };
}

/** Completes the workflow's waiting task for a step that needed no staff. */
export type WorkflowCallback = Pick<VerificationCallback, 'resume'>;

export interface SystemTaskDeps extends Clocked {
  readonly requests: RequestStore;
  readonly tasks: StaffTaskStore;
  readonly progress: RequestProgressStore;
  readonly callback: WorkflowCallback;
}

/**
 * The end of a per-system callback step (collection or answer): a system that needs staff gets its staff
 * task, which keeps the token until staff decide (as a staff-task state would open it); any other is done,
 * and the workflow moves on at once. One state per system either way, where a Lambda, a Choice and a Pass
 * (and a staff-task state) cost a transition each.
 */
export async function finishSystemStep(
  input: { requestId: string; systemId: string; taskToken: string },
  type: Extract<StaffTaskType, 'manual-collection' | 'manual-action'>,
  needsStaff: boolean,
  deps: SystemTaskDeps,
) {
  if (needsStaff) {
    const { taskId } = await openTaskStep({ ...input, type }, deps);
    return { needsStaff, taskId };
  }
  await deps.callback.resume(input.taskToken);
  return { needsStaff };
}

/** Only a request with an age rule among its reasons can have withheld systems: the others skip the read. */
async function withheldFromGuardian(request: RequestRecord, systemId: string, deps: CollectDeps) {
  if (!request.plan?.reasons.some((reason) => reason.kind === 'age-rule')) return false;
  const findings = await deps.findings.list(request.id);
  return findings.some((f) => f.systemId === systemId && f.source === 'withheld');
}

export interface CollectDeps extends Clocked {
  readonly policy: PolicyDocument;
  readonly requests: RequestStore;
  readonly findings: FindingStore;
  readonly collected: CollectedDataStore;
  readonly connectors: Readonly<Record<string, Connector>>;
}

/**
 * Collects from one system by its handling. Automated: the connector reads, the records go to the export
 * bucket, the finding to the table. Not linkable: the policy's explanation becomes the finding. Manual:
 * nothing here; the state machine opens a staff task. A system the identity check withheld from a
 * guardian (minors.ts) already has its finding, and is not read at all.
 */
export async function collectStep(input: { requestId: string; systemId: string }, deps: CollectDeps) {
  const system = deps.policy.systems.find((s) => s.id === input.systemId);
  if (system === undefined) throw new NotFoundError(`System ${input.systemId} is not in the policy`);
  const request = await loadRequest(deps.requests, input.requestId);
  if (await withheldFromGuardian(request, system.id, deps)) return { needsStaff: false };
  const handling = system.handling;
  if (handling.kind === 'manual') return { needsStaff: true };
  const collectedAt = deps.clock().toISOString();
  if (handling.kind === 'not-linkable') {
    await deps.findings.put(request.id, {
      systemId: system.id,
      source: 'not-linkable',
      categories: [],
      recordCount: 0,
      explanation: handling.reason,
      collectedAt,
    });
    return { needsStaff: false };
  }
  const connector = deps.connectors[handling.connector];
  if (connector === undefined) throw new NotFoundError(`No connector ${handling.connector} is configured`);
  const data = await connector.collect(subjectOf(request));
  const recordCount = Object.values(data.records).reduce((sum, records) => sum + records.length, 0);
  const written = recordCount > 0 ? await deps.collected.write(request.id, system.id, data) : undefined;
  await deps.findings.put(request.id, {
    systemId: system.id,
    source: 'connector',
    categories: data.categories,
    recordCount,
    ...(data.lastActivityDate === undefined ? {} : { lastActivityDate: data.lastActivityDate }),
    // What was written, object by object, so the answer can be checked against it (collected-match.ts).
    ...(written === undefined ? {} : { objectKey: written.prefix, objects: written.objects }),
    collectedAt,
  });
  return { needsStaff: false };
}

/** Decides, per system and category found, erase or retain, and stores the decisions for review. */
export async function legalHoldStep(
  requestId: string,
  deps: Clocked & {
    policy: PolicyDocument;
    requests: RequestStore;
    findings: FindingStore;
    holds: HoldStore;
    retention: RetentionStore;
    progress: RequestProgressStore;
    pseudonyms: Pseudonyms;
  },
) {
  const request = await loadRequest(deps.requests, requestId);
  const now = deps.clock();
  const findings: Finding[] = await deps.findings.list(requestId);
  const decisions = decideRetention({
    requestType: request.type,
    findings,
    policy: deps.policy,
    holds: await deps.holds.listForSubject(subjectHash(deps.pseudonyms, request.requester.email)),
    today: osloDate(now),
  });
  await deps.retention.put(requestId, decisions);
  await deps.progress.setStage(requestId, 'review', now.toISOString());
  return {
    retained: decisions.filter((d) => d.action === 'retain').length,
    erasable: decisions.filter((d) => d.action === 'erase').length,
  };
}

/** A step failed after its retries: flag the request and tell the company's privacy contact (ids only). */
export async function attentionStep(
  input: { requestId: string; stage: string },
  deps: Clocked & {
    policy: PolicyDocument;
    requests: RequestStore;
    progress: RequestProgressStore;
    mailer: Mailer;
    mailFrom: string;
    consoleUrl: string;
  },
) {
  const request = await loadRequest(deps.requests, input.requestId);
  await deps.progress.flagAttention(request.id, input.stage, deps.clock().toISOString());
  const controller = findController(deps.policy, request.controllerId);
  if (controller === undefined)
    throw new NotFoundError(`Controller ${request.controllerId} is not in the policy`);
  await deps.mailer.send({
    to: controller.privacyContactEmail,
    from: deps.mailFrom,
    content: renderEmail({
      kind: 'staff-attention',
      lang: 'nb',
      requestId: request.id,
      stage: input.stage,
      controllerName: controllerName(deps.policy, request.controllerId),
      consoleUrl: consoleRequestUrl(deps.consoleUrl, request.id),
    }),
    tags: { email: 'staff-attention' },
  });
  return { flagged: true };
}

export function subjectOf(request: RequestRecord) {
  return { email: request.requester.email, name: request.requester.name };
}
