/**
 * A request's page (`#/requests/<id>`, an audited view, loaded once per visit). In the order staff work:
 * the open tasks and their forms, the request and the people, what was found (with the export preview),
 * the legal-hold result, the deadline extension and legal holds, then the timeline in words.
 */
import type { HoldView, RequestFile } from '../../../lambdas/domain/staff/staff-api';
import { categoryName, controllerName, systemName } from '../catalog';
import { api } from '../client';
import { facts, fragment, h, table } from '../dom';
import { formatDate, formatDateTime, shortId } from '../format';
import { nameOf, type Texts } from '../i18n';
import type { EidSignInView } from '../national-id';
import { stillOn } from '../routes';
import { lang, mainRegion, texts } from '../state';
import { auditCheck } from './audit-check';
import { EXPORT_TYPES, exportPreviewSection } from './export-preview';
import { extensionSection } from './extension';
import { eidIdentity, hideNationalId } from './national-id';
import { showFailure, showLoading } from './page-states';
import { childFacts, personFacts } from './people';
import { holdsSection } from './request-holds';
import { dueCell, pendingText, statusText } from './request-status';
import { taskSection } from './task';

/**
 * `GET /staff/requests/{id}` as the page keeps it: a placed hold is added to its list of holds. The
 * ID-porten sign-in is named here until the shared RequestFile names it.
 */
export type OpenedRequest = Omit<RequestFile, 'holds'> & {
  holds: HoldView[];
  readonly eidSignIn?: EidSignInView;
};

/** The request loaded last: a language switch redraws it instead of recording another view. */
let opened: OpenedRequest | undefined;

export async function showRequest(id: string): Promise<void> {
  showLoading();
  try {
    opened = await api.get<OpenedRequest>(`/staff/requests/${encodeURIComponent(id)}`);
    if (stillOn('request', id)) drawRequest(opened, true);
  } catch (failure) {
    showFailure(failure);
  }
}

