import {
  comparePolicyVersions,
  PolicyVersionError,
  parsePolicyVersion,
} from '../../../lambdas/domain/policy/version';

describe('Function: comparePolicyVersions', () => {
  it.each([
    { a: '1.0.0', b: '1.0.0', expected: 0 },
    { a: '1.0.1', b: '1.0.0', expected: 1 },
    { a: '1.0.0', b: '1.1.0', expected: -1 },
    { a: '1.10.0', b: '1.9.0', expected: 1 },
    { a: '2.0.0', b: '10.0.0', expected: -1 },
  ])('compares $a with $b as $expected (numerically, not as text)', ({ a, b, expected }) => {
    // Act
    const result = comparePolicyVersions(a, b);

    // Assess
    expect(result).toBe(expected);
  });
});

describe('Function: parsePolicyVersion', () => {
  it.each(['1.0', '1.0.0-beta', 'v1.0.0', '01.0.0', '1.0.0+build', ''])('rejects "%s"', (version) => {
    // Act
    const parse = () => parsePolicyVersion(version);

    // Assess
    expect(parse).toThrow(PolicyVersionError);
  });

  it('returns the three numbers', () => {
    // Act
    const parts = parsePolicyVersion('3.14.15');

    // Assess
    expect(parts).toEqual([3, 14, 15]);
  });
});
