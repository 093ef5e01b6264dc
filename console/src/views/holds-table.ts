/**
 * Legal holds as the privacy officer sees them: a table of holds where each hold in force has its own
 * "lift" button, used both by the register (`#/holds`, every hold) and by a request page (the holds about
 * that request's person). Lifting updates the table from the answer; nothing is loaded (or audited) again.
 */

import type { HoldView } from '../../../lambdas/domain/staff/staff-api';
import type { StaffApi } from '../api';
import { categoryName } from '../catalog';
import { h, table } from '../dom';
import { refusalText, sayIn, signedOut } from '../feedback';
import { countText, formatDate, formatDateTime } from '../format';
import type { Lang, Texts } from '../i18n';

export interface HoldsContext {
  readonly api: StaffApi;
  readonly text: Texts;
  readonly lang: Lang;
}

/**
 * The holds, newest first, in a table; `status` reports lifts. A lifted hold is changed in `holds` in
 * place, so a redraw from memory shows it lifted.
 */
export function holdsTable(
  caption: string,
  holds: readonly HoldView[],
  status: HTMLElement,
  context: HoldsContext,
): HTMLElement {
  const { text, lang } = context;
  const wrap = h('div', { class: 'holds-table' });
  const draw = () => {
    wrap.replaceChildren(
      table(
        caption,
        [
          text.colPlaced,
          text.colCategories,
          text.colReason,
          text.colLastDay,
          text.colState,
          text.colPlacedBy,
          '',
        ],
        holds.map((hold) => [
          formatDateTime(hold.placedAt, lang),
          hold.categories.map((c) => categoryName(c, lang)).join(', '),
          hold.reason,
          formatDate(hold.expiresOn, lang),
          stateText(hold, context),
          hold.placedBy,
          hold.state === 'active' ? liftButton(hold) : '',
        ]),
      ),
    );
    const rows = wrap.querySelectorAll('tbody tr');
    holds.forEach((hold, index) => {
      rows[index]?.setAttribute('data-hold-id', hold.id);
      rows[index]?.setAttribute('data-hold-state', hold.state);
    });
  };
  const liftButton = (hold: HoldView) => {
    const button = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'aria-label': `${text.liftHoldButton}: ${formatDate(hold.expiresOn, lang)}, ${hold.reason.slice(0, 60)}`,
      },
      text.liftHoldButton,
    );
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await context.api.delete(`/staff/holds/${encodeURIComponent(hold.id)}`);
        Object.assign(hold, { state: 'lifted', liftedAt: new Date().toISOString() });
        draw();
        sayIn(status, 'ok', text.holdLifted.replace('{id}', hold.id));
        status.focus();
      } catch (failure) {
        button.disabled = false;
        if (!signedOut(failure)) sayIn(status, 'error', refusalText(failure, text.holdRefused, text));
      }
    });
    return button;
  };
  draw();
  return wrap;
}

function stateText(hold: HoldView, { text, lang }: HoldsContext): string {
  const state = text.holdStateNames[hold.state];
  return hold.state === 'lifted' && hold.liftedAt !== undefined
    ? `${state} ${formatDateTime(hold.liftedAt, lang)}${hold.liftedBy ? ` (${hold.liftedBy})` : ''}`
    : state;
}

/** The register page's body: heading, what it is, and every hold. */
export function holdsRegister(
  holds: readonly HoldView[],
  status: HTMLElement,
  context: HoldsContext,
): HTMLElement[] {
  const { text, lang } = context;
  return [
    h('h1', { tabindex: -1 }, text.holdsRegisterTitle),
    h('p', { class: 'note' }, text.holdsRegisterIntro),
    h('p', { role: 'status', class: 'count' }, countText(text.holdCount, holds.length, lang)),
    holds.length === 0
      ? h('p', {}, text.noHolds)
      : holdsTable(text.holdsRegisterTitle, holds, status, context),
    status,
  ];
}
