import { seal, unseal } from '../../../lambdas/domain/requests/sealed-secret';

const TOKEN = 'q3X9v0w_Status-Token-of-256-bits-in-base64url00';
const KEY = '2f6c1a9e-6a4b-4c1e-9a53-3f1f0b6f7d21';

/** Flips one bit in one base64url part of a sealed secret. */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('Functions: seal and unseal', () => {
  it('opens a sealed secret with the same idempotency key', () => {
    // Prepare
    const sealed = seal(TOKEN, KEY);

    // Act
    const opened = unseal(sealed, KEY);

    // Assess
    expect(opened).toBe(TOKEN);
  });

  it('round-trips text outside ASCII', () => {
    // Prepare
    const secret = 'blåbærsyltetøy 🔐';

    // Act
    const opened = unseal(seal(secret, KEY), KEY);

    // Assess
    expect(opened).toBe(secret);
  });

  it('never shows the secret in the sealed form', () => {
    // Act
    const sealed = seal(TOKEN, KEY);

    // Assess
    expect(sealed).not.toContain(TOKEN);
    expect(sealed).not.toContain(Buffer.from(TOKEN).toString('base64url'));
    expect(sealed.split('.')).toHaveLength(4);
  });

  it('refuses to open with another idempotency key', () => {
    // Prepare
    const sealed = seal(TOKEN, KEY);

    // Act
    const opening = () => unseal(sealed, `${KEY}x`);

    // Assess
    expect(opening).toThrow();
  });

  it.each([
    ['the salt', 0],
    ['the IV', 1],
    ['the authentication tag', 2],
    ['the ciphertext', 3],
  ])('refuses to open when %s was changed', (_, part) => {
    // Prepare
    const sealed = tamper(seal(TOKEN, KEY), part);

    // Act
    const opening = () => unseal(sealed, KEY);

    // Assess
    expect(opening).toThrow();
  });

  it.each([
    ['an empty string', ''],
    ['too few parts', 'abc.def.ghi'],
  ])('refuses %s as not sealed', (_, sealed) => {
    // Act
    const opening = () => unseal(sealed, KEY);

    // Assess
    expect(opening).toThrow('Not a sealed secret');
  });

  it('seals the same secret differently each time, and both open', () => {
    // Act
    const first = seal(TOKEN, KEY);
    const second = seal(TOKEN, KEY);

    // Assess
    expect(first).not.toBe(second);
    const [firstSalt, firstIv] = first.split('.');
    const [secondSalt, secondIv] = second.split('.');
    expect(firstSalt).not.toBe(secondSalt);
    expect(firstIv).not.toBe(secondIv);
    expect([unseal(first, KEY), unseal(second, KEY)]).toEqual([TOKEN, TOKEN]);
  });
});
