import { ifNoneMatchHits } from '../../../lambdas/adapters/http/conditional-get';

describe('Function: ifNoneMatchHits', () => {
  const etag = '"1.0.0-nb-abc"';

  it.each([
    ['the same tag', '"1.0.0-nb-abc"', true],
    ['a weak form of the same tag', 'W/"1.0.0-nb-abc"', true],
    ['a list holding the tag', '"other", "1.0.0-nb-abc"', true],
    ['the wildcard', '*', true],
    ['another tag', '"1.0.0-en-abc"', false],
    ['an empty header', '', false],
    ['no header', undefined, false],
  ])('answers for %s', (_, header, expected) => {
    // Act
    const hit = ifNoneMatchHits(header, etag);

    // Assess
    expect(hit).toBe(expected);
  });
});
