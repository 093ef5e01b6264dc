/**
 * Legal holds on a request page (the privacy officer's): place a hold (email, reason, categories, last day)
 * and see, and lift, the holds about this request's person. A placed hold is added to the list from the
 * answer, so the request is not loaded (audited) again.
 */
import type { PlacedHold, PolicyCategory } from '../../../lambdas/domain/staff/staff-api';
import { api } from '../client';
import { h } from '../dom';
import { refusalText, sayIn, signedOut, statusRegion } from '../feedback';
import { API_BASE, formMessages, isPrivacyOfficer, lang, texts } from '../state';
import { forgetHolds } from './holds-register';
import { holdsTable } from './holds-table';
import type { OpenedRequest } from './request';

/** The policy's categories (ids and labels), from the policy service, once per page load. */
let policyCategories: PolicyCategory[] | undefined;

async function loadPolicyCategories(): Promise<PolicyCategory[]> {
  if (policyCategories !== undefined) return policyCategories;
  const response = await fetch(`${API_BASE}/policy.json`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /policy.json answered ${response.status}`);
  const policy = (await response.json()) as { categories?: PolicyCategory[] };
  policyCategories = (policy.categories ?? []).map((c) => ({ id: c.id, label: c.label }));
  return policyCategories;
}

/**
 * Place a hold (email, reason, categories, last day) and see, and lift, the holds about this request's
 * person. A placed hold is added to the list from the answer, so the request is not loaded (audited) again.
 */
export function holdsSection(file: OpenedRequest): HTMLElement | string {
  if (!isPrivacyOfficer()) return '';
  const text = texts();
  const status = statusRegion('holds-status', formMessages.get('holds'));
  const holds = file.holds;
  const list = h('div', { id: 'holds-list' });
  const drawList = () =>
    list.replaceChildren(
      holds.length === 0
        ? h('p', {}, text.noHoldsAboutPerson)
        : holdsTable(text.holdsAboutPerson, holds, status, { api, text: texts(), lang }),
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
        drawList();
      }
      forgetHolds();
      placeForm.reset();
      email.value = file.requester.email;
    } catch (failure) {
      if (!signedOut(failure)) sayIn(status, 'error', refusalText(failure, text.holdRefused, texts()));
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
