/**
 * One contact message (`#/messages/<id>`, an audited view) with its sender, and "mark handled" with a
 * note; the page is redrawn from the answer, so handling it records no second view.
 */
import type { HandledAnswer, MessageFile } from '../../../lambdas/domain/staff/staff-api';
import { controllerName } from '../catalog';
import { api } from '../client';
import { facts, fragment, h } from '../dom';
import { refusalText, sayIn, signedOut, statusRegion } from '../feedback';
import { formatDateTime, shortId } from '../format';
import { nameOf } from '../i18n';
import { stillOn } from '../routes';
import { formMessages, lang, mainRegion, texts } from '../state';
import { forgetMessages } from './messages';
import { showFailure, showLoading } from './page-states';

/** The message loaded last: a language switch redraws it instead of recording another view. */
let opened: MessageFile | undefined;

export async function showMessage(id: string): Promise<void> {
  showLoading();
  try {
    opened = await api.get<MessageFile>(`/staff/messages/${encodeURIComponent(id)}`);
    if (stillOn('message', id)) drawMessage(opened, true);
  } catch (failure) {
    showFailure(failure, texts().messageNotFound);
  }
}

function drawMessage(message: MessageFile, focus: boolean): void {
  const text = texts();
  const heading = h('h1', { tabindex: -1 }, `${text.messageTitle} ${shortId(message.id)}`);
  const status = statusRegion('message-status', formMessages.get('message'));
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
      opened = { ...message, ...handled, status: 'handled', handled: true };
      forgetMessages();
      formMessages.set('message', { kind: 'ok', text: text.markedHandled });
      drawMessage(opened, false);
      document.getElementById('message-status')?.focus();
    } catch (failure) {
      if (signedOut(failure)) return;
      submit.disabled = false;
      submit.textContent = text.markHandledButton;
      sayIn(status, 'error', refusalText(failure, text.alreadyHandled, texts()));
    }
  });
  mainRegion().replaceChildren(
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

export function redrawMessage(id: string): boolean {
  if (opened?.id !== id) return false;
  drawMessage(opened, false);
  return true;
}

export function forgetMessage(): void {
  opened = undefined;
}
