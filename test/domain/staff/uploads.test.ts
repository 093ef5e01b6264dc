import { uploadedFileName, uploadKey } from '../../../lambdas/domain/staff/uploads';

describe('Function: uploadKey and uploadedFileName', () => {
  it.each([
    ['pasientsky-journal.txt', 'pasientsky-journal.txt'],
    ['Journal for Kari (2025).pdf', 'Journal_for_Kari_2025_.pdf'],
    ['..hidden', 'hidden'],
  ])('keys %j under the request and system, and gives back %j as the name in the export', (name, shown) => {
    // Prepare
    const upload = { systemId: 'pasientsky', fileName: name, contentType: 'text/plain' as const, size: 10 };

    // Act
    const key = uploadKey('req-1', upload, '6f14d2b9-5006-486e-8d47-85bf1076234d');

    // Assess
    expect(key).toBe(`uploads/req-1/pasientsky/6f14d2b9-5006-486e-8d47-85bf1076234d-${shown}`);
    expect(uploadedFileName(key)).toBe(shown);
  });

  it('keeps a key without the unique prefix as it is', () => {
    // Act
    const name = uploadedFileName('uploads/req-1/pasientsky/journal.pdf');

    // Assess
    expect(name).toBe('journal.pdf');
  });
});
