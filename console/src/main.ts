/**
 * The staff console: sign in, the inbox of requests, and a request's page with its tasks' forms. Plain
 * DOM, hash routes (`#/` and `#/requests/<id>`), every text from i18n.ts. The id token stays in memory
 * (auth.ts); a 401 from the API brings the sign-in back with a message, on the same route.
 */

import type {
  DecisionAnswer,
  ExtensionAnswer,
  HandledAnswer,
  HoldList,
  HoldView,
  IdentityCheckGuide,
  MessageFile,
  MessageList,
  MessageRow,
  OpenTask,
  PlacedHold,
  PolicyCategory,
  RequestFile,
  RequestList,
  RequestRow,
  TaskList,
  UploadTicket,
} from '../../lambdas/domain/staff/staff-api';
import { ApiError, staffApi } from './api';
import { auditCheck } from './audit-check';
import {
  cognitoTokenSource,
  loadSignInConfig,
  localTokenSource,
  type PasswordTokenSource,
  type RedirectTokenSource,
  type Session,
  SignInError,
  session,
  type TokenSource,
} from './auth';
import { categoryName, controllerName, systemName, visibleControllers } from './catalog';
import {
  choiceLabel,
  type DecisionPayload,
  decisionPayload,
  TASK_CHOICES,
  textLabel,
  uploadContentType,
  uploadHeaders,
} from './decisions';
import { facts, fragment, h, table } from './dom';
import { EXPORT_TYPES, exportPreviewSection } from './export-preview';
import { failureText, type Message, refusalText, sayIn, statusRegion } from './feedback';
import {
  countText,
  daysLeftText,
  deadlineColour,
  formatDate,
  formatDateTime,
  formatInstantDate,
  shortId,
} from './format';
import { holdsRegister, holdsTable } from './holds';
import { type Lang, nameOf, TEXTS, type Texts } from './i18n';
import { policyPage } from './policy-page';
import { osloToday, type PolicyListing, type PolicyVersionInfo, withPublished } from './policy-versions';

/** `GET /staff/requests/{id}` as the page keeps it: a placed hold is added to its list of holds. */
type OpenedRequest = Omit<RequestFile, 'holds'> & { holds: HoldView[] };

const API_BASE = document.querySelector<HTMLMetaElement>('meta[name="personvern-api"]')?.content ?? '';
let tokens: TokenSource = localTokenSource(API_BASE);
let lang: Lang = 'nb';
let notice: string | undefined;
const t = (): Texts => TEXTS[lang];
const main = (): HTMLElement => document.getElementById('main') as HTMLElement;

const api = staffApi(
  API_BASE,
  () => session.get()?.idToken,
  () => {
    session.clear();
    notice = t().sessionExpired;
    render();
  },
);

// Views keep what they last loaded, so switching language does not load (and audit) a request again.
let inboxRows: readonly RequestRow[] | undefined;
let filters: Record<string, string> = {};
let opened: OpenedRequest | undefined;
let messageRows: readonly MessageRow[] | undefined;
let openedMessage: MessageFile | undefined;
let holdRows: readonly HoldView[] | undefined;
let policyListing: PolicyListing | undefined;
let policyCategories: PolicyCategory[] | undefined;
const taskMessages = new Map<string, { kind: 'ok' | 'error'; text: string }>();

type Route =
  | { view: 'inbox' }
  | { view: 'request'; id: string }
  | { view: 'messages' }
  | { view: 'message'; id: string }
  | { view: 'holds' }
  | { view: 'policy' };

function route(): Route | undefined {
  const hash = window.location.hash;
  if (hash === '' || hash === '#' || hash === '#/') return { view: 'inbox' };
  if (hash === '#/messages') return { view: 'messages' };
  if (hash === '#/holds') return { view: 'holds' };
  if (hash === '#/policy') return { view: 'policy' };
  const match = /^#\/requests\/([A-Za-z0-9-]+)$/.exec(hash);
  if (match?.[1] !== undefined) return { view: 'request', id: match[1] };
  const message = /^#\/messages\/([A-Za-z0-9-]+)$/.exec(hash);
  if (message?.[1] !== undefined) return { view: 'message', id: message[1] };
  return undefined;
}

/**
 * Whether the page is still on this view once an answer arrives: someone who clicks on before a list has
 * loaded must not have the late list drawn over the page they went to.
 */
function stillOn(view: Route['view'], id?: string): boolean {
  const current = route() ?? { view: 'inbox' };
  return (
    session.get() !== undefined &&
    current.view === view &&
    (id === undefined || ('id' in current && current.id === id))
  );
}

function render(): void {
  document.documentElement.lang = lang;
  document.title = t().appTitle;
  renderHeader();
  if (session.get() === undefined) {
    renderSignIn();
    return;
  }
  const current = route() ?? { view: 'inbox' };
  if (current.view === 'inbox') void showInbox();
  else if (current.view === 'messages') void showMessages();
  else if (current.view === 'message') void showMessage(current.id);
  else if (current.view === 'holds') void showHolds();
  else if (current.view === 'policy') void showPolicy();
  else void showRequest(current.id);
}

