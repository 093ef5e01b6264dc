/** The languages the notice and every message to a requester are written in. */
export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'nb';

// Nynorsk and the macro tag "no" readers get bokmål: it is the Norwegian text we have.
const PRIMARY_TAGS: Record<string, Language> = { nb: 'nb', no: 'nb', nn: 'nb', en: 'en' };

/** The language for one tag such as "en-GB" or "NB-no", or undefined when we have no text in it. */
export function languageForTag(tag: string): Language | undefined {
  const match = /^([a-z]{2,3})(?:-[a-z0-9]{1,8})*$/i.exec(tag.trim());
  if (match === null) return undefined;
  return PRIMARY_TAGS[(match[1] ?? '').toLowerCase()];
}

/**
 * Picks the page language: an explicit `?lang=` wins when we know it, then the browser's
 * Accept-Language by q-value, then bokmål. Header values come from strangers, so nothing here throws.
 */
export function negotiateLanguage(
  queryLang: string | undefined,
  acceptLanguage: string | undefined,
): Language {
  const fromQuery = queryLang === undefined ? undefined : languageForTag(queryLang);
  if (fromQuery !== undefined) return fromQuery;
  return fromAcceptLanguage(acceptLanguage ?? '') ?? DEFAULT_LANGUAGE;
}

function fromAcceptLanguage(header: string): Language | undefined {
  let best: { language: Language; q: number } | undefined;
  for (const part of header.slice(0, 1000).split(',')) {
    const [tag = '', ...params] = part.split(';');
    const language = languageForTag(tag);
    const q = qValue(params);
    if (language === undefined || q <= 0) continue;
    // Equal q-values keep the header's order, as RFC 9110 intends.
    if (best === undefined || q > best.q) best = { language, q };
  }
  return best?.language;
}

function qValue(params: string[]): number {
  for (const param of params) {
    const match = /^\s*q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)\s*$/i.exec(param);
    if (match !== null) return Number(match[1]);
    if (/^\s*q\s*=/i.test(param)) return 0; // a malformed weight must not promote the tag
  }
  return 1;
}
