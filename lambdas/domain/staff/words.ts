/**
 * Small helpers for the staff views that speak in sentences (timeline.ts, identity-check-guide.ts): text in
 * both of the console's languages, the policy's names for its ids, and dates written the way the console
 * writes them (console/src/format.ts), so a sentence and the table around it agree.
 */
import type { Language } from '../policy/language';
import type { PolicyDocument, RequestType } from '../policy/schema';
import { REQUEST_TYPE_NAMES } from '../requests/request-type-names';

/** One text in each language the console speaks; the console picks the one it shows. */
export type Words = Readonly<Record<Language, string>>;

export const words = (nb: string, en: string): Words => ({ nb, en });

/** Applies `fill` to each language, e.g. to put a name into both sentences. */
export function each(fill: (lang: Language) => string): Words {
  return { nb: fill('nb'), en: fill('en') };
}

export const systemName = (policy: PolicyDocument, id: string | undefined): string =>
  id === undefined ? '' : (policy.systems.find((s) => s.id === id)?.name ?? id);

export const categoryNames = (policy: PolicyDocument, ids: readonly string[], lang: Language): string =>
  ids.map((id) => policy.categories.find((c) => c.id === id)?.label[lang] ?? id).join(', ');

/**
 * "innsyn", "access": the request type as it reads inside a sentence ("a request for …"), from the one
 * wording of the types (requests/request-type-names.ts).
 */
export const REQUEST_TYPE_WORDS: Readonly<Record<RequestType, Words>> = Object.fromEntries(
  Object.entries(REQUEST_TYPE_NAMES).map(([type, names]) => [
    type,
    words(names.nb.inSentence, names.en.inSentence),
  ]),
) as Record<RequestType, Words>;

const LOCALES: Readonly<Record<Language, string>> = { nb: 'nb-NO', en: 'en-GB' };

/** A calendar date `YYYY-MM-DD`: "25. nov. 2026" / "25 Nov 2026". */
export function dateWords(date: string, lang: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return date;
  const utcNoon = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utcNoon);
}

/** An instant in Oslo time, to the minute. */
export function instantWords(iso: string, lang: Language): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Oslo',
  }).format(at);
}

/** Whole years between a birth date and `today` (both `YYYY-MM-DD`), as a birthday counts them. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1;
}
