/**
 * The API's refusals as whole sentences in the console's language. The API answers in English with a
 * generic code (`conflict`, `forbidden`, `validation_failed`) and a message that names the case; this
 * table recognises each message the staff API sends (test/console/refusals.test.ts produces them with the
 * API's own domain code, so a changed message fails a test instead of reaching staff in English) and says
 * it in nb or en, with its dates and names put in. A message it does not know still gets a sentence in the
 * console's language, and the API's English words follow only as a quoted detail. Pure: no DOM.
 */
import type { Lang, Texts } from './i18n';

export interface Refusal {
  readonly status: number;
  readonly message: string;
  readonly fields: Readonly<Record<string, string>>;
}

type Say = (match: RegExpExecArray, text: Texts['refusals'], lang: Lang) => string;

interface Known {
  readonly status: number;
  readonly pattern: RegExp;
  readonly say: Say;
}

const LOCALES: Record<Lang, string> = { nb: 'nb-NO', en: 'en-GB' };

function when(iso: string | undefined, lang: Lang): string {
  if (iso === undefined) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(dateOnly ? { timeZone: 'UTC' } : { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Oslo' }),
  }).format(at);
}

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

const KNOWN: readonly Known[] = [
  {
    status: 409,
    pattern: /^This task was already decided by (.+) at (\S+)\.$/,
    say: (m, t, lang) => fill(t.taskDecidedBy, { by: m[1] ?? '', at: when(m[2], lang) }),
  },
  { status: 409, pattern: /^This task has already been decided\.$/, say: (_, t) => t.taskDecided },
  { status: 409, pattern: /^This task is no longer waiting/, say: (_, t) => t.taskTimedOut },
  {
    status: 409,
    pattern: /^This upload key was not issued for this request and system\./,
    say: (_, t) => t.uploadNotIssued,
  },
  {
    status: 409,
    pattern:
      /^The deadline was already extended on (\d{4}-\d{2}-\d{2}) \(to (\d{4}-\d{2}-\d{2})\); it can be extended only once\.$/,
    say: (m, t, lang) => fill(t.alreadyExtended, { on: when(m[1], lang), to: when(m[2], lang) }),
  },
  {
    status: 409,
    pattern: /^The requester has not verified this request yet/,
    say: (_, t) => t.notVerifiedYet,
  },
  { status: 409, pattern: /^This request is closed; its deadline/, say: (_, t) => t.requestClosed },
  {
    status: 409,
    pattern: /^Too late to extend: the original due date (\d{4}-\d{2}-\d{2}) has passed/,
    say: (m, t, lang) => fill(t.tooLateToExtend, { date: when(m[1], lang) }),
  },
  { status: 409, pattern: /^The request changed meanwhile/, say: (_, t) => t.changedMeanwhile },
  {
    status: 409,
    pattern: /^This message was already handled(?: by (.+?))?(?: at (\S+))?\.$/,
    say: (m, t, lang) =>
      m[1] === undefined ? t.messageHandled : fill(t.messageHandledBy, { by: m[1], at: when(m[2], lang) }),
  },
  { status: 409, pattern: /^No such hold, or it was already lifted\.$/, say: (_, t) => t.holdGone },
  { status: 409, pattern: /^A \S+ request is answered without an export\.$/, say: (_, t) => t.noExport },
  {
    status: 409,
    pattern: /^Nothing has been collected for this request yet\.$/,
    say: (_, t) => t.nothingCollected,
  },
  {
    status: 409,
    pattern: /^Version (\S+) was published by someone else just now\.$/,
    say: (m, t) => fill(t.versionRace, { version: m[1] ?? '' }),
  },
  {
    status: 403,
    pattern: /^This (request|task) belongs to a company whose requests you don't handle\.$/,
    say: (_, t) => t.otherCompanyRequest,
  },
  {
    status: 403,
    pattern: /^This message was sent to a company whose messages you don't handle\.$/,
    say: (_, t) => t.otherCompanyMessage,
  },
  {
    status: 403,
    pattern: /^Only the privacy officer sees, places or lifts legal holds\.$/,
    say: (_, t) => t.officerOnly,
  },
  { status: 403, pattern: /^This account is not in any staff group\.$/, say: (_, t) => t.noGroup },
  { status: 400, pattern: /^The extension is one or two months$/, say: (_, t) => t.extensionMonths },
  { status: 400, pattern: /^An extension needs a reason$/, say: (_, t) => t.extensionReason },
  { status: 400, pattern: /^The reason is too long$/, say: (_, t) => t.tooLong },
  { status: 400, pattern: /^Marking a message handled needs a note$/, say: (_, t) => t.noteRequired },
  { status: 400, pattern: /^The note is too long$/, say: (_, t) => t.tooLong },
  { status: 400, pattern: /^A \S+ task takes /, say: (_, t) => t.decisionShape },
  // The fields say what: nothing to add but them.
  { status: 400, pattern: /^The (hold|upload) needs another look$/, say: () => '' },
  {
    status: 400,
    pattern: /^Version \S+ cannot be published: (.+)\.$/,
    say: (m, t, lang) =>
      (m[1] ?? '')
        .split('; ')
        .map((problem) => publishProblem(problem, t, lang))
        .join(' '),
  },
];

