import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, so constructs can name handler entries and the lockfile independent of the cwd. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
