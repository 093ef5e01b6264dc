/**
 * Who gets a change notice: the people who asked for one on the forms (their consent is stored with the
 * policy version it was given under) and an operator-supplied list, such as a CSV exported from the
 * membership system. Addresses are compared lower-cased and trimmed; each person appears once, the first
 * source that names them decides their language. Pure.
 */
import { LANGUAGES, type Language } from '../policy/language';
import type { Pseudonyms } from '../pseudonyms';
import { subjectHash } from '../subject';

export interface NoticeRecipient {
  readonly email: string;
  readonly lang: Language;
  readonly source: 'consent' | 'list';
}

export interface RecipientList {
  readonly recipients: NoticeRecipient[];
  /** `line 7: "kari@" is not an email address`; such rows are left out, the rest go ahead. */
  readonly problems: string[];
}

/** At most this many rows in one list: a clinic's members fit many times over; a mistake does not. */
export const MAX_LIST_ROWS = 200_000;

const EMAIL = /^[^\s@,;"<>]+@[^\s@,;"<>]+\.[^\s@,;"<>]+$/;

/**
 * A CSV with a header row naming an `email` column (any case; also `e-post`/`epost`) and, optionally, a
 * `lang`/`language`/`språk` column (`nb` or `en`; anything else falls back to `defaultLang`). Fields may be
 * quoted; `,` or `;` separate them (Norwegian spreadsheets export with `;`).
 */
export function parseRecipientCsv(text: string, defaultLang: Language = 'nb'): RecipientList {
  const rows = splitCsv(text.replace(/^\uFEFF/, ''));
  const header = rows.shift()?.map((cell) => cell.trim().toLowerCase()) ?? [];
  const emailColumn = header.findIndex((name) => ['email', 'e-mail', 'e-post', 'epost'].includes(name));
  const langColumn = header.findIndex((name) => ['lang', 'language', 'språk', 'sprak'].includes(name));
  if (emailColumn < 0) {
    return { recipients: [], problems: ['line 1: no "email" column in the header row'] };
  }
  if (rows.length > MAX_LIST_ROWS) {
    return {
      recipients: [],
      problems: [`the list has ${rows.length} rows; at most ${MAX_LIST_ROWS} at a time`],
    };
  }
  const recipients: NoticeRecipient[] = [];
  const problems: string[] = [];
  rows.forEach((row, index) => {
    const line = index + 2;
    if (row.every((cell) => cell.trim() === '')) return;
    const email = (row[emailColumn] ?? '').trim();
    if (!EMAIL.test(email)) {
      // The address itself is not repeated: the problems are shown to staff and may be logged.
      problems.push(`line ${line}: not an email address`);
      return;
    }
    const lang = (row[langColumn] ?? '').trim().toLowerCase();
    recipients.push({
      email,
      lang: (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : defaultLang,
      source: 'list',
    });
  });
  return { recipients, problems };
}

/** Every person once, by their normalised address; earlier lists win (pass the consents first). */
export function mergeRecipients(...lists: readonly NoticeRecipient[][]): NoticeRecipient[] {
  const seen = new Map<string, NoticeRecipient>();
  for (const list of lists) {
    for (const recipient of list) {
      const key = recipient.email.trim().toLowerCase();
      if (!seen.has(key)) seen.set(key, { ...recipient, email: recipient.email.trim() });
    }
  }
  return [...seen.values()];
}

/** The key a recipient is known by in the notice's records and queue messages: never the address itself. */
export function recipientKey(pseudonyms: Pseudonyms, email: string): string {
  return subjectHash(pseudonyms, email);
}

/** RFC 4180 fields: quoted fields may hold separators, newlines and doubled quotes. */
function splitCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
