import { parseRequestSearch } from '../../../lambdas/domain/staff/request-search';
import { subjectHash } from '../../../lambdas/domain/subject';

describe('Function: parseRequestSearch', () => {
  it('searches by the subject hash for an email address, whatever its case and spaces', () => {
    // Act
    const search = parseRequestSearch('  Kari.Nordmann@Example.NO ');

    // Assess
    expect(search).toEqual({ by: 'email', subjectHash: subjectHash('kari.nordmann@example.no') });
  });

  it('searches by the start of an id for anything else', () => {
    // Act
    const search = parseRequestSearch(' 0F3A ');

    // Assess
    expect(search).toEqual({ by: 'id', prefix: '0f3a' });
  });

  it('takes a half-typed address as the start of an id, not as a person', () => {
    // Assess
    expect(parseRequestSearch('kari@')).toEqual({ by: 'id', prefix: 'kari@' });
  });

  it.each([undefined, '', '   '])('searches for nothing when the box is empty (%j)', (q) => {
    // Assess
    expect(parseRequestSearch(q)).toBeUndefined();
  });
});
