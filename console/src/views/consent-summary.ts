/**
 * The cookie banner's choices (`#/consent`, the privacy officer's): per day, how many chose, how, and yes or
 * no per purpose, for a span of days the form sets (the last 30 by default). Counts only: the API holds no
 * one's choice here, so nothing on this page is about a person.
 */
import type { ConsentCounts, ConsentSummary } from '../../../lambdas/domain/staff/staff-api';
import { api } from '../client';
import { h, table } from '../dom';
import { formatDate } from '../format';
import { stillOn } from '../routes';
import { lang, mainRegion, texts } from '../state';
import { showFailure, showLoading } from './page-states';

/** The summary loaded last, drawn again on a language switch. */
let loaded: ConsentSummary | undefined;
/** The span asked for; empty asks the API for its default (the last 30 days). */
let span: { from?: string; to?: string } = {};

export async function showConsent(): Promise<void> {
  showLoading();
  const query = new URLSearchParams(Object.entries(span).filter(([, v]) => v !== undefined && v !== ''));
  try {
    const summary = await api.get<ConsentSummary>(
      `/staff/consent/summary${query.size > 0 ? `?${query}` : ''}`,
    );
    loaded = summary;
    if (stillOn('consent')) drawConsent(summary, true);
  } catch (failure) {
    showFailure(failure);
  }
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

function countCells(counts: ConsentCounts, summary: ConsentSummary): string[] {
  return [
    String(counts.decisions),
    String(counts.actions['accept-all']),
    String(counts.actions['reject-all']),
    String(counts.actions.custom),
    ...summary.purposes.map((p) => {
      const answered = counts.purposes[p.id] ?? { granted: 0, denied: 0 };
      return `${answered.granted} / ${answered.denied}`;
    }),
  ];
}

function drawConsent(summary: ConsentSummary, focus: boolean): void {
  const text = texts();
  const dateInput = (name: 'from' | 'to', label: string) =>
    h(
      'div',
      { class: 'filter' },
      h('label', { for: `consent-${name}` }, label),
      h('input', { id: `consent-${name}`, name, type: 'date', value: summary[name], required: true }),
    );
  const form = h(
    'form',
    { class: 'filters' },
    h(
      'fieldset',
      {},
      h('legend', {}, text.consentSpan),
      dateInput('from', text.consentFrom),
      dateInput('to', text.consentTo),
      h('div', { class: 'filter-actions' }, h('button', { type: 'submit' }, text.consentShow)),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    span = { from: String(data.get('from') ?? ''), to: String(data.get('to') ?? '') };
    void showConsent();
  });
  const heading = h('h1', { tabindex: -1 }, text.consentTitle);
  const headers = [
    text.colDate,
    text.colDecisions,
    text.colAcceptAll,
    text.colRejectAll,
    text.colCustom,
    ...summary.purposes.map((p) => fill(text.consentYesNo, { purpose: p.label[lang] })),
  ];
  const body =
    summary.days.length === 0
      ? h('p', {}, text.noConsent)
      : [
          table(
            fill(text.consentCaption, {
              from: formatDate(summary.from, lang),
              to: formatDate(summary.to, lang),
            }),
            headers,
            [
              ...summary.days.map((day) => [formatDate(day.date, lang), ...countCells(day, summary)]),
              [text.consentTotal, ...countCells(summary.totals, summary)],
            ],
          ),
          h(
            'ul',
            { class: 'consent-shares' },
            summary.purposes.map((p) => {
              const { granted, denied } = summary.totals.purposes[p.id] ?? { granted: 0, denied: 0 };
              const share = granted + denied === 0 ? 0 : Math.round((granted / (granted + denied)) * 100);
              return h('li', {}, fill(text.consentShare, { purpose: p.label[lang], granted, denied, share }));
            }),
          ),
        ];
  mainRegion().replaceChildren(heading, h('p', {}, text.consentIntro), form, ...[body].flat());
  if (focus) heading.focus();
}

export function redrawConsent(): boolean {
  if (loaded === undefined) return false;
  drawConsent(loaded, false);
  return true;
}

export function forgetConsent(): void {
  loaded = undefined;
}