function renderHeader(): void {
  const header = document.getElementById('bar') as HTMLElement;
  const who = session.get();
  const toggle = h('button', { type: 'button', lang: lang === 'nb' ? 'en' : 'nb', class: 'secondary' });
  toggle.textContent = t().switchLanguage;
  toggle.setAttribute('aria-label', t().switchLanguageLabel);
  toggle.addEventListener('click', () => {
    lang = lang === 'nb' ? 'en' : 'nb';
    rerender();
  });
  const signOut = h('button', { type: 'button', class: 'secondary' }, t().signOut);
  signOut.addEventListener('click', () => {
    session.clear();
    // On AWS, end the hosted UI's session too, or the next sign-in would pass without a password.
    if (tokens.kind === 'redirect') {
      window.location.assign(tokens.signOutUrl());
      return;
    }
    inboxRows = undefined;
    opened = undefined;
    messageRows = undefined;
    openedMessage = undefined;
    holdRows = undefined;
    policyListing = undefined;
    render();
  });
  const current = route() ?? { view: 'inbox' };
  const section =
    current.view === 'messages' || current.view === 'message'
      ? 'messages'
      : current.view === 'holds' || current.view === 'policy'
        ? current.view
        : 'requests';
  const link = (href: string, name: typeof section, label: string) =>
    h('a', { href, 'aria-current': section === name ? 'page' : undefined }, label);
  const nav =
    who === undefined
      ? ''
      : h(
          'nav',
          { class: 'nav', 'aria-label': t().navLabel },
          link('#/', 'requests', t().navRequests),
          ' ',
          link('#/messages', 'messages', t().navMessages),
          isPrivacyOfficer()
            ? [' ', link('#/holds', 'holds', t().navHolds), ' ', link('#/policy', 'policy', t().navPolicy)]
            : '',
        );
  header.replaceChildren(
    h('a', { class: 'skip', href: '#main' }, t().skipToMain),
    h('p', { class: 'brand' }, t().appTitle),
    nav,
    who === undefined ? '' : h('p', { class: 'who' }, `${t().signedInAs} `, h('strong', {}, who.username)),
    h('div', { class: 'bar-actions' }, toggle, who === undefined ? '' : signOut),
  );
}

/** Redraws the current view from what it already loaded. */
function rerender(): void {
  renderHeader();
  const current = route() ?? { view: 'inbox' };
  if (session.get() === undefined) renderSignIn();
  else if (current.view === 'inbox' && inboxRows !== undefined) drawInbox(inboxRows, false);
  else if (current.view === 'request' && opened?.id === current.id) drawRequest(opened, false);
  else if (current.view === 'messages' && messageRows !== undefined) drawMessages(messageRows, false);
  else if (current.view === 'message' && openedMessage?.id === current.id) drawMessage(openedMessage, false);
  else if (current.view === 'holds' && holdRows !== undefined) drawHolds(holdRows, false);
  else if (current.view === 'policy' && policyListing !== undefined) drawPolicy(policyListing, false);
  else render();
}

// ---------------------------------------------------------------- sign-in

/** Keeps the session and ends it, with a message, the moment the token expires. */
function signedIn(value: Session): void {
  session.set(value, () => {
    notice = t().sessionExpired;
    render();
  });
  notice = undefined;
}

function signInFailure(failure: unknown): string {
  const kind = failure instanceof SignInError ? failure.kind : 'server';
  const text = t();
  return kind === 'credentials'
    ? text.signInFailed
    : kind === 'network'
      ? text.networkError
      : text.serverError;
}

function renderSignIn(): void {
  if (tokens.kind === 'redirect') {
    renderHostedSignIn(tokens);
    return;
  }
  renderPasswordSignIn(tokens);
}

/** On AWS: one button to the Cognito hosted UI, which asks for the password (and the second factor). */
function renderHostedSignIn(source: RedirectTokenSource): void {
  const text = t();
  const button = h('button', { type: 'button', id: 'hosted-sign-in' }, text.signInButton);
  button.addEventListener('click', () => {
    button.disabled = true;
    button.textContent = text.signingIn;
    void source.signIn();
  });
  main().replaceChildren(
    h('h1', { tabindex: -1 }, text.signInTitle),
    notice === undefined ? '' : h('div', { class: 'error-summary', role: 'alert' }, h('p', {}, notice)),
    h('p', {}, text.signInHostedIntro),
    button,
    h('p', { class: 'note' }, text.signInMemoryNote),
  );
  button.focus();
}

