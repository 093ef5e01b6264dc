/**
 * What each task's form posts to `POST /staff/tasks/{taskId}`, built from the form's values. The same
 * rules as the API (lambdas/domain/workflow/tasks.ts), checked first so staff see the problem at once
 * and in their language; the API still has the last word. Pure: no DOM.
 */
import type { Texts } from './i18n';

export type TaskType = 'identity-check' | 'manual-collection' | 'review' | 'manual-action' | 'attention';

/** The choices a task's form offers, by task type (the radio buttons' values). */
export const TASK_CHOICES = {
  'identity-check': ['approve', 'reject', 'ask-info'],
  'manual-collection': ['upload', 'no-data'],
  review: ['approve', 'reject'],
  'manual-action': ['approve'],
  attention: ['approve', 'reject'],
} as const satisfies Record<TaskType, readonly string[]>;

export type TaskChoice = (typeof TASK_CHOICES)[TaskType][number];

export interface DecisionForm {
  /** The chosen radio value; undefined when none is chosen. */
  readonly choice: string | undefined;
  /** The free text: comment, reason, question, where staff looked, or what they did. */
  readonly text: string;
  /** Manual collection with an upload: the key the upload answered with. */
  readonly uploadKey?: string;
  /**
   * The task's question besides the decision (the identity-check guide's `childsSay`, or a manual
   * action's `question`): the field it asks about and the chosen value, undefined when none is chosen.
   */
  readonly question?: {
    readonly field: 'youngPersonConsent' | 'childView' | 'erasureOutcome';
    readonly value?: string;
  };
}

export type DecisionPayload =
  | { readonly decision: 'approve'; readonly comment?: string }
  | {
      readonly decision: 'approve';
      readonly comment?: string;
      readonly youngPersonConsent?: true;
      readonly childView?: 'no-objection' | 'objects';
    }
  | { readonly decision: 'approve'; readonly comment: string; readonly erasureOutcome: 'erased' | 'kept' }
  | { readonly decision: 'reject'; readonly comment: string }
  | { readonly decision: 'ask-info'; readonly comment: string }
  | { readonly decision: 'approve'; readonly uploadKey: string; readonly comment?: string }
  | { readonly decision: 'approve'; readonly noDataFound: true; readonly comment: string };

/** Which message key explains a refused form. */
export type DecisionErrorKey =
  | 'errChooseDecision'
  | 'errReasonRequired'
  | 'errQuestionRequired'
  | 'errWhereLooked'
  | 'errWhatDone'
  | 'errFileRequired'
  | 'errChildView'
  | 'errJournalDecision'
  | 'errTooLong';

export type DecisionResult =
  | { readonly ok: true; readonly payload: DecisionPayload }
  | {
      readonly ok: false;
      readonly error: DecisionErrorKey;
      readonly field: 'choice' | 'text' | 'file' | 'question';
    };

const MAX_TEXT = 2000;

export function decisionPayload(type: TaskType, form: DecisionForm): DecisionResult {
  const choices: readonly string[] = TASK_CHOICES[type];
  const choice = form.choice ?? (choices.length === 1 ? choices[0] : undefined);
  if (choice === undefined || !choices.includes(choice))
    return { ok: false, error: 'errChooseDecision', field: 'choice' };
  const text = form.text.trim();
  if (text.length > MAX_TEXT) return { ok: false, error: 'errTooLong', field: 'text' };
  const optional = text === '' ? {} : { comment: text };
  const required = (error: DecisionErrorKey): DecisionResult | undefined =>
    text === '' ? { ok: false, error, field: 'text' } : undefined;

  // Rejecting or asking for more needs no answer about the child; approving a guardian's request may.
  if (type === 'identity-check' && choice === 'approve' && form.question !== undefined)
    return approveWithChildsSay(form.question, optional);
  if (type === 'manual-action' && form.question?.field === 'erasureOutcome') {
    const outcome = form.question.value;
    if (outcome !== 'erased' && outcome !== 'kept')
      return { ok: false, error: 'errJournalDecision', field: 'question' };
    return (
      required('errWhatDone') ?? {
        ok: true,
        payload: { decision: 'approve', comment: text, erasureOutcome: outcome },
      }
    );
  }
  switch (type) {
    case 'identity-check':
    case 'review':
    case 'attention':
      if (choice === 'reject')
        return required('errReasonRequired') ?? { ok: true, payload: { decision: 'reject', comment: text } };
      if (choice === 'ask-info')
        return (
          required('errQuestionRequired') ?? { ok: true, payload: { decision: 'ask-info', comment: text } }
        );
      return { ok: true, payload: { decision: 'approve', ...optional } };
    case 'manual-collection':
      if (choice === 'no-data')
        return (
          required('errWhereLooked') ?? {
            ok: true,
            payload: { decision: 'approve', noDataFound: true, comment: text },
          }
        );
      if (form.uploadKey === undefined || form.uploadKey === '')
        return { ok: false, error: 'errFileRequired', field: 'file' };
      return { ok: true, payload: { decision: 'approve', uploadKey: form.uploadKey, ...optional } };
    case 'manual-action':
      return required('errWhatDone') ?? { ok: true, payload: { decision: 'approve', comment: text } };
  }
}

/** The child's say as the API takes it: consent is `true` or left out; the child's view must be chosen. */
function approveWithChildsSay(
  say: NonNullable<DecisionForm['question']>,
  optional: { comment?: string },
): DecisionResult {
  if (say.field === 'youngPersonConsent')
    return {
      ok: true,
      payload: {
        decision: 'approve',
        ...optional,
        ...(say.value === 'consent' ? { youngPersonConsent: true } : {}),
      },
    };
  if (say.value !== 'no-objection' && say.value !== 'objects')
    return { ok: false, error: 'errChildView', field: 'question' };
  return { ok: true, payload: { decision: 'approve', ...optional, childView: say.value } };
}

/** The label of a choice in a task's form. */
export function choiceLabel(type: TaskType, choice: string, text: Texts): string {
  switch (`${type}:${choice}`) {
    case 'identity-check:approve':
      return text.approveIdentity;
    case 'identity-check:reject':
      return text.rejectIdentity;
    case 'identity-check:ask-info':
      return text.askInfo;
    case 'review:approve':
      return text.approveReview;
    case 'review:reject':
      return text.rejectReview;
    case 'manual-collection:upload':
      return text.uploadExport;
    case 'manual-collection:no-data':
      return text.noDataFound;
    case 'manual-action:approve':
      return text.approveManualAction;
    case 'attention:approve':
      return text.retryAttention;
    case 'attention:reject':
      return text.closeAttention;
    default:
      return choice;
  }
}

/** The label of the free-text field for the chosen decision. */
export function textLabel(type: TaskType, choice: string | undefined, text: Texts): string {
  if (type === 'manual-action') return text.whatDone;
  if (type === 'manual-collection') return choice === 'no-data' ? text.whereLooked : text.comment;
  if (choice === 'reject') return text.reason;
  if (choice === 'ask-info') return text.question;
  return text.comment;
}

/** The content type to sign for an upload: the browser's, else from the extension, else plain bytes refused. */
const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv',
  txt: 'text/plain',
  json: 'application/json',
  xml: 'application/xml',
  zip: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

export function uploadContentType(fileName: string, browserType: string): string {
  const known = Object.values(BY_EXTENSION);
  if (known.includes(browserType)) return browserType;
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  return BY_EXTENSION[extension] ?? (browserType || 'application/octet-stream');
}

/** The headers for the presigned PUT: the signed ones, minus Content-Length, which the browser sets itself. */
export function uploadHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-length'),
  );
}
