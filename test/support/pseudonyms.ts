import { keyedPseudonyms } from '../../lambdas/domain/pseudonyms';

/** A fixed key for tests: pseudonyms differ from a bare hash, and stay equal across a test's steps. */
export const TEST_PSEUDONYM_KEY = Buffer.alloc(32, 0x5a);

export const testPseudonyms = keyedPseudonyms(TEST_PSEUDONYM_KEY);