function renderPasswordSignIn(source: PasswordTokenSource): void {
  const text = t();
  const error = h('div', { class: 'error-summary', role: 'alert', id: 'sign-in-error' });
  const username = h('input', {
    id: 'username',
    name: 'username',
    autocomplete: 'username',
    required: true,
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const button = h('button', { type: 'submit' }, text.signInButton);
  const form = h(
    'form',
    { novalidate: true, 'aria-describedby': 'sign-in-note' },
    error,
    h('div', { class: 'field' }, h('label', { for: 'username' }, text.username), username),
    h('div', { class: 'field' }, h('label', { for: 'password' }, text.password), password),
    button,
  );
  if (notice !== undefined) error.append(h('p', {}, notice));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.replaceChildren();
    if (username.value.trim() === '' || password.value === '') {
      error.append(h('p', {}, text.signInMissing));
      return;
    }
    button.disabled = true;
    button.textContent = text.signingIn;
    try {
      signedIn(await source.signIn(username.value.trim(), password.value));
      render();
    } catch (failure) {
      error.append(h('p', {}, signInFailure(failure)));
      button.disabled = false;
      button.textContent = text.signInButton;
      password.value = '';
      password.focus();
    }
  });
  main().replaceChildren(
    h('h1', { tabindex: -1 }, text.signInTitle),
    h('p', {}, text.signInIntro),
    form,
    h('p', { class: 'note', id: 'sign-in-note' }, text.signInMemoryNote),
  );
  username.focus();
}

// ---------------------------------------------------------------- inbox

async function showInbox(): Promise<void> {
  main().replaceChildren(h('p', { role: 'status' }, t().loading));
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
  try {
    const { requests } = await api.get<RequestList>(`/staff/requests${query ? `?${query}` : ''}`);
    inboxRows = requests;
    if (stillOn('inbox')) drawInbox(requests, true);
  } catch (failure) {
    showFailure(failure);
  }
}

function drawInbox(rows: readonly RequestRow[], focus: boolean): void {
  const text = t();
  const select = (name: string, label: string, options: readonly (readonly [string, string])[]) => {
    const element = h(
      'select',
      { id: `filter-${name}`, name },
      h('option', { value: '' }, text.filterAll),
      options.map(([value, shown]) => h('option', { value, selected: filters[name] === value }, shown)),
    );
    element.addEventListener('change', () => {
      filters = { ...filters, [name]: element.value };
      void showInbox();
    });
    return h('div', { class: 'filter' }, h('label', { for: `filter-${name}` }, label), element);
  };
  const search = h('input', { id: 'filter-q', name: 'q', type: 'search', value: filters.q ?? '' });
  const form = h(
    'form',
    { class: 'filters', role: 'search' },
    h(
      'fieldset',
      {},
      h('legend', {}, text.filters),
      select(
        'controller',
        text.filterCompany,
        visibleControllers(session.get()?.groups ?? []).map((c) => [c.id, c.name] as const),
      ),
      select('type', text.filterType, Object.entries(text.typeNames)),
      select('status', text.filterStatus, Object.entries(text.statusNames)),
      h('div', { class: 'filter' }, h('label', { for: 'filter-q' }, text.searchId), search),
      h(
        'div',
        { class: 'filter-actions' },
        h('button', { type: 'submit' }, text.searchButton),
        h('button', { type: 'reset', class: 'secondary' }, text.clearFilters),
      ),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    filters = { ...filters, q: search.value.trim() };
    void showInbox();
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    filters = {};
    void showInbox();
  });
  const body = rows.map((row) => [
    h('a', { href: `#/requests/${row.id}`, title: row.id, class: 'request-link' }, shortId(row.id)),
    row.childName === undefined
      ? nameOf(text.typeNames, row.type)
      : [
          nameOf(text.typeNames, row.type),
          h('br'),
          h('span', { class: 'child-note' }, text.forChildFiledByGuardian.replace('{child}', row.childName)),
        ],
    controllerName(row.controllerId),
    statusText(row, text),
    formatInstantDate(row.receivedAt, lang),
    dueCell(row, text),
    row.pendingStep === undefined ? '' : pendingText(row.pendingStep, text),
  ]);
  const heading = h('h1', { tabindex: -1 }, text.inboxTitle);
  main().replaceChildren(
    heading,
    form,
    h('p', { role: 'status', class: 'count' }, countText(text.requestCount, rows.length, lang)),
    rows.length === 0
      ? h('p', {}, text.noRequests)
      : table(
          text.inboxTitle,
          [
            text.colId,
            text.colType,
            text.colCompany,
            text.colStatus,
            text.colReceived,
            text.colDue,
            text.colPending,
          ],
          body,
        ),
  );
  const table_ = main().querySelector('tbody');
  rows.forEach((row, index) => {
    table_?.children[index]?.setAttribute('data-deadline', deadlineColour(row.deadline));
    table_?.children[index]?.setAttribute('data-request-id', row.id);
  });
  if (focus && document.activeElement === document.body) heading.focus();
}

function statusText(row: RequestRow, text: Texts): string {
  const status = nameOf(text.statusNames, row.status);
  return row.status === 'verified' && row.stage !== undefined
    ? `${status} – ${nameOf(text.stageNames, row.stage)}`
    : status;
}

function pendingText(step: string, text: Texts): string {
  return Object.hasOwn(text.taskNames, step) ? nameOf(text.taskNames, step) : nameOf(text.stageNames, step);
}

function dueCell(row: RequestRow, text: Texts): HTMLElement {
  const colour = deadlineColour(row.deadline);
  return h(
    'span',
    { class: `due due-${colour}` },
    h('span', { class: 'due-date' }, formatDate(row.dueDate, lang)),
    ' ',
    h(
      'span',
      { class: 'badge' },
      `${nameOf(text.deadlineNames, row.deadline)}: ${daysLeftText(row.daysLeft, row.deadline, text)}`,
    ),
  );
}

