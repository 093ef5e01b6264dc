/**
 * The answer, after staff approved the review: carry it out system by system (`fulfilStep`, one Map
 * iteration per system), then tell the requester what was done (`respondStep`), or, after a rejection,
 * why not (`rejectStep`). Both end the request.
 */

import type { Connector } from '../connectors/connector';
import { renderEmail } from '../email/render';
import { NotFoundError } from '../errors';
import { type NoticeConsentWithdrawals, withdrawNoticeConsent } from '../notices/withdrawal';
import { osloDate } from '../oslo-date';
import { controllerName, findController } from '../policy/queries';
import type { PolicyDocument, PolicySystem, RequestType } from '../policy/schema';
import type { Mailer } from '../ports/mailer';
import type { Pseudonyms } from '../pseudonyms';
import { loadRequest } from '../requests/issue-verification';
import { requestLinks } from '../requests/links';
import type { RequestRecord, RequestStore, Secrets } from '../requests/record';
import { hashStatusToken } from '../requests/secrets';
import { ERASING, STAFF_EVERYWHERE, SUPPRESSING } from './answer-scope';
import { ANSWER_TEXT } from './answer-text';
import { CollectedDataMismatchError, collectedProblems } from './collected-match';
import { dataExpiresAt } from './data-lifetime';
import { type ErasureDecisionRule, erasureDecisionRule, erasureOutcomeText } from './erasure-decision';
import type { Finding } from './findings';
import type { CategoryDecision } from './legal-hold';
import type {
  ExportFileStore,
  FindingStore,
  Fulfilment,
  FulfilmentStore,
  RequestObjectStore,
  RequestProgressStore,
  RetentionStore,
} from './ports';
import { requestRecordsKeptUntil } from './request-records';
import { subjectOf } from './steps';
import type { StaffTask } from './tasks';

/**
 * The general objection (Art. 21(1)): we must stop unless we demonstrate compelling legitimate grounds that
 * override the person's interests, rights and freedoms. That weighing is staff's: at review (reject, with the
 * grounds, which the requester is sent) and then in each system on legitimate interest that holds their data
 * (a manual-action task: stop the processing there). A system that also takes the direct-marketing objection
 * is marketing, where no weighing is allowed (Art. 21(3)): it is suppressed as for `objection`.
 */
function generalObjectionPlan(system: PolicySystem, found: boolean): FulfilPlan {
  if (system.requestTypes.includes('objection'))
    return system.handling.kind === 'automated' ? 'suppress' : found ? 'staff' : 'none';
  return found ? 'staff' : 'none';
}

export type FulfilPlan = 'erase' | 'suppress' | 'staff' | 'keep' | 'none';

/** What the answer does in one system: a pure rule of type, handling, findings and retention decisions. */
export function fulfilPlan(
  type: RequestType,
  system: PolicySystem,
  finding: Finding | undefined,
  decisions: readonly CategoryDecision[],
  /** A rule under which erasing here is staff's decision (erasure-decision.ts): then staff always decide. */
  decidedByStaff?: ErasureDecisionRule,
): FulfilPlan {
  const handling = system.handling.kind;
  if (handling === 'not-linkable' || finding?.source === 'withheld') return 'none';
  const found = finding !== undefined && (finding.recordCount > 0 || finding.source === 'staff-upload');
  if (type === 'objection-general') return generalObjectionPlan(system, found);
  if (SUPPRESSING.includes(type)) return handling === 'automated' ? 'suppress' : found ? 'staff' : 'none';
  if (STAFF_EVERYWHERE.includes(type)) return found ? 'staff' : 'none';
  if (!ERASING.includes(type) || !found) return 'none';
  if (decidedByStaff !== undefined) return 'staff';
  const mine = decisions.filter((d) => d.systemId === system.id);
  if (mine.length > 0 && mine.every((d) => d.action === 'retain')) return 'keep';
  // Automated systems erase what may be erased; retained categories stay (the connector erases the
  // erasable kinds only, see internal-connector.ts), and manual systems get a staff task.
  return handling === 'automated' ? 'erase' : 'staff';
}

export interface FulfilDeps {
  readonly policy: PolicyDocument;
  readonly requests: RequestStore;
  readonly findings: FindingStore;
  readonly retention: RetentionStore;
  readonly fulfilments: FulfilmentStore;
  readonly connectors: Readonly<Record<string, Connector>>;
  readonly clock: () => Date;
}

