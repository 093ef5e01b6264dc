/**
 * The deadline extension on a request page (Art. 12(3)): once, with a reason the requester is told, in two
 * steps (write, then confirm). Once given, what was done replaces the form.
 */
import type { ExtensionAnswer, RequestFile } from '../../../lambdas/domain/staff/staff-api';
import { api } from '../client';
import { h } from '../dom';
import { refusalText, sayIn, signedOut, statusRegion } from '../feedback';
import { formatDate } from '../format';
import { formMessages, lang, texts } from '../state';

/** `reload` loads the request page again after the extension. */
export function extensionSection(file: RequestFile, reload: () => Promise<void>): HTMLElement {
  const text = texts();
  const status = statusRegion('extension-status', formMessages.get('extension'));
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
      formMessages.set('extension', {
        kind: 'ok',
        text: text.extended.replace('{date}', formatDate(answer.dueDate, lang)),
      });
      await reload();
    } catch (failure) {
      if (signedOut(failure)) return;
      submit.disabled = false;
      setConfirming(false);
      sayIn(status, 'error', refusalText(failure, text.extensionRefused, texts()));
    }
  });
  return section(h('p', { class: 'note' }, text.extensionIntro), form);
}