// ---------------------------------------------------------------- request page

async function showRequest(id: string): Promise<void> {
  main().replaceChildren(h('p', { role: 'status' }, t().loading));
  try {
    opened = await api.get<OpenedRequest>(`/staff/requests/${encodeURIComponent(id)}`);
    if (stillOn('request', id)) drawRequest(opened, true);
  } catch (failure) {
    showFailure(failure);
  }
}

function drawRequest(file: OpenedRequest, focus: boolean): void {
  const text = t();
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
  main().replaceChildren(
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
          : file.openTasks.map((task) => taskSection(file, task)),
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
        personFacts(file),
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
                  : f.source === 'not-linkable'
                    ? '–'
                    : f.recordCount,
              f.note ?? '',
              formatDateTime(f.collectedAt, lang),
            ]),
          ),
      EXPORT_TYPES.includes(file.type) && file.findings.length > 0
        ? exportPreviewSection(file.id, { api, text, lang })
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
      file.completed ? '' : extensionSection(file),
      holdsSection(file),
      h('h2', {}, text.timeline),
      auditCheck(file.id, { api, text }),
      historyTable(file),
    ),
  );
  if (focus) heading.focus();
}

function historyTable(file: OpenedRequest): HTMLElement {
  const text = t();
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

function personFacts(file: OpenedRequest): HTMLElement {
  const text = t();
  return facts([
    [text.name, file.requester.name],
    [text.email, file.requester.email],
    [text.phone, file.requester.phone],
    [text.birthDate, file.requester.birthDate && formatDate(file.requester.birthDate, lang)],
  ]);
}

function childFacts(file: OpenedRequest, age?: number): HTMLElement | string {
  const text = t();
  const child = file.onBehalfOf;
  if (child === undefined) return '';
  return facts([
    [text.name, child.name],
    [text.birthDate, formatDate(child.birthDate, lang)],
    [text.age, age === undefined ? undefined : text.ageYears.replace('{n}', String(age))],
    [text.relationship, text.filedBy.replace('{name}', file.requester.name)],
  ]);
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

/** Beside an open identity check: why it is needed, under which rule, and what to check. */
function identityGuide(guide: IdentityCheckGuide): HTMLElement {
  const text = t();
  return h(
    'div',
    { class: 'identity-guide' },
    h('h4', {}, text.idGuideWhy),
    h(
      'ul',
      { class: 'guide-reasons' },
      guide.reasons.map((reason) =>
        h(
          'li',
          {},
          h('p', {}, reason.text[lang]),
          reason.source === undefined
            ? ''
            : h('p', { class: 'guide-source' }, `${text.idGuideRule}: ${reason.source[lang]}`),
          reason.assumption === undefined ? '' : h('p', { class: 'assumption' }, reason.assumption[lang]),
        ),
      ),
    ),
    h('h4', {}, text.idGuideChecks),
    h(
      'ol',
      { class: 'guide-checks' },
      guide.checks.map((check) => h('li', {}, check[lang])),
    ),
    h('p', { class: 'assumption' }, guide.checksAssumption[lang]),
  );
}

function taskSection(file: OpenedRequest, task: OpenTask): HTMLElement {
  const text = t();
  const id = task.taskId.replace(/[^A-Za-z0-9_-]/g, '_');
  const title = `${nameOf(text.taskNames, task.type)}${task.systemId ? ` – ${systemName(task.systemId)}` : ''}`;
  const message = taskMessages.get(task.taskId);
  const status = h(
    'div',
    { class: 'task-status', role: 'status', id: `${id}-status` },
    message === undefined ? '' : h('p', { class: message.kind === 'error' ? 'error' : 'ok' }, message.text),
  );
  const choices: readonly string[] = TASK_CHOICES[task.type] ?? [];
  const radios = choices.map((choice, index) =>
    h(
      'div',
      { class: 'choice' },
      h('input', {
        type: 'radio',
        name: `${id}-choice`,
        id: `${id}-${choice}`,
        value: choice,
        checked: choices.length === 1 && index === 0,
      }),
      h('label', { for: `${id}-${choice}` }, choiceLabel(task.type, choice, text)),
    ),
  );
  const textLabelElement = h('label', { for: `${id}-text` }, textLabel(task.type, undefined, text));
  const textArea = h('textarea', { id: `${id}-text`, name: 'text', maxlength: 2000, rows: 3 });
  const fileInput = h('input', {
    type: 'file',
    id: `${id}-file`,
    name: 'file',
    'aria-describedby': `${id}-file-hint`,
  });
  const fileField = h(
    'div',
    { class: 'field', hidden: task.type !== 'manual-collection' },
    h('label', { for: `${id}-file` }, text.file),
    h('p', { class: 'hint', id: `${id}-file-hint` }, text.fileHint),
    fileInput,
  );
  const submit = h('button', { type: 'submit' }, text.submitDecision);
  const form = h(
    'form',
    { novalidate: true, 'data-task-type': task.type },
    h('fieldset', { class: 'field' }, h('legend', {}, text.decision), radios),
    fileField,
    h('div', { class: 'field' }, textLabelElement, textArea),
    submit,
    status,
  );
  const chosen = () =>
    form.querySelector<HTMLInputElement>(`input[name="${id}-choice"]:checked`)?.value ?? undefined;
  form.addEventListener('change', () => {
    const choice = chosen();
    textLabelElement.textContent = textLabel(task.type, choice, text);
    if (task.type === 'manual-collection') fileField.hidden = choice === 'no-data';
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const say = (kind: 'ok' | 'error', shown: string) => {
      status.replaceChildren(h('p', { class: kind === 'error' ? 'error' : 'ok' }, shown));
    };
    const choice = chosen();
    const selected = fileInput.files?.[0];
    const uploading = task.type === 'manual-collection' && choice === 'upload';
    // Check the form before uploading anything.
    const check = decisionPayload(task.type, {
      choice,
      text: textArea.value,
      ...(uploading && selected !== undefined ? { uploadKey: 'uploads/pending' } : {}),
    });
    if (!check.ok) {
      say('error', text[check.error]);
      (check.field === 'text'
        ? textArea
        : check.field === 'file'
          ? fileInput
          : form.querySelector('input')
      )?.focus();
      return;
    }
    submit.disabled = true;
    try {
      let payload: DecisionPayload = check.payload;
      if (uploading && selected !== undefined) {
        submit.textContent = text.uploading;
        const uploadKey = await upload(file.id, task, selected);
        const built = decisionPayload(task.type, { choice, text: textArea.value, uploadKey });
        if (!built.ok) throw new Error(built.error);
        payload = built.payload;
      }
      submit.textContent = text.submitting;
      const answer = await api.post<DecisionAnswer>(
        `/staff/tasks/${encodeURIComponent(task.taskId)}`,
        payload,
      );
      if (answer.status === 'information-requested') {
        taskMessages.set(task.taskId, { kind: 'ok', text: text.infoRequested });
        say('ok', text.infoRequested);
        submit.disabled = false;
        submit.textContent = text.submitDecision;
        textArea.value = '';
        return;
      }
      say('ok', `${text.decided} ${text.nextStepsSoon}`);
      await waitForNextStep(file, task.taskId);
      await showRequest(file.id);
    } catch (failure) {
      submit.disabled = false;
      submit.textContent = text.submitDecision;
      if (failure instanceof ApiError && failure.status === 401) {
        // The sign-in is back on screen.
      } else if (failure instanceof ApiError && (failure.status === 409 || failure.status === 400)) {
        say('error', refusalText(failure, text.alreadyDecided, t()));
      } else if (failure instanceof UploadError) {
        say('error', text.uploadFailed);
      } else {
        say('error', failureText(failure, t()));
      }
    }
  });
  const details: [string, string | number | undefined][] = [
    [text.taskCreated, formatDateTime(task.createdAt, lang)],
    [text.taskSystem, task.systemId === undefined ? undefined : systemName(task.systemId)],
    [text.taskStage, task.stage === undefined ? undefined : nameOf(text.stageNames, task.stage)],
    [text.infoRequestsSent, task.infoRequests],
  ];
  const guide = task.type === 'identity-check' ? task.guide : undefined;
  return h(
    'section',
    { class: 'task', 'aria-labelledby': `${id}-title`, 'data-task-id': task.taskId },
    h('h3', { id: `${id}-title` }, title),
    facts(details),
    guide === undefined
      ? form
      : [
          identityGuide(guide),
          // The people beside the form: staff compare them with what they hold while they decide.
          h(
            'div',
            { class: 'identity-decide' },
            h(
              'div',
              { class: 'identity-people' },
              h('h4', {}, text.idGuidePeople),
              h('h5', {}, text.idGuideRequester),
              personFacts(file),
              file.onBehalfOf === undefined
                ? ''
                : [h('h5', {}, text.childTitle), childFacts(file, guide.childAge)],
            ),
            form,
          ),
        ],
  );
}

class UploadError extends Error {}

/** Asks for a presigned PUT, sends the file to it, and returns the key to approve with. */
async function upload(requestId: string, task: OpenTask, selected: File): Promise<string> {
  const answer = await api.post<UploadTicket>(`/staff/requests/${encodeURIComponent(requestId)}/uploads`, {
    systemId: task.systemId,
    fileName: selected.name,
    contentType: uploadContentType(selected.name, selected.type),
    size: selected.size,
  });
  let put: Response;
  try {
    put = await fetch(answer.url, { method: 'PUT', headers: uploadHeaders(answer.headers), body: selected });
  } catch {
    throw new UploadError();
  }
  if (!put.ok) throw new UploadError();
  return answer.uploadKey;
}

/**
 * After a decision the workflow moves on by itself. Watch the open tasks (not audited): while other tasks
 * of this request are still open, load it at once; when none are, wait (at most 20 s) for the next ones
 * or for the request to end, then load the request once.
 */
async function waitForNextStep(file: OpenedRequest, decided: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const { tasks } = await api.get<TaskList>('/staff/tasks');
    const mine = tasks.filter((task) => task.requestId === file.id && task.taskId !== decided);
    if (mine.length > 0) return;
    const { requests } = await api.get<RequestList>(`/staff/requests?q=${encodeURIComponent(file.id)}`);
    if (requests[0]?.completed === true) return;
    await new Promise((resolve) => setTimeout(resolve, 700));
  }
}

// ---------------------------------------------------------------- deadline extension

function extensionSection(file: OpenedRequest): HTMLElement {
  const text = t();
  const status = statusRegion('extension-status', taskMessages.get('extension'));
  const section = (...content: (HTMLElement | string)[]) =>
    h(
      'section',
      { 'aria-labelledby': 'extension-heading', id: 'extension' },
      h('h2', { id: 'extension-heading' }, text.extensionTitle),
      ...content,
    );
  const given = file.extension;
  if (given !== undefined) {
    // Once only (Art. 12(3)): what was done replaces the form.
    const shown = text.extendedBy
      .replace('{when}', formatDate(given.extendedAt.slice(0, 10), lang))
      .replace('{by}', given.extendedBy ?? '')
      .replace('{from}', formatDate(given.originalDueDate ?? '', lang))
      .replace('{to}', formatDate(file.dueDate, lang))
      .replace('{reason}', given.reason ?? '');
    return section(status, h('p', { class: 'note' }, shown));
  }
  const reason = h('textarea', { id: 'extension-reason', name: 'reason', maxlength: 2000, rows: 3 });
  const months = h(
    'select',
    { id: 'extension-months', name: 'months' },
    ...(['2', '1'] as const).map((value) => h('option', { value }, text.extensionMonths[value])),
  );
  const submit = h('button', { type: 'submit' }, text.extendButton);
  const cancel = h('button', { type: 'button', hidden: true }, text.cancel);
  const confirmNote = h('p', { class: 'note', hidden: true }, text.confirmExtensionNote);
  let confirming = false;
  const setConfirming = (on: boolean) => {
    confirming = on;
    submit.textContent = on ? text.confirmExtension : text.extendButton;
    cancel.hidden = !on;
    confirmNote.hidden = !on;
    reason.readOnly = on;
    months.disabled = on;
  };
  cancel.addEventListener('click', () => {
    setConfirming(false);
    reason.focus();
  });
  const form = h(
    'form',
    { novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'extension-reason' }, text.extensionReasonLabel), reason),
    h('div', { class: 'field' }, h('label', { for: 'extension-months' }, text.extensionLengthLabel), months),
    confirmNote,
    submit,
    cancel,
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const written = reason.value.trim();
    if (written === '' || written.length > 2000) {
      sayIn(status, 'error', written === '' ? text.errExtensionReason : text.errTooLong);
      reason.focus();
      return;
    }
    // Two steps: the reason goes to the requester and there is no second extension, so staff confirm it.
    if (!confirming) {
      setConfirming(true);
      submit.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = text.submitting;
    try {
      const answer = await api.post<ExtensionAnswer>(
        `/staff/requests/${encodeURIComponent(file.id)}/extension`,
        { reason: written, months: Number(months.value) },
      );
      taskMessages.set('extension', {
        kind: 'ok',
        text: text.extended.replace('{date}', formatDate(answer.dueDate, lang)),
      });
      await showRequest(file.id);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) return;
      submit.disabled = false;
      setConfirming(false);
      sayIn(status, 'error', refusalText(failure, text.extensionRefused, t()));
    }
  });
  return section(h('p', { class: 'note' }, text.extensionIntro), form);
}

