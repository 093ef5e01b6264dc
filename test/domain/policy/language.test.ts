import * as fc from 'fast-check';
import { negotiateLanguage } from '../../../lambdas/domain/policy/language';
import { LANGUAGE_CASES } from './language-cases';

describe('Function: negotiateLanguage', () => {
  it.each(LANGUAGE_CASES)('returns $expected when $why', ({ query, header, expected }) => {
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
