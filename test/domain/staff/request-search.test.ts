import { parseRequestSearch } from '../../../lambdas/domain/staff/request-search';
import { subjectHash } from '../../../lambdas/domain/subject';
import { testPseudonyms } from '../../support/pseudonyms';

describe('Function: parseRequestSearch', () => {
  it('searches by the subject hash for an email address, whatever its case and spaces', () => {
    // Act
    const search = parseRequestSearch('  Kari.Nordmann@Example.NO ', testPseudonyms);

    // Assess
    expect(search).toEqual({
      by: 'email',
      subjectHash: subjectHash(testPseudonyms, 'kari.nordmann@example.no'),
    });
  });

  it('searches by the start of an id for anything else', () => {
    // Act
    const search = parseRequestSearch(' 0F3A ', testPseudonyms);

    // Assess
    expect(search).toEqual({ by: 'id', prefix: '0f3a' });
  });

  it('takes a half-typed address as the start of an id, not as a person', () => {
    // Assess
    expect(parseRequestSearch('kari@', testPseudonyms)).toEqual({ by: 'id', prefix: 'kari@' });
  });

  it.each([undefined, '', '   '])('searches for nothing when the box is empty (%j)', (q) => {
    // Assess
    expect(parseRequestSearch(q, testPseudonyms)).toBeUndefined();
  });
});
