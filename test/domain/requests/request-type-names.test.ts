import { LANGUAGES } from '../../../lambdas/domain/policy/language';
import {
  REQUEST_TYPE_NAMES,
  type RequestTypeName,
  requestTypeNames,
} from '../../../lambdas/domain/requests/request-type-names';
import { REQUEST_TYPES } from '../../../lambdas/domain/requests/request-types';

const FORMS: readonly (keyof RequestTypeName)[] = ['name', 'inSentence', 'forRequester'];

describe('Module: request-type-names', () => {
  it('names every request type, in the order of REQUEST_TYPES', () => {
    // Act
    const types = Object.keys(REQUEST_TYPE_NAMES);

    // Assess
    expect(types).toEqual([...REQUEST_TYPES]);
  });

  it.each(LANGUAGES)('gives each type its own words in every form (%s)', (lang) => {
    // Prepare
    const tables = FORMS.map((form) => Object.values(requestTypeNames(lang, form)));

    // Act
    const repeated = tables.filter((names) => new Set(names).size !== REQUEST_TYPES.length);
    const blank = tables.flat().filter((name) => name.trim() === '' || name !== name.trim());

    // Assess
    expect(repeated).toEqual([]);
    expect(blank).toEqual([]);
  });

  it.each(LANGUAGES)('writes a name as a label and the in-sentence form in lower case (%s)', (lang) => {
    // Prepare
    const names = REQUEST_TYPES.map((type) => REQUEST_TYPE_NAMES[type][lang]);

    // Act
    const wrongCase = names.filter(
      ({ name, inSentence, forRequester }) =>
        name[0] !== name[0]?.toUpperCase() ||
        forRequester[0] !== forRequester[0]?.toUpperCase() ||
        inSentence[0] !== inSentence[0]?.toLowerCase(),
    );

    // Assess
    expect(wrongCase).toEqual([]);
  });

  it('keys one form of one language by type', () => {
    // Act
    const names = requestTypeNames('en', 'name');

    // Assess
    expect(names.portability).toBe('Data portability');
    expect(names['withdraw-consent']).toBe('Withdrawal of consent');
    expect(Object.keys(names)).toEqual([...REQUEST_TYPES]);
  });
});
