import { createHash } from 'node:crypto';
import { keyedPseudonyms, MIN_KEY_BYTES } from '../../lambdas/domain/pseudonyms';
import { dedupeKey } from '../../lambdas/domain/requests/secrets';
import { subjectHash } from '../../lambdas/domain/subject';
import { TEST_PSEUDONYM_KEY, testPseudonyms } from '../support/pseudonyms';

const EMAIL = 'kari.nordmann@example.no';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('Function: keyedPseudonyms', () => {
  it('gives the same pseudonym for the same address under the same key', () => {
    // Act
    const again = keyedPseudonyms(Buffer.from(TEST_PSEUDONYM_KEY));

    // Assess
    expect(again.of('subject', EMAIL)).toBe(testPseudonyms.of('subject', EMAIL));
    expect(testPseudonyms.of('subject', EMAIL)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('cannot be matched against a list of addresses without the key', () => {
    // Prepare: what someone with a copy of the table and a list of addresses would try.
    const guesses = [sha256(EMAIL), sha256(`subject:${EMAIL}`), sha256(`subject:${EMAIL.toUpperCase()}`)];

    // Act
    const pseudonym = subjectHash(testPseudonyms, EMAIL);
    const underAnotherKey = subjectHash(keyedPseudonyms(Buffer.alloc(32, 0x01)), EMAIL);

    // Assess
    expect(guesses).not.toContain(pseudonym);
    expect(underAnotherKey).not.toBe(pseudonym);
  });

  it('gives each purpose its own pseudonym, so one kind of item cannot find another', () => {
    // Act
    const values = (['subject', 'dedupe', 'rate'] as const).map((purpose) =>
      testPseudonyms.of(purpose, EMAIL),
    );

    // Assess
    expect(new Set(values).size).toBe(3);
  });

  it('refuses a key shorter than 256 bits', () => {
    // Act
    const attempt = () => keyedPseudonyms(Buffer.alloc(MIN_KEY_BYTES - 1, 7));

    // Assess
    expect(attempt).toThrow(/at least 32 bytes/);
  });
});

describe('Function: subjectHash', () => {
  it('finds the same person whatever the case and spacing of the address', () => {
    // Act
    const typed = subjectHash(testPseudonyms, '  Kari.Nordmann@Example.NO ');

    // Assess
    expect(typed).toBe(subjectHash(testPseudonyms, EMAIL));
  });
});

describe('Function: dedupeKey', () => {
  it('is keyed too: not the bare hash the lock used to be', () => {
    // Act
    const key = dedupeKey(testPseudonyms, 'sterk-hasle', 'access', EMAIL);

    // Assess
    expect(key).not.toBe(sha256(`dedupe:sterk-hasle:access:${EMAIL}`));
    expect(key).toBe(dedupeKey(testPseudonyms, 'sterk-hasle', 'access', EMAIL.toUpperCase()));
    expect(key).not.toBe(dedupeKey(testPseudonyms, 'sterk-hasle', 'erasure', EMAIL));
  });
});
