/**
 * What a staff decision answers beside approve or reject, where a rule asks for it: the child's say on a
 * guardian's identity check (workflow/minors.ts) and the outcome of an erasure that is decided in the
 * system (workflow/erasure-decision.ts). Checked against the rules before anything is written, recorded
 * before the workflow resumes (collection may start at once and must find the withheld systems), taken
 * back if the workflow does not hear of the decision, and summed up for the audit trail.
 */
import type { AuditDetailValue } from '../audit/chain';
import type { PolicyDocument } from '../policy/schema';
import { loadRequest } from '../requests/issue-verification';
import type { RequestStore } from '../requests/record';
import {
  checkErasureOutcome,
  type ErasureDecisionRule,
  type ErasureOutcome,
  erasureDecisionFor,
} from '../workflow/erasure-decision';
import {
  checkMinorsAnswer,
  type MinorsAnswer,
  minorsRules,
  type Withholding,
  withheldExplanation,
  withholdings,
} from '../workflow/minors';
import type { FindingStore, FulfilmentStore } from '../workflow/ports';
import type { StaffDecision, StaffTask } from '../workflow/tasks';

export interface DecisionAnswers {
  readonly childsSay: MinorsAnswer;
  /** The systems the child's say keeps from the guardian. */
  readonly withheld: readonly Withholding[];
  readonly erasure?: { readonly rule: ErasureDecisionRule; readonly outcome: ErasureOutcome };
}

export interface AnswerDeps {
  readonly policy: PolicyDocument;
  readonly requests: RequestStore;
  readonly findings: FindingStore;
  readonly fulfilments: Pick<FulfilmentStore, 'put'>;
}

/** Throws a ValidationError when an answer a rule asks for is missing, or one no rule asks for is given. */
export async function checkedAnswers(
  task: StaffTask,
  decision: StaffDecision,
  deps: Pick<AnswerDeps, 'policy' | 'requests'>,
): Promise<DecisionAnswers> {
  const none: DecisionAnswers = { childsSay: {}, withheld: [] };
  if (decision.decision !== 'approve') return none;
  if (task.type === 'identity-check') {
    const childsSay: MinorsAnswer =
      'youngPersonConsent' in decision || 'childView' in decision ? decision : {};
    const rules = minorsRules(deps.policy, task.reasons ?? []);
    checkMinorsAnswer(rules, childsSay);
    if (rules.length === 0) return { childsSay, withheld: [] };
    const planned = (await loadRequest(deps.requests, task.requestId)).plan?.systems ?? [];
    const systems = planned.map((s) => s.systemId);
    return { childsSay, withheld: withholdings(deps.policy, systems, rules, childsSay) };
  }
  if (task.type === 'manual-action') {
    const outcome = 'erasureOutcome' in decision ? decision.erasureOutcome : undefined;
    const { type } = await loadRequest(deps.requests, task.requestId);
    const rule = erasureDecisionFor(deps.policy, type, task.systemId);
    checkErasureOutcome(rule, outcome);
    return rule === undefined || outcome === undefined ? none : { ...none, erasure: { rule, outcome } };
  }
  return none;
}

/** Writes what the answers decide: withheld findings, and the erasure outcome as the system's fulfilment. */
export async function recordAnswers(
  task: StaffTask,
  answers: DecisionAnswers,
  at: string,
  deps: AnswerDeps,
): Promise<void> {
  if (answers.erasure !== undefined && task.systemId !== undefined)
    await deps.fulfilments.put(task.requestId, {
      systemId: task.systemId,
      action: answers.erasure.outcome === 'erased' ? 'erased-by-decision' : 'kept-by-decision',
      at,
    });
  for (const { rule, systems } of answers.withheld)
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
}

/**
 * Takes back the withheld findings of a decision the workflow never heard of. The erasure outcome needs
 * no undoing: the task reopens, and the next decision overwrites it.
 */
export async function undoAnswers(
  task: StaffTask,
  answers: DecisionAnswers,
  deps: AnswerDeps,
): Promise<void> {
  for (const systemId of answers.withheld.flatMap((w) => w.systems))
    await deps.findings.remove(task.requestId, systemId);
}

/** The answers in the audit trail: why a guardian's answer lacks a system, and what was decided. */
export function answersAudit(answers: DecisionAnswers): Record<string, AuditDetailValue> {
  const withheld = answers.withheld.flatMap((w) => w.systems);
  return {
    ...(answers.childsSay.youngPersonConsent === true ? { youngPersonConsent: true } : {}),
    ...(answers.childsSay.childView === undefined ? {} : { childView: answers.childsSay.childView }),
    ...(withheld.length > 0 ? { withheld: withheld.join(',') } : {}),
    ...(answers.erasure === undefined ? {} : { erasureOutcome: answers.erasure.outcome }),
  };
}
