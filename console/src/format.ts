/**
 * Pure formatting for the inbox and the request page: the due-date colour, "n days left", dates in Oslo
 * time. No DOM here, so the tests run it in Node.
 */
import type { Lang, Texts } from './i18n';

export type DeadlineState = 'ok' | 'soon' | 'urgent' | 'overdue' | 'closed';

/** Green while there is time, amber from 7 days before the due date (`soon`, `urgent`), red when overdue. */
export type DeadlineColour = 'green' | 'amber' | 'red' | 'grey';

export function deadlineColour(state: DeadlineState): DeadlineColour {
  switch (state) {
    case 'ok':
      return 'green';
    case 'soon':
    case 'urgent':
      return 'amber';
    case 'overdue':
      return 'red';
    case 'closed':
      return 'grey';
  }
}

/** "12 dager igjen", "frist i dag", "3 days overdue"; a closed request only says it is closed. */
export function daysLeftText(daysLeft: number, state: DeadlineState, text: Texts): string {
  if (state === 'closed') return text.closedDeadline;
  if (daysLeft === 0) return text.dueToday;
  if (daysLeft === 1) return text.dueInOneDay;
  if (daysLeft > 1) return text.dueInDays.replace('{n}', String(daysLeft));
  if (daysLeft === -1) return text.overdueOneDay;
  return text.overdueDays.replace('{n}', String(-daysLeft));
}

const LOCALES: Record<Lang, string> = { nb: 'nb-NO', en: 'en-GB' };
const ZONE = 'Europe/Oslo';

/** A calendar date `YYYY-MM-DD` as people write it: "25.11.2026" / "25 Nov 2026". */
export function formatDate(date: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return date;
  const [, y, m, d] = match;
  const utcNoon = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), 12));
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utcNoon);
}

/** An instant (ISO-8601) in Oslo time, to the minute. */
export function formatDateTime(iso: string, lang: Lang): string {
  return formatInstant(iso, lang, { hour: '2-digit', minute: '2-digit' });
}

/** An instant's Oslo calendar date only (the inbox's "received"). */
export function formatInstantDate(iso: string, lang: Lang): string {
  return formatInstant(iso, lang, {});
}

/** An instant in Oslo time as people write dates, with `extra` parts; an unreadable one as it came. */
function formatInstant(iso: string, lang: Lang, extra: Intl.DateTimeFormatOptions): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...extra,
    timeZone: ZONE,
  }).format(at);
}

/** The first 8 characters of a UUID, as staff read them out; the full id is in the link and title. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

/** "1 forespørsel", "2 forespørsler": the count in the words of its number, by the language's plural rules. */
export function countText(forms: { one: string; other: string }, n: number, lang: Lang): string {
  const rule = new Intl.PluralRules(lang === 'nb' ? 'nb-NO' : 'en-GB').select(n);
  return (rule === 'one' ? forms.one : forms.other).replace('{n}', String(n));
}