/** One of the reasons a policy version is refused (lambdas/domain/policy/versions.ts, publishProblems). */
function publishProblem(problem: string, t: Texts['refusals'], lang: Lang): string {
  const published = /^version (\S+) is already published \(by (.+)\)$/.exec(problem);
  if (published !== null)
    return fill(t.versionPublished, { version: published[1] ?? '', by: published[2] ?? '' });
  const older = /^version (\S+) is older than the newest published version (\S+);/.exec(problem);
  if (older !== null) return fill(t.versionOlder, { version: older[1] ?? '', newest: older[2] ?? '' });
  const past = /^effective date (\S+) is in the past/.exec(problem);
  if (past !== null) return fill(t.effectivePast, { date: when(past[1], lang) });
  return detail(problem, t);
}

/** The field messages of a 400 that the console knows, by their English text. */
const KNOWN_FIELDS: readonly [RegExp, keyof Texts['refusals']][] = [
  [/^Give a reason: the requester is told why$/, 'fieldReason'],
  [/^Say where you looked$/, 'fieldWhereLooked'],
  [/^Say what you did in the system$/, 'fieldWhatDone'],
  [/^Upload the export first/, 'fieldUploadFirst'],
  [/^Keep the (comment|reason) to at most/, 'tooLong'],
  [/^Give the email address of the person/, 'fieldHoldEmail'],
  [/^Say why the data must be kept$/, 'fieldHoldReason'],
  [/^Use category ids from the policy/, 'fieldHoldCategories'],
  [/^Name at least one category$/, 'fieldHoldCategories'],
  [/^Give the last day of the hold/, 'fieldHoldExpires'],
  [/^The hold must last at least until today$/, 'fieldHoldPast'],
];

/** The refusal as one sentence (or two) in `lang`; the API's English only as a quoted detail it did not know. */
export function refusalSentence(refusal: Refusal, text: Texts, lang: Lang): string {
  const words = text.refusals;
  for (const known of KNOWN) {
    if (known.status !== refusal.status) continue;
    const match = known.pattern.exec(refusal.message);
    if (match !== null) {
      const said = known.say(match, words, lang);
      if (refusal.status !== 400 || said !== '') return said;
      // "Needs another look": the fields say what to fix; those the console does not know keep the API's
      // words as a detail.
      const unknown = unknownFields(refusal);
      return [
        ...fieldSentences(refusal, words),
        ...(unknown.length === 0 ? [] : [detail(unknown.join(' '), words)]),
      ].join(' ');
    }
  }
  if (refusal.status === 400) {
    const fields = fieldSentences(refusal, words);
    const unknown = [refusal.message, ...unknownFields(refusal)].filter(Boolean);
    return [
      words.unknownInvalid,
      ...fields,
      ...(unknown.length === 0 ? [] : [detail(unknown.join(' '), words)]),
    ].join(' ');
  }
  // A 404 says only that there is nothing to see (another company's request answers the same): the
  // API's words add nothing but English.
  if (refusal.status === 404) return /\btask\b/i.test(refusal.message) ? text.taskNotFound : text.notFound;
  const general =
    refusal.status === 409
      ? words.unknownConflict
      : refusal.status === 413
        ? words.tooLarge
        : refusal.status === 415
          ? words.wrongType
          : refusal.status === 403
            ? text.forbidden
            : refusal.status === 404
              ? text.notFound
              : text.serverError;
  return refusal.message === '' ? general : `${general} ${detail(refusal.message, words)}`;
}

const unknownFields = (refusal: Refusal): string[] =>
  Object.values(refusal.fields).filter((field) => knownField(field) === undefined);

function knownField(message: string): keyof Texts['refusals'] | undefined {
  return KNOWN_FIELDS.find(([pattern]) => pattern.test(message))?.[1];
}

function fieldSentences(refusal: Refusal, words: Texts['refusals']): string[] {
  const said = Object.values(refusal.fields).flatMap((message) => {
    const key = knownField(message);
    return key === undefined ? [] : [words[key]];
  });
  return [...new Set(said)];
}

const detail = (english: string, words: Texts['refusals']): string =>
  fill(words.apiSaid, { message: english });
