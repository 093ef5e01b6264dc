/** How a request's status, pending step and due date read, in the inbox's rows and on the request page. */
import type { RequestRow } from '../../../lambdas/domain/staff/staff-api';
import { h } from '../dom';
import { daysLeftText, deadlineColour, formatDate } from '../format';
import { nameOf, type Texts } from '../i18n';
import { lang } from '../state';

export function statusText(row: RequestRow, text: Texts): string {
  const status = nameOf(text.statusNames, row.status);
  return row.status === 'verified' && row.stage !== undefined
    ? `${status} – ${nameOf(text.stageNames, row.stage)}`
    : status;
}

export function pendingText(step: string, text: Texts): string {
  return Object.hasOwn(text.taskNames, step) ? nameOf(text.taskNames, step) : nameOf(text.stageNames, step);
}

export function dueCell(row: RequestRow, text: Texts): HTMLElement {
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
