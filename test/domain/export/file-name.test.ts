import { exportFileName, fileNamePrefix } from '../../../lambdas/domain/export/file-name';

describe('Function: fileNamePrefix', () => {
  it.each([
    ['STERK', 'sterk'],
    ['Tannlege Fjordsmil AS', 'tannlege-fjordsmil-as'],
    ['Ærlig Øye & Ås Klinikk', 'aerlig-oye-as-klinikk'],
    ['Café Müller', 'cafe-muller'],
    ['???', 'export'],
  ])('makes %j a file-name word: %j', (name, expected) => {
    // Act
    const prefix = fileNamePrefix(name);

    // Assess
    expect(prefix).toBe(expected);
  });

  it('keeps a long name to 40 characters without a trailing hyphen', () => {
    // Act
    const prefix = fileNamePrefix('Den Norske Fysioterapi og Treningsklinikk for Hele Familien AS');

    // Assess
    expect(prefix.length).toBeLessThanOrEqual(40);
    expect(prefix).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe('Function: exportFileName', () => {
  it('names the export after the organisation, with the type when given', () => {
    // Act
    const withType = exportFileName('sterk', 'r-1', 'access');
    const withoutType = exportFileName('tannlege-fjordsmil-as', 'r-1');

    // Assess
    expect(withType).toBe('sterk-access-r-1.zip');
    expect(withoutType).toBe('tannlege-fjordsmil-as-r-1.zip');
  });
});
