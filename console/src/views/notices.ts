/**
 * Change notices on the policy page (privacy officer): for a major version, send the notice (to the people
 * who asked for one on the forms, plus an optional recipient list as CSV with `email` and `lang` columns),
 * follow its progress (queued, sent, failed, suppressed, dead-lettered) and send the dead-lettered ones
 * again. The API sends nothing twice, so "send" is also "resume".
 */
import type {
  DeadLettersReplayed,
  NoticeProgress,
  NoticeStarted,
} from '../../../lambdas/domain/staff/staff-api';
import type { StaffApi } from '../api';
import { facts, h, table } from '../dom';
import { documentRefusalText, refusalText, sayIn, signedOut, statusRegion } from '../feedback';
import type { Lang, Texts } from '../i18n';

export interface NoticesContext {
  readonly api: StaffApi;
  readonly text: Texts;
  readonly lang: Lang;
}

export function noticesSection(majorVersions: readonly string[], context: NoticesContext): HTMLElement {
  const { api, text } = context;
  const status = statusRegion('notices-status');
  const progress = h('div', { id: 'notice-progress' });
  const version = h(
    'select',
    { id: 'notice-version', name: 'version' },
    majorVersions.map((v) => h('option', { value: v }, v)),
  );
  const csv = h('input', { id: 'notice-csv', name: 'recipients', type: 'file', accept: 'text/csv,.csv' });
  const send = h('button', { type: 'submit' }, text.noticeSendButton);
  const refresh = h('button', { type: 'button', class: 'secondary' }, text.noticeRefreshButton);
  const replay = h('button', { type: 'button', class: 'secondary' }, text.noticeReplayButton);
  const form = h(
    'form',
    { novalidate: true, id: 'notice-send' },
    h('div', { class: 'field' }, h('label', { for: 'notice-version' }, text.noticeVersion), version),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'notice-csv' }, text.noticeCsv),
      h('p', { class: 'hint' }, text.noticeCsvHint),
      csv,
    ),
    send,
    ' ',
    refresh,
    ' ',
    replay,
  );

  const showProgress = async () => {
    try {
      const shown = await api.get<NoticeProgress>(
        `/staff/policy/versions/${encodeURIComponent(version.value)}/notices`,
      );
      progress.replaceChildren(
        facts([
          [text.noticeTotal, shown.total],
          [text.noticeQueued, shown.queued],
          [text.noticeSent, shown.sent],
          [text.noticeFailed, shown.failed],
          [text.noticeSuppressed, shown.suppressed],
          [text.noticeDeadLetters, shown.deadLetterQueue],
        ]),
        shown.failures.length === 0
          ? ''
          : table(
              text.noticeFailures,
              [text.noticeRecipient, text.colStatus, text.colReason],
              shown.failures.map((f) => [h('code', {}, f.recipient), f.status, f.reason ?? '']),
            ),
      );
    } catch (failure) {
      if (!signedOut(failure)) sayIn(status, 'error', refusalText(failure, text.noticeRefused, text));
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    send.disabled = true;
    try {
      const list = csv.files?.[0];
      const path = `/staff/policy/versions/${encodeURIComponent(version.value)}/notices`;
      const started =
        // No list: an empty body notifies the people who ticked the box on the forms.
        await api.postText<NoticeStarted>(path, list === undefined ? '' : await list.text(), 'text/csv');
      sayIn(
        status,
        'ok',
        [
          text.noticeStarted
            .replace('{recipients}', String(started.recipients))
            .replace('{queued}', String(started.queued))
            .replace('{suppressed}', String(started.suppressed)),
          ...started.problems,
        ].join(' '),
      );
      await showProgress();
    } catch (failure) {
      if (!signedOut(failure)) sayIn(status, 'error', documentRefusalText(failure, text.noticeRefused, text));
    } finally {
      send.disabled = false;
    }
  });
  refresh.addEventListener('click', () => void showProgress());
  version.addEventListener('change', () => void showProgress());
  replay.addEventListener('click', async () => {
    replay.disabled = true;
    try {
      const { replayed } = await api.post<DeadLettersReplayed>(
        '/staff/policy/notices/dead-letters/replay',
        {},
      );
      sayIn(status, 'ok', text.noticeReplayed.replace('{n}', String(replayed)));
      await showProgress();
    } catch (failure) {
      if (!signedOut(failure)) sayIn(status, 'error', refusalText(failure, text.noticeRefused, text));
    } finally {
      replay.disabled = false;
    }
  });
  void showProgress();
  return h(
    'section',
    { 'aria-labelledby': 'notices-heading', id: 'notices' },
    h('h2', { id: 'notices-heading' }, text.noticesTitle),
    h('p', { class: 'note' }, text.noticesIntro),
    form,
    status,
    progress,
  );
}
