import * as fc from 'fast-check';
import { negotiateLanguage } from '../../../lambdas/domain/policy/language';

describe('Function: negotiateLanguage', () => {
  it.each([
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
  ])('returns $expected when $why', ({ query, header, expected }) => {
    // Act
    const language = negotiateLanguage(query, header);

    // Assess
    expect(language).toBe(expected);
  });

  it('never throws and always answers nb or en, whatever strangers send', () => {
    // Prepare
    const optionalText = fc.option(fc.string({ maxLength: 300 }), { nil: undefined });

    // Act and Assess
    fc.assert(
      fc.property(optionalText, optionalText, (query, header) => {
        expect(['nb', 'en']).toContain(negotiateLanguage(query, header));
      }),
    );
  });
});
