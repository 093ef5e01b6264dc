import { REQUEST_PAGE_TEXT } from '../../../../lambdas/domain/requests/pages/i18n';

/** Every path to a leaf, e.g. `status.next.verified`; functions and arrays are leaves. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    keyPaths(child, prefix === '' ? key : `${prefix}.${key}`),
  );
}

/** Every leaf's text: strings, the strings of arrays, and what functions say for a sample argument. */
function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') return leaves((value as (argument: unknown) => unknown)(2));
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(leaves);
  return [];
}

describe('Constant: REQUEST_PAGE_TEXT', () => {
  it('has the same keys in bokmål and English', () => {
    // Act
    const nb = keyPaths(REQUEST_PAGE_TEXT.nb).sort();
    const en = keyPaths(REQUEST_PAGE_TEXT.en).sort();

    // Assess
    expect(nb.length).toBeGreaterThan(20);
    expect(en).toEqual(nb);
  });

  it('gives every leaf the same kind (text, list or function) in both languages', () => {
    // Prepare
    const kind = (value: unknown) => (Array.isArray(value) ? 'array' : typeof value);
    const at = (root: unknown, path: string) =>
      path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root);

    // Act
    const mismatched = keyPaths(REQUEST_PAGE_TEXT.nb).filter(
      (path) => kind(at(REQUEST_PAGE_TEXT.nb, path)) !== kind(at(REQUEST_PAGE_TEXT.en, path)),
    );

    // Assess
    expect(mismatched).toEqual([]);
  });

  it.each(['nb', 'en'] as const)('has no empty text in %s', (lang) => {
    // Act
    const texts = leaves(REQUEST_PAGE_TEXT[lang]);

    // Assess
    expect(texts.length).toBeGreaterThan(30);
    for (const text of texts) expect(text.trim()).not.toBe('');
  });

  it('says every sentence differently in the two languages, save the one word they share', () => {
    // Act
    const nb = leaves(REQUEST_PAGE_TEXT.nb);
    const en = leaves(REQUEST_PAGE_TEXT.en);

    // Assess
    expect(nb.filter((text, index) => text === en[index])).toEqual(['Status']);
  });
});