export async function fulfilStep(input: { requestId: string; systemId: string }, deps: FulfilDeps) {
  const system = deps.policy.systems.find((s) => s.id === input.systemId);
  if (system === undefined) throw new NotFoundError(`System ${input.systemId} is not in the policy`);
  const request = await loadRequest(deps.requests, input.requestId);
  const finding = (await deps.findings.list(request.id)).find((f) => f.systemId === system.id);
  const plan = fulfilPlan(
    request.type,
    system,
    finding,
    (await deps.retention.get(request.id)) ?? [],
    erasureDecisionRule(deps.policy, system.id),
  );
  const at = deps.clock().toISOString();
  const record = (fulfilment: Omit<Fulfilment, 'systemId' | 'at'>) =>
    deps.fulfilments.put(request.id, { systemId: system.id, at, ...fulfilment });
  if (plan === 'staff') return { needsStaff: true };
  if (plan === 'erase' || plan === 'suppress') {
    const handling = system.handling;
    const connector = handling.kind === 'automated' ? deps.connectors[handling.connector] : undefined;
    if (connector === undefined) throw new NotFoundError(`No connector for ${system.id}`);
    if (plan === 'erase') {
      const outcome = await connector.erase(subjectOf(request));
      await record(
        outcome.erased
          ? { action: 'erased', recordCount: outcome.recordCount }
          : { action: 'nothing-to-erase' },
      );
    } else {
      const outcome = await connector.suppress(subjectOf(request));
      await record({ action: outcome.suppressed ? 'suppressed' : 'none' });
    }
  } else {
    await record({ action: plan === 'keep' ? 'kept' : 'none' });
  }
  return { needsStaff: false };
}

export interface RespondDeps {
  readonly policy: PolicyDocument;
  readonly requests: RequestStore;
  readonly findings: FindingStore;
  readonly retention: RetentionStore;
  readonly fulfilments: FulfilmentStore;
  readonly progress: RequestProgressStore;
  readonly mailer: Mailer;
  readonly mailFrom: string;
  readonly publicBaseUrl: string;
  readonly secrets: Secrets;
  readonly pseudonyms: Pseudonyms;
  /** Access and portability: builds the export and returns where it is; other types never call it. */
  readonly buildExport: (request: RequestRecord) => Promise<{ key: string; bytes: number }>;
  /** What the request stored, checked against the findings before an export is built from it. */
  readonly storedObjects: Pick<RequestObjectStore, 'list'>;
  /** Where the export's key, size and expiry are recorded, for the download step. */
  readonly exportFiles: ExportFileStore;
  readonly tokens: { add(requestId: string, tokenHash: string): Promise<void> };
  /** Records about the person that outlive the request: no marketing, restricted processing. */
  readonly subjectFlags: {
    suppress(subject: { email: string }): Promise<unknown>;
    restrict(subject: { email: string }): Promise<unknown>;
  };
  /** A withdrawn consent also withdraws the consent to change notices, recorded against it. */
  readonly noticeConsents: NoticeConsentWithdrawals;
  readonly clock: () => Date;
}

/**
 * Writes the answer (and the export), emails it, and ends the request as completed. An export is built
 * only from collected data that still matches what collection recorded; otherwise nothing is sent and the
 * step fails with `CollectedDataMismatchError`, which the workflow turns into a task for staff.
 */
