import { checkOrgNumber, formatOrgNumber, isValidOrgNumber } from '../../../lambdas/domain/policy/org-number';

describe('Function: checkOrgNumber', () => {
  it.each([
    { input: '898503992', stored: '898503992', note: 'STERK Helse & Trening AS' },
    { input: '898 503 992', stored: '898503992', note: 'the same number as printed on a letterhead' },
    { input: '827 118 362', stored: '827118362', note: 'STERK Helse og Trening Hasle AS' },
    { input: '923215891', stored: '923215891', note: 'STERK Helse AS' },
    {
      input: '923\u00a0215\u00a0891',
      stored: '923215891',
      note: 'non-breaking spaces copied from a web page',
    },
    { input: '910000020', stored: '910000020', note: 'remainder 0, so the check digit is 0' },
  ])('accepts $input ($note) and stores $stored', ({ input, stored }) => {
    // Act
    const result = checkOrgNumber(input);

    // Assess
    expect(result).toEqual({ ok: true, orgNumber: stored });
  });

  it.each([
    { input: '827118363', problem: '827118363 fails the mod-11 check', note: 'a wrong check digit' },
    {
      input: '910000080',
      problem: '910000080 fails the mod-11 check',
      note: 'remainder 1: no check digit exists',
    },
    {
      input: '910000021',
      problem: '910000021 fails the mod-11 check',
      note: 'remainder 0 but check digit 1',
    },
    { input: '89850399', problem: '"89850399" must be 9 digits', note: 'eight digits' },
    { input: '8985039920', problem: '"8985039920" must be 9 digits', note: 'ten digits' },
    { input: '', problem: '"" must be 9 digits', note: 'an empty string' },
    { input: '89850399X', problem: '"89850399X" must contain digits only', note: 'a letter' },
    { input: '898-503-992', problem: '"898-503-992" must contain digits only', note: 'hyphens' },
  ])('rejects $input ($note)', ({ input, problem }) => {
    // Act
    const result = checkOrgNumber(input);

    // Assess
    expect(result).toEqual({ ok: false, problem });
    expect(isValidOrgNumber(input)).toBe(false);
  });
});

describe('Function: formatOrgNumber', () => {
  it('groups nine digits in threes, as Norwegian letterheads do', () => {
    // Act
    const printed = formatOrgNumber('898503992');

    // Assess
    expect(printed).toBe('898 503 992');
  });
});
