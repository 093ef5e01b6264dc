/**
 * The inbox (`#/`): the requests the caller may see, with filters (company, type, status, id or email).
 * No requester names: the API sends none; a guardian's request names the child.
 */
import type { RequestList, RequestRow } from '../../../lambdas/domain/staff/staff-api';
import { session } from '../auth';
import { controllerName, visibleControllers } from '../catalog';
import { api } from '../client';
import { h, table } from '../dom';
import { countText, deadlineColour, formatInstantDate, shortId } from '../format';
import { nameOf } from '../i18n';
import { stillOn } from '../routes';
import { lang, mainRegion, texts } from '../state';
import { showFailure, showLoading } from './page-states';
import { dueCell, pendingText, statusText } from './request-status';

/** The last list loaded, drawn again on a language switch. */
let loaded: readonly RequestRow[] | undefined;
/** The filters as query parameters; kept across sign-outs, as the form shows them. */
let filters: Record<string, string> = {};

export async function showInbox(): Promise<void> {
  showLoading();
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
  try {
    const { requests } = await api.get<RequestList>(`/staff/requests${query ? `?${query}` : ''}`);
    loaded = requests;
    if (stillOn('inbox')) drawInbox(requests, true);
  } catch (failure) {
    showFailure(failure);
  }
}

function drawInbox(rows: readonly RequestRow[], focus: boolean): void {
  const text = texts();
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
  mainRegion().replaceChildren(
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
  const table_ = mainRegion().querySelector('tbody');
  rows.forEach((row, index) => {
    table_?.children[index]?.setAttribute('data-deadline', deadlineColour(row.deadline));
    table_?.children[index]?.setAttribute('data-request-id', row.id);
  });
  if (focus && document.activeElement === document.body) heading.focus();
}

/** Draws the list loaded last, if any; false when there is none. */
export function redrawInbox(): boolean {
  if (loaded === undefined) return false;
  drawInbox(loaded, false);
  return true;
}

export function forgetInbox(): void {
  loaded = undefined;
}
