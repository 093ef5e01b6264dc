import { nameOf, TEXTS } from '../../console/src/i18n';

/** Every key path of a text table, e.g. `typeNames.access`. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keyPaths(inner, prefix ? `${prefix}.${key}` : key));
}

function leaves(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [value];
  return Object.values(value).flatMap(leaves);
}

describe('Console texts', () => {
  it('have the same keys in bokmål and English', () => {
    // Prepare
    const { nb, en } = TEXTS;

    // Act
    const [nbKeys, enKeys] = [keyPaths(nb).sort(), keyPaths(en).sort()];

    // Assess
    expect(enKeys).toEqual(nbKeys);
    expect(nbKeys.length).toBeGreaterThan(100);
  });

  it('have no empty text in either language', () => {
    // Prepare
    const tables = [TEXTS.nb, TEXTS.en];

    // Act
    const empty = tables.flatMap(leaves).filter((text) => typeof text !== 'string' || text.trim() === '');

    // Assess
    expect(empty).toEqual([]);
  });

  it('differ between the languages (nothing left untranslated by copy)', () => {
    // Prepare
    const nb = keyPaths(TEXTS.nb);
    const at = (table: unknown, path: string) =>
      path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], table);

    // Act
    const same = nb.filter((path) => at(TEXTS.nb, path) === at(TEXTS.en, path));

    // Assess: words that are the same in both languages.
    expect(same.sort()).toEqual(
      ['colStatus', 'colSystem', 'colType', 'filterStatus', 'filterType', 'taskSystem'].sort(),
    );
  });

  it('name a known value and pass an unknown one through', () => {
    // Prepare
    const names = TEXTS.en.typeNames;

    // Act
    const shown = [nameOf(names, 'erasure'), nameOf(names, 'something-new'), nameOf(names, 'toString')];

    // Assess
    expect(shown).toEqual(['Erasure', 'something-new', 'toString']);
  });
});
