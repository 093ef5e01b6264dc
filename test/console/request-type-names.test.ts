import { TEXTS } from '../../console/src/i18n';
import { EMAIL_TEXT } from '../../lambdas/domain/email/i18n';
import { LANGUAGES } from '../../lambdas/domain/policy/language';
import { REQUEST_TYPES } from '../../lambdas/domain/requests/request-types';
import { REQUEST_TYPE_WORDS } from '../../lambdas/domain/staff/words';

describe('The request types as the console, the emails and the staff sentences name them', () => {
  it.each(LANGUAGES)('are the same words in the console and the deadline digest (%s)', (lang) => {
    // Act
    const [shown, digest] = [TEXTS[lang].typeNames, EMAIL_TEXT[lang].digest.requestTypes];

    // Assess
    expect(shown).toEqual(digest);
    expect(Object.keys(shown)).toEqual([...REQUEST_TYPES]);
  });

  it.each(LANGUAGES)('read in a staff sentence as the console names them, in lower case (%s)', (lang) => {
    // Prepare
    const differ = (type: (typeof REQUEST_TYPES)[number]) =>
      REQUEST_TYPE_WORDS[type][lang] !== TEXTS[lang].typeNames[type].toLowerCase();

    // Act
    const longer = REQUEST_TYPES.filter(differ);

    // Assess: only the general objection's label is shorter than its sentence.
    expect(longer).toEqual(['objection-general']);
  });
});