// ---------------------------------------------------------------- legal holds

/** The policy's categories (ids and labels), from the policy service, once per page load. */
async function loadPolicyCategories(): Promise<PolicyCategory[]> {
  if (policyCategories !== undefined) return policyCategories;
  const response = await fetch(`${API_BASE}/policy.json`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /policy.json answered ${response.status}`);
  const policy = (await response.json()) as { categories?: PolicyCategory[] };
  policyCategories = (policy.categories ?? []).map((c) => ({ id: c.id, label: c.label }));
  return policyCategories;
}

/** The console shows the privacy officer's tools to that group only; the API enforces it regardless. */
function isPrivacyOfficer(): boolean {
  return (session.get()?.groups ?? []).includes('privacy-officer');
}

const holdsContext = () => ({ api, text: t(), lang });

/**
 * Place a hold (email, reason, categories, last day) and see, and lift, the holds about this request's
 * person. A placed hold is added to the list from the answer, so the request is not loaded (audited) again.
 */
function holdsSection(file: OpenedRequest): HTMLElement | string {
  if (!isPrivacyOfficer()) return '';
  const text = t();
  const status = statusRegion('holds-status', taskMessages.get('holds'));
  const holds = file.holds ?? [];
  const list = h('div', { id: 'holds-list' });
  const drawList = () =>
    list.replaceChildren(
      holds.length === 0
        ? h('p', {}, text.noHoldsAboutPerson)
        : holdsTable(text.holdsAboutPerson, holds, status, holdsContext()),
    );
  const email = h('input', {
    id: 'hold-email',
    name: 'email',
    type: 'email',
    autocomplete: 'off',
    value: file.requester.email,
  });
  const reason = h('textarea', { id: 'hold-reason', name: 'reason', maxlength: 2000, rows: 2 });
  const categories = h(
    'fieldset',
    { class: 'field', id: 'hold-categories' },
    h('legend', {}, text.holdCategories),
  );
  const expires = h('input', { id: 'hold-expires', name: 'expiresOn', type: 'date' });
  const place = h('button', { type: 'submit' }, text.placeHoldButton);
  const placeForm = h(
    'form',
    { novalidate: true, id: 'hold-place' },
    h('div', { class: 'field' }, h('label', { for: 'hold-email' }, text.holdEmail), email),
    h('div', { class: 'field' }, h('label', { for: 'hold-reason' }, text.holdReason), reason),
    categories,
    h('div', { class: 'field' }, h('label', { for: 'hold-expires' }, text.holdExpires), expires),
    place,
  );
  loadPolicyCategories()
    .then((list) =>
      categories.append(
        ...list.map((category) =>
          h(
            'div',
            { class: 'choice' },
            h('input', {
              type: 'checkbox',
              name: 'categories',
              id: `hold-category-${category.id}`,
              value: category.id,
            }),
            h('label', { for: `hold-category-${category.id}` }, category.label[lang] ?? category.id),
          ),
        ),
      ),
    )
    .catch(() => categories.append(h('p', { class: 'error' }, text.categoriesUnavailable)));

  placeForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = [...categories.querySelectorAll<HTMLInputElement>('input:checked')].map((c) => c.value);
    const missing: [string, HTMLElement | null][] = [
      [email.value.trim() === '' ? text.errHoldEmail : '', email],
      [reason.value.trim() === '' ? text.errHoldReason : '', reason],
      [chosen.length === 0 ? text.errHoldCategories : '', categories.querySelector('input')],
      [expires.value === '' ? text.errHoldExpires : '', expires],
    ];
    const first = missing.find(([message]) => message !== '');
    if (first !== undefined) {
      sayIn(status, 'error', first[0]);
      first[1]?.focus();
      return;
    }
    place.disabled = true;
    try {
      const hold = await api.post<PlacedHold>('/staff/holds', {
        email: email.value.trim(),
        reason: reason.value.trim(),
        categories: chosen,
        expiresOn: expires.value,
      });
      sayIn(status, 'ok', text.holdPlaced.replace('{id}', hold.id));
      // The list shows holds about the requester; a hold placed for another address belongs to the register.
      if (email.value.trim().toLowerCase() === file.requester.email.toLowerCase()) {
        holds.unshift({ ...hold, state: 'active' });
        file.holds = holds;
        drawList();
      }
      holdRows = undefined;
      placeForm.reset();
      email.value = file.requester.email;
    } catch (failure) {
      if (!(failure instanceof ApiError && failure.status === 401))
        sayIn(status, 'error', refusalText(failure, text.holdRefused, t()));
    } finally {
      place.disabled = false;
    }
  });
  drawList();
  return h(
    'section',
    { 'aria-labelledby': 'holds-heading', id: 'holds' },
    h('h2', { id: 'holds-heading' }, text.holdsTitle),
    h('p', { class: 'note' }, text.holdsIntro),
    h('h3', {}, text.holdsAboutPerson),
    list,
    placeForm,
    status,
  );
}

async function showHolds(): Promise<void> {
  main().replaceChildren(h('p', { role: 'status' }, t().loading));
  try {
    const { holds } = await api.get<HoldList>('/staff/holds');
    holdRows = holds;
    if (stillOn('holds')) drawHolds(holds, true);
  } catch (failure) {
    showFailure(failure);
  }
}

function drawHolds(holds: readonly HoldView[], focus: boolean): void {
  const content = holdsRegister(holds, statusRegion('holds-status'), holdsContext());
  main().replaceChildren(...content);
  if (focus) main().querySelector<HTMLElement>('h1')?.focus();
}

// ---------------------------------------------------------------- policy versions

async function showPolicy(message?: Message, published?: PolicyVersionInfo): Promise<void> {
  main().replaceChildren(h('p', { role: 'status' }, t().loading));
  try {
    const listing = await api.get<PolicyListing>('/policy/versions');
    policyListing = published === undefined ? listing : withPublished(listing, published, osloToday());
    if (stillOn('policy')) drawPolicy(policyListing, message === undefined, message);
  } catch (failure) {
    showFailure(failure);
  }
}

function drawPolicy(listing: PolicyListing, focus: boolean, message?: Message): void {
  main().replaceChildren(
    ...policyPage(
      listing,
      {
        api,
        text: t(),
        lang,
        reload: (shown, published) => void showPolicy(shown, published),
        canPublish: isPrivacyOfficer(),
      },
      message,
    ),
  );
  if (focus) main().querySelector<HTMLElement>('h1')?.focus();
  else if (message !== undefined) document.getElementById('publish-status')?.focus();
}

// ---------------------------------------------------------------- messages

async function showMessages(): Promise<void> {
  main().replaceChildren(h('p', { role: 'status' }, t().loading));
  try {
    const { messages } = await api.get<MessageList>('/staff/messages');
    messageRows = messages;
    if (stillOn('messages')) drawMessages(messages, true);
  } catch (failure) {
    showFailure(failure);
  }
}

function drawMessages(rows: readonly MessageRow[], focus: boolean): void {
  const text = t();
  const heading = h('h1', { tabindex: -1 }, text.messagesTitle);
  main().replaceChildren(
    heading,
    h('p', { role: 'status', class: 'count' }, countText(text.messageCount, rows.length, lang)),
    rows.length === 0
      ? h('p', {}, text.noMessages)
      : table(
          text.messagesTitle,
          [text.colId, text.colCompany, text.colReceived, text.colStatus, text.colHandled],
          rows.map((row) => [
            h('a', { href: `#/messages/${row.id}`, title: row.id, class: 'request-link' }, shortId(row.id)),
            controllerName(row.controllerId),
            formatDateTime(row.receivedAt, lang),
            nameOf(text.messageStatusNames, row.status),
            row.handledAt === undefined ? '' : formatDateTime(row.handledAt, lang),
          ]),
        ),
  );
  const body = main().querySelector('tbody');
  rows.forEach((row, index) => {
    body?.children[index]?.setAttribute('data-message-id', row.id);
  });
  if (focus && document.activeElement === document.body) heading.focus();
}

