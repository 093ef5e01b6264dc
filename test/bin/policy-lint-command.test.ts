import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../bin/commands/policy';
import { fixedSterkDocument } from '../domain/policy/lint/lint-fixture';
import { sterkPolicy } from '../domain/policy/sterk-fixture';
import { capturingIo } from '../support/cli-io';

const sterkFile = fileURLToPath(new URL('../../policy/sterk.json', import.meta.url));

describe('Command: policy lint', () => {
  let dir: string;
  let fixedFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'personvern-lint-'));
    fixedFile = join(dir, 'fixed.json');
    await writeFile(fixedFile, JSON.stringify(fixedSterkDocument()));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the warnings, the assumptions to confirm among them, and returns 0 when there is no error', async () => {
    // Prepare
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(['lint', fixedFile], io);

    // Assess
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const assumptions = sterkPolicy().assumptions.length;
    expect(out.filter((line) => line.includes('[assumptions-to-confirm:'))).toHaveLength(assumptions);
    expect(out.every((line, index) => index === out.length - 1 || line.includes('(warning)'))).toBe(true);
    expect(out.at(-1)).toMatch(new RegExp(`^✔ ${fixedFile}: 0 errors, \\d+ warnings$`));
  });

  it('prints each error on stderr with its rule and legal reference and returns 1', async () => {
    // Prepare
    const document = fixedSterkDocument();
    document.systems.find((system: { id: string }) => system.id === 'facebook-pixel').legalBasis.article6 = [
      'f',
    ];
    const file = join(dir, 'pixel.json');
    await writeFile(file, JSON.stringify(document));
    const { err, io } = capturingIo();

    // Act
    const code = await run(['lint', file], io);

    // Assess
    expect(code).toBe(1);
    expect(err).toEqual([
      'systems.facebook-pixel.legalBasis: facebook-pixel: tracker on legitimate interest; ekomloven § 3-15 requires consent (error) [tracker-consent: ekomloven § 3-15; GDPR Art. 6(1)(a)]',
      expect.stringMatching(new RegExp(`^✖ ${file}: 1 error, \\d+ warnings$`)),
    ]);
  });

  it('speaks Norwegian with --lang nb', async () => {
    // Prepare
    const { out, io } = capturingIo();

    // Act
    await run(['lint', fixedFile, '--lang', 'nb'], io);

    // Assess
    expect(out.some((line) => line.includes('å bekrefte «effective-date»'))).toBe(true);
  });

  it('gives the report as JSON with --json', async () => {
    // Prepare
    const { out, io } = capturingIo();

    // Act
    const code = await run(['lint', fixedFile, '--json'], io);

    // Assess
    expect(code).toBe(0);
    const report = JSON.parse(out.join('\n'));
    expect(report.errors).toBe(0);
    expect(report.findings[0]).toEqual({
      rule: expect.any(String),
      reference: expect.any(String),
      path: expect.any(String),
      severity: 'warning',
      message: { nb: expect.any(String), en: expect.any(String) },
    });
  });

  it('refuses a document the schema refuses, with the schema’s problems, and returns 1', async () => {
    // Prepare
    const document = fixedSterkDocument();
    document.systems[0].tracker = 'yes';
    const file = join(dir, 'invalid.json');
    await writeFile(file, JSON.stringify(document));
    const { err, io } = capturingIo();

    // Act
    const code = await run(['lint', file], io);

    // Assess
    expect(code).toBe(1);
    expect(err[0]).toBe(`✖ ${file}: fails the schema, so it cannot be linted (1 problem)`);
    expect(err[1]).toMatch(/^systems\[0\]\.tracker: /);
  });

  it('lints the shipped STERK document without crashing and reports only the missing Art. 21(1) objection as an error', async () => {
    // Prepare
    const { err, io } = capturingIo();

    // Act
    const code = await run(['lint', sterkFile], io);

    // Assess
    const errors = err.filter((line) => line.includes('(error)'));
    expect(errors.filter((line) => !line.includes('[objection-legitimate-interest:'))).toEqual([]);
    expect(code).toBe(errors.length > 0 ? 1 : 0);
  });

  it.each([
    [['lint'], 'lint needs the document to check'],
    [['lint', 'a.json', 'b.json'], 'unexpected argument b.json'],
    [['lint', 'a.json', '--lang', 'de'], '--lang is nb or en'],
  ])('answers %j with usage and exit 2', async (args, problem) => {
    // Prepare
    const { err, io } = capturingIo();

    // Act
    const code = await run(args, io);

    // Assess
    expect(code).toBe(2);
    expect(err[0]).toBe(`personvern policy: ${problem}`);
  });
});
