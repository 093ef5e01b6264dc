/**
 * How a reader's language is chosen, case by case: `?lang=` first, then Accept-Language, else bokmål.
 * Shared by the origin's tests (negotiateLanguage) and the edge's (the CloudFront Function must key the
 * cache on the language the origin will answer in).
 */
export const LANGUAGE_CASES: readonly {
  readonly query: string | undefined;
  readonly header: string | undefined;
  readonly expected: 'nb' | 'en';
  readonly why: string;
}[] = [
  { query: 'en', header: undefined, expected: 'en', why: 'the query asks for English' },
  { query: 'nb', header: 'en-GB,en;q=0.9', expected: 'nb', why: 'the query wins over the browser' },
  { query: 'EN', header: undefined, expected: 'en', why: 'tags are case-insensitive' },
  { query: 'en-GB', header: undefined, expected: 'en', why: 'a regional English tag' },
  { query: 'no', header: 'en', expected: 'nb', why: 'the macro tag for Norwegian' },
  { query: 'nn', header: undefined, expected: 'nb', why: 'nynorsk readers get bokmål' },
  { query: 'nb-NO', header: undefined, expected: 'nb', why: 'a regional bokmål tag' },
  { query: 'de', header: 'en', expected: 'en', why: 'an unknown query falls through to the header' },
  { query: '<script>', header: undefined, expected: 'nb', why: 'a malformed query' },
  { query: '', header: undefined, expected: 'nb', why: 'an empty query' },
  { query: undefined, header: 'en-GB,en;q=0.9', expected: 'en', why: 'a British browser' },
  { query: undefined, header: 'nb-NO,nb;q=0.9,en;q=0.8', expected: 'nb', why: 'a Norwegian browser' },
  {
    query: undefined,
    header: 'de-DE,de;q=0.9,en;q=0.8',
    expected: 'en',
    why: 'German first, then English',
  },
  { query: undefined, header: 'en;q=0.5,nb;q=0.9', expected: 'nb', why: 'the higher q-value wins' },
  {
    query: undefined,
    header: 'en;q=0.8,no;q=0.8',
    expected: 'en',
    why: 'equal q-values keep header order',
  },
  { query: undefined, header: 'en;q=0', expected: 'nb', why: 'q=0 means "not English"' },
  { query: undefined, header: 'en;q=abc', expected: 'nb', why: 'a malformed q-value' },
  { query: undefined, header: '*', expected: 'nb', why: 'a wildcard' },
  { query: undefined, header: 'fr-FR,fr', expected: 'nb', why: 'languages we have no text in' },
  { query: undefined, header: ';;;,,,q=', expected: 'nb', why: 'garbage' },
  { query: undefined, header: undefined, expected: 'nb', why: 'nothing at all' },
  { query: undefined, header: 'en;q=1.000', expected: 'en', why: 'the longest valid weight' },
  { query: undefined, header: ' EN-us ; Q = 0.7 ', expected: 'en', why: 'spaces and capitals' },
  {
    query: undefined,
    header: `${'x,'.repeat(500)}en`,
    expected: 'nb',
    why: 'English after 1,000 characters',
  },
];