async function showMessage(id: string): Promise<void> {
  main().replaceChildren(h('p', { role: 'status' }, t().loading));
  try {
    openedMessage = await api.get<MessageFile>(`/staff/messages/${encodeURIComponent(id)}`);
    if (stillOn('message', id)) drawMessage(openedMessage, true);
  } catch (failure) {
    showFailure(failure, t().messageNotFound);
  }
}

function drawMessage(message: MessageFile, focus: boolean): void {
  const text = t();
  const heading = h('h1', { tabindex: -1 }, `${text.messageTitle} ${shortId(message.id)}`);
  const status = statusRegion('message-status', taskMessages.get('message'));
  const note = h('textarea', { id: 'handled-note', name: 'note', maxlength: 2000, rows: 3 });
  const submit = h('button', { type: 'submit' }, text.markHandledButton);
  const form = h(
    'form',
    { novalidate: true, id: 'message-handled' },
    h('div', { class: 'field' }, h('label', { for: 'handled-note' }, text.handledNoteLabel), note),
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const given = note.value.trim();
    if (given === '' || given.length > 2000) {
      sayIn(status, 'error', given === '' ? text.errNoteRequired : text.errTooLong);
      note.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = text.submitting;
    try {
      const handled = await api.post<HandledAnswer>(
        `/staff/messages/${encodeURIComponent(message.id)}/handled`,
        { note: given },
      );
      // Drawn from the answer: loading the message again would record another view.
      openedMessage = { ...message, ...handled, status: 'handled', handled: true };
      messageRows = undefined;
      taskMessages.set('message', { kind: 'ok', text: text.markedHandled });
      drawMessage(openedMessage, false);
      document.getElementById('message-status')?.focus();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) return;
      submit.disabled = false;
      submit.textContent = text.markHandledButton;
      sayIn(status, 'error', refusalText(failure, text.alreadyHandled, t()));
    }
  });
  main().replaceChildren(
    fragment(
      h('a', { href: '#/messages', class: 'back' }, text.backToMessages),
      heading,
      h('p', { class: 'note' }, text.messageViewAudited),
      facts([
        [text.colId, message.id],
        [text.colCompany, controllerName(message.controllerId)],
        [text.colReceived, formatDateTime(message.receivedAt, lang)],
        [text.colStatus, nameOf(text.messageStatusNames, message.status)],
      ]),
      h('h2', {}, text.sender),
      facts([
        [text.name, message.sender.name],
        [text.email, message.sender.email],
        [text.phone, message.sender.phone],
      ]),
      h('h2', {}, text.messageText),
      h('p', { class: 'details' }, message.message),
      h(
        'section',
        { 'aria-labelledby': 'handled-heading', id: 'handling' },
        h('h2', { id: 'handled-heading' }, text.markHandledTitle),
        message.handled
          ? facts([
              [text.handledBy, message.handledBy],
              [text.handledAt, message.handledAt && formatDateTime(message.handledAt, lang)],
              [text.handledNote, message.handledNote],
            ])
          : form,
        status,
      ),
    ),
  );
  if (focus) heading.focus();
}

function showFailure(failure: unknown, notFound?: string): void {
  if (failure instanceof ApiError && failure.status === 401) return;
  const heading = h('h1', { tabindex: -1 }, failureText(failure, t(), notFound));
  main().replaceChildren(
    h('a', { href: '#/', class: 'back' }, t().backToInbox),
    h('div', { role: 'alert' }, heading),
  );
  heading.focus();
}

window.addEventListener('hashchange', () => {
  if (route() !== undefined) {
    taskMessages.clear();
    render();
  }
});
/** Chooses the sign-in (config.json on AWS, local otherwise), finishes a return from Cognito, then draws. */
async function start(): Promise<void> {
  const config = await loadSignInConfig();
  if (config !== undefined) {
    const source = cognitoTokenSource(config, window);
    tokens = source;
    try {
      const returned = await source.completeSignIn();
      if (returned !== undefined) signedIn(returned);
    } catch (failure) {
      notice = signInFailure(failure);
    }
  }
  render();
}

void start();