export async function respondStep(requestId: string, deps: RespondDeps) {
  const request = await loadRequest(deps.requests, requestId);
  if (request.stage === 'completed') return { sent: false };
  const text = ANSWER_TEXT[request.lang];
  const findings = await deps.findings.list(request.id);
  const decisions = (await deps.retention.get(request.id)) ?? [];
  const fulfilments = await deps.fulfilments.list(request.id);
  const exporting = request.type === 'access' || request.type === 'portability';
  if (exporting) {
    const problems = collectedProblems(request.id, findings, await deps.storedObjects.list(request.id));
    if (problems.length > 0) throw new CollectedDataMismatchError(request.id, problems);
  }
  const systems = deps.policy.systems.filter((s) => request.plan?.systems.some((p) => p.systemId === s.id));
  const lines = systems.map((system) => {
    const finding = findings.find((f) => f.systemId === system.id);
    const done = fulfilments.find((f) => f.systemId === system.id);
    if (
      finding?.source === 'not-linkable' &&
      finding.explanation !== undefined &&
      system.handling.kind === 'not-linkable'
    )
      return text.notLinkable(
        system.name,
        finding.explanation[request.lang],
        system.handling.whatYouCanDo[request.lang],
      );
    if (finding?.source === 'withheld' && finding.explanation !== undefined)
      return text.withheld(system.name, finding.explanation[request.lang]);
    const found = finding !== undefined && (finding.recordCount > 0 || finding.source === 'staff-upload');
    if (!found) return text.nothingFound(system.name);
    if (exporting)
      return finding.source === 'staff-upload'
        ? text.staffExport(system.name)
        : text.exported(system.name, finding.recordCount);
    if (done?.action === 'erased' || done?.action === 'nothing-to-erase') return text.erased(system.name);
    const decided = erasureDecisionRule(deps.policy, system.id);
    if (
      decided !== undefined &&
      (done?.action === 'erased-by-decision' || done?.action === 'kept-by-decision')
    ) {
      const outcome = erasureOutcomeText(decided, done.action === 'erased-by-decision' ? 'erased' : 'kept');
      // What another rule keeps in the same system (purchase history under the bookkeeping law) is told too.
      const alsoKept = decisions.find(
        (d) =>
          d.systemId === system.id &&
          d.action === 'retain' &&
          !(d.basis.kind === 'retention-rule' && d.basis.ruleId === decided.id),
      );
      const decidedLine = text.decided(system.name, outcome[request.lang]);
      return alsoKept === undefined
        ? decidedLine
        : `${decidedLine} ${text.kept(system.name, alsoKept.retainUntil, basisText(alsoKept, request.lang))}`;
    }
    if (done?.action === 'suppressed') return text.suppressed(system.name);
    if (request.type === 'objection-general') return text.objectionStopped(system.name);
    if (done?.action === 'staff') return text.staffDid(system.name);
    const kept = decisions.find((d) => d.systemId === system.id && d.action === 'retain');
    if (kept !== undefined) return text.kept(system.name, kept.retainUntil, basisText(kept, request.lang));
    return text.staffDid(system.name);
  });
  if (request.type === 'erasure') {
    const recordsUntil = requestRecordsKeptUntil(deps.policy, deps.clock());
    lines.push(text.requestRecordKept(recordsUntil === undefined ? undefined : osloDate(recordsUntil)));
  }
  // Whatever the systems said, an objection or a withdrawn consent leaves a suppression record, and a
  // restriction a restriction flag, so that no later step or import processes the person again.
  if (SUPPRESSING.includes(request.type)) {
    await deps.subjectFlags.suppress(subjectOf(request));
    await withdrawNoticeConsent(
      {
        id: request.id,
        type: request.type,
        email: request.requester.email,
        policyVersion: deps.policy.version,
      },
      deps.noticeConsents,
      deps.clock(),
      deps.pseudonyms,
    );
    lines.push(text.suppressionRecorded);
  }
  if (request.type === 'restriction') {
    await deps.subjectFlags.restrict(subjectOf(request));
    lines.push(text.restrictionRecorded);
  }

  let statusUrl: string | undefined;
  if (exporting) {
    const built = await deps.buildExport(request);
    const builtAt = deps.clock();
    await deps.exportFiles.record(request.id, {
      key: built.key,
      bytes: built.bytes,
      builtAt: builtAt.toISOString(),
      expiresAt: dataExpiresAt(builtAt),
    });
    const token = deps.secrets.newStatusToken();
    await deps.tokens.add(request.id, hashStatusToken(token));
    statusUrl = requestLinks(deps.publicBaseUrl, request.id, request.lang).statusUrl(token);
  }
  const authority = deps.policy.supervisoryAuthority;
  await deps.mailer.send({
    to: request.requester.email,
    from: deps.mailFrom,
    content: renderEmail({
      kind: 'request-completed',
      lang: request.lang,
      recipientName: request.requester.name,
      requestId: request.id,
      requestType: request.type,
      controllerName: controllerName(deps.policy, request.controllerId),
      lines,
      ...(statusUrl === undefined ? {} : { statusUrl }),
      authorityName: authority.name,
      authorityUrl: authority.url,
    }),
    tags: { email: 'request-completed' },
  });
  await deps.progress.finish(request.id, 'completed', deps.clock().toISOString());
  return { sent: true };
}

function basisText(decision: CategoryDecision, lang: 'nb' | 'en'): string {
  const basis = decision.basis;
  if (basis.kind === 'retention-rule') return basis.legalReference.citation[lang];
  if (basis.kind === 'legal-hold')
    return lang === 'nb' ? 'en rettslig tvist eller et pålegg' : 'a legal hold';
  return '';
}

export interface RejectDeps {
  readonly policy: PolicyDocument;
  readonly requests: RequestStore;
  readonly tasks: { listForRequest(requestId: string): Promise<StaffTask[]> };
  readonly progress: RequestProgressStore;
  readonly mailer: Mailer;
  readonly mailFrom: string;
  readonly clock: () => Date;
}

/** Staff rejected the request: the requester gets staff's reason and the right to complain. */
export async function rejectStep(requestId: string, deps: RejectDeps) {
  const request = await loadRequest(deps.requests, requestId);
  if (request.stage === 'rejected') return { sent: false };
  const rejection = (await deps.tasks.listForRequest(request.id))
    .filter((t) => t.decision?.decision === 'reject')
    .sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''))[0];
  const reason = rejection?.decision?.comment;
  if (reason === undefined || reason === '')
    throw new NotFoundError(`No rejection with a reason for ${request.id}`);
  const controller = findController(deps.policy, request.controllerId);
  if (controller === undefined)
    throw new NotFoundError(`Controller ${request.controllerId} is not in the policy`);
  const authority = deps.policy.supervisoryAuthority;
  await deps.mailer.send({
    to: request.requester.email,
    from: deps.mailFrom,
    replyTo: controller.privacyContactEmail,
    content: renderEmail({
      kind: 'request-rejected',
      lang: request.lang,
      recipientName: request.requester.name,
      requestId: request.id,
      requestType: request.type,
      controllerName: controller.legalName,
      reason,
      authorityName: authority.name,
      authorityUrl: authority.url,
    }),
    tags: { email: 'request-rejected' },
  });
  await deps.progress.finish(request.id, 'rejected', deps.clock().toISOString());
  return { sent: true };
}