function drawRequest(file: OpenedRequest, focus: boolean): void {
  // A number shown on the page being replaced goes with it, not into a detached node.
  hideNationalId();
  const reload = () => showRequest(file.id);
  const text = texts();
  // A guardian's request is about the child: the heading names the child first, then who asked.
  const about =
    file.onBehalfOf === undefined
      ? ''
      : ` · ${file.onBehalfOf.name} (${text.childLabel}), ${text.filedBy.replace('{name}', file.requester.name)}`;
  const heading = h(
    'h1',
    { tabindex: -1 },
    `${nameOf(text.typeNames, file.type)}${about} · ${text.requestTitle} ${shortId(file.id)}`,
  );
  const back = h('a', { href: '#/', class: 'back' }, text.backToInbox);
  // In the order staff work: what is waiting for them, the request, what was found, then what happened.
  mainRegion().replaceChildren(
    fragment(
      back,
      heading,
      h('p', { class: 'note' }, text.viewAudited),
      h(
        'section',
        { 'aria-labelledby': 'tasks-heading', id: 'tasks' },
        h('h2', { id: 'tasks-heading' }, text.openTasks),
        file.openTasks.length === 0
          ? h('p', {}, text.noOpenTasks)
          : file.openTasks.map((task) => taskSection(file, task, reload)),
      ),
      h(
        'section',
        { 'aria-labelledby': 'details-heading', id: 'request-details' },
        h('h2', { id: 'details-heading' }, text.requestDetails),
        facts([
          [text.colId, file.id],
          [text.colType, nameOf(text.typeNames, file.type)],
          [text.colCompany, controllerName(file.controllerId)],
          [text.colStatus, statusText(file, text)],
          [text.colReceived, formatDateTime(file.receivedAt, lang)],
          [text.colDue, dueCell(file, text)],
          [text.colPending, file.pendingStep === undefined ? '' : pendingText(file.pendingStep, text)],
        ]),
        h('h3', {}, text.requester),
        personFacts(file, eidIdentity(file.id, file.eidSignIn, file.openTasks, { api, text })),
        file.onBehalfOf === undefined ? '' : [h('h3', {}, text.childTitle), childFacts(file)],
        file.details === undefined
          ? ''
          : [h('h3', {}, text.details), h('p', { class: 'details' }, file.details)],
      ),
      h('h2', {}, text.findings),
      file.findings.length === 0
        ? h('p', {}, text.noFindings)
        : table(
            text.findings,
            [
              text.colSystem,
              text.colSource,
              text.colCategories,
              text.colRecords,
              text.colNote,
              text.colCollected,
            ],
            file.findings.map((f) => [
              systemName(f.systemId),
              nameOf(text.sourceNames, f.source),
              f.categories.map((c) => categoryName(c, lang)).join(', '),
              // Uploads are files staff chose, not records we parsed: say what they are rather than "0".
              f.source === 'staff-upload'
                ? text.uploadedFile
                : f.source === 'no-data'
                  ? text.noDataFound
                  : f.source === 'not-linkable' || f.source === 'withheld'
                    ? '–'
                    : f.recordCount,
              f.note ?? '',
              formatDateTime(f.collectedAt, lang),
            ]),
          ),
      EXPORT_TYPES.includes(file.type) && file.findings.length > 0
        ? exportPreviewSection(file.id, { api, text, lang: lang })
        : '',
      h('h2', {}, text.retention),
      file.type === 'erasure' || file.retention.length === 0
        ? ''
        : h('p', { class: 'note' }, text.retentionNotErasure),
      file.retention.length === 0
        ? h('p', {}, text.noRetention)
        : table(
            text.retention,
            [text.colSystem, text.colCategory, text.colAction, text.colBasis, text.colRetainUntil],
            file.retention.map((d) => [
              systemName(d.systemId),
              categoryName(d.categoryId, lang),
              // Only an erasure request erases: for the others the decision is what erasure would keep.
              d.action === 'retain'
                ? text.actionRetain
                : file.type === 'erasure'
                  ? text.actionErase
                  : text.actionErasable,
              basisText(d.basis, text),
              d.retainUntil !== undefined
                ? formatDate(d.retainUntil, lang)
                : (d.condition?.[lang] ?? (d.action === 'retain' ? text.untilUnknown : '')),
            ]),
          ),
      file.completed ? '' : extensionSection(file, reload),
      holdsSection(file),
      h('h2', {}, text.timeline),
      auditCheck(file.id, { api, text }),
      historyTable(file),
    ),
  );
  if (focus) heading.focus();
}

function historyTable(file: OpenedRequest): HTMLElement {
  const text = texts();
  const shown = table(
    text.timeline,
    [text.colWhen, text.colWhat],
    file.history.map((entry) => [formatDateTime(entry.at, lang), entry.text[lang]]),
  );
  shown.id = 'history';
  // The kind is for styling and tests only; staff read the sentence.
  const rows = shown.querySelectorAll('tbody tr');
  file.history.forEach((entry, index) => {
    rows[index]?.setAttribute('data-kind', entry.kind);
  });
  return shown;
}

/** Retention rules have no names of their own in the policy: the law they rest on names them. */
function basisText(basis: RequestFile['retention'][number]['basis'], text: Texts): string {
  switch (basis.kind) {
    case 'retention-rule': {
      // Read defensively, as stored data: a decision without a citation still names its kind.
      const law = basis.legalReference?.citation?.[lang];
      return law === undefined ? text.basisRule : `${text.basisRule}: ${law}`;
    }
    case 'legal-hold':
      return `${text.basisHold}: ${basis.reason}`;
    default:
      return text.basisNoObligation;
  }
}

export function redrawRequest(id: string): boolean {
  if (opened?.id !== id) return false;
  drawRequest(opened, false);
  return true;
}

export function forgetRequest(): void {
  opened = undefined;
}
