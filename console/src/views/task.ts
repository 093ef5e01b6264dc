/**
 * An open task on the request page and its form: the decision, a comment or reason, for a manual
 * collection the file (uploaded straight to S3 through a presigned PUT), and beside an identity check the
 * guide and the people to compare. After a decision it waits for the workflow's next step.
 */

import type {
  DecisionAnswer,
  OpenTask,
  RequestFile,
  RequestList,
  TaskList,
  TaskQuestion,
  UploadTicket,
} from '../../../lambdas/domain/staff/staff-api';
import { ApiError } from '../api';
import { systemName } from '../catalog';
import { api } from '../client';
import {
  choiceLabel,
  type DecisionPayload,
  decisionPayload,
  TASK_CHOICES,
  textLabel,
  uploadContentType,
  uploadHeaders,
} from '../decisions';
import { facts, h } from '../dom';
import { failureText, refusalText, signedOut } from '../feedback';
import { formatDateTime } from '../format';
import { nameOf } from '../i18n';
import { formMessages, lang, texts } from '../state';
import { identityGuide } from './identity-guide';
import { childFacts, personFacts } from './people';

/** `reload` loads the request page again once the workflow has moved on. */
export function taskSection(file: RequestFile, task: OpenTask, reload: () => Promise<void>): HTMLElement {
  const text = texts();
  const id = task.taskId.replace(/[^A-Za-z0-9_-]/g, '_');
  const title = `${nameOf(text.taskNames, task.type)}${task.systemId ? ` – ${systemName(task.systemId)}` : ''}`;
  const message = formMessages.get(task.taskId);
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
  const question = task.type === 'identity-check' ? task.guide?.childsSay : task.question;
  const sayField = question === undefined ? undefined : questionField(id, question);
  const form = h(
    'form',
    { novalidate: true, 'data-task-type': task.type },
    h('fieldset', { class: 'field' }, h('legend', {}, text.decision), radios),
    sayField ?? '',
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
    const asked =
      question === undefined
        ? undefined
        : {
            field: question.field,
            value: form.querySelector<HTMLInputElement>(`input[name="${id}-question"]:checked`)?.value,
          };
    const check = decisionPayload(task.type, {
      choice,
      text: textArea.value,
      ...(asked === undefined ? {} : { question: asked }),
      ...(uploading && selected !== undefined ? { uploadKey: 'uploads/pending' } : {}),
    });
    if (!check.ok) {
      say('error', text[check.error]);
      (check.field === 'text'
        ? textArea
        : check.field === 'file'
          ? fileInput
          : check.field === 'question'
            ? sayField?.querySelector('input')
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
        formMessages.set(task.taskId, { kind: 'ok', text: text.infoRequested });
        say('ok', text.infoRequested);
        submit.disabled = false;
        submit.textContent = text.submitDecision;
        textArea.value = '';
        return;
      }
      say('ok', `${text.decided} ${text.nextStepsSoon}`);
      await waitForNextStep(file, task.taskId);
      await reload();
    } catch (failure) {
      submit.disabled = false;
      submit.textContent = text.submitDecision;
      if (signedOut(failure)) {
        // The sign-in is back on screen.
      } else if (failure instanceof ApiError && (failure.status === 409 || failure.status === 400)) {
        say('error', refusalText(failure, text.alreadyDecided, texts()));
      } else if (failure instanceof UploadError) {
        say('error', text.uploadFailed);
      } else {
        say('error', failureText(failure, texts()));
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

/**
 * The task's question as the API words it: the young person's consent (no consent, the default, is
 * checked), the child's view or the health personnel's erasure decision (nothing chosen: staff must say).
 */
function questionField(id: string, say: TaskQuestion): HTMLElement {
  return h(
    'fieldset',
    { class: 'field task-question', 'data-field': say.field },
    h('legend', {}, say.legend[lang]),
    say.intro === undefined ? '' : h('p', { class: 'hint' }, say.intro[lang]),
    say.choices.map((choice, index) =>
      h(
        'div',
        { class: 'choice' },
        h('input', {
          type: 'radio',
          name: `${id}-question`,
          id: `${id}-question-${choice.value}`,
          value: choice.value,
          checked: say.field === 'youngPersonConsent' && index === 0,
        }),
        h('label', { for: `${id}-question-${choice.value}` }, choice.label[lang]),
      ),
    ),
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
async function waitForNextStep(file: RequestFile, decided: string): Promise<void> {
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
