/**
 * What Secrets Manager does for a template secret with `GenerateSecretString`: makes a random value once.
 * Locally the value is kept in the data directory beside the tables, so a restart keeps finding what was
 * stored under it (the pseudonym key: a new key would orphan every stored pseudonym, as on AWS).
 */
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalSecret } from '../template/resources';

const LETTERS_AND_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

export function generatedSecretValue(
  dataDir: string,
  secret: LocalSecret & { readonly generated: NonNullable<LocalSecret['generated']> },
): string {
  const directory = join(dataDir, 'secrets');
  const file = join(directory, secret.id.replace(/[^A-Za-z0-9-]/g, '_'));
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const alphabet = LETTERS_AND_DIGITS + (secret.generated.excludePunctuation ? '' : PUNCTUATION);
  const value = Array.from(
    { length: secret.generated.length },
    () => alphabet[randomInt(alphabet.length)],
  ).join('');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}
