/** The contact messages (`#/messages`): the caller's companies', newest first, without sender or text. */
import type { MessageList, MessageRow } from '../../../lambdas/domain/staff/staff-api';
import { controllerName } from '../catalog';
import { api } from '../client';
import { h, table } from '../dom';
import { countText, formatDateTime, shortId } from '../format';
import { nameOf } from '../i18n';
import { stillOn } from '../routes';
import { lang, mainRegion, texts } from '../state';
import { showFailure, showLoading } from './page-states';

/** The list loaded last, drawn again on a language switch. */
let loaded: readonly MessageRow[] | undefined;

export async function showMessages(): Promise<void> {
  showLoading();
  try {
    const { messages } = await api.get<MessageList>('/staff/messages');
    loaded = messages;
    if (stillOn('messages')) drawMessages(messages, true);
  } catch (failure) {
    showFailure(failure);
  }
}

function drawMessages(rows: readonly MessageRow[], focus: boolean): void {
  const text = texts();
  const heading = h('h1', { tabindex: -1 }, text.messagesTitle);
  mainRegion().replaceChildren(
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
  const body = mainRegion().querySelector('tbody');
  rows.forEach((row, index) => {
    body?.children[index]?.setAttribute('data-message-id', row.id);
  });
  if (focus && document.activeElement === document.body) heading.focus();
}

export function redrawMessages(): boolean {
  if (loaded === undefined) return false;
  drawMessages(loaded, false);
  return true;
}

/** Also when a message is marked handled: the list loads again next time. */
export function forgetMessages(): void {
  loaded = undefined;
}
