import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../bin/commands/policy';
import { sterkDocument } from '../domain/policy/sterk-fixture';
import { capturingIo } from '../support/cli-io';

const sterkFile = fileURLToPath(new URL('../../policy/sterk.json', import.meta.url));

describe('Command: policy validate', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'personvern-policy-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a one-line summary and returns 0 for a valid document', async () => {
    // Prepare
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(['validate', sterkFile], io);

    // Assess
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual([
      `✔ ${sterkFile}: STERK policy 1.1.0 valid (3 controllers, 8 systems, 17 data categories, 9 retention rules, 8 request types)`,
    ]);
  });

  it('prints every problem as a path: problem line and returns 1 for a broken document', async () => {
    // Prepare
    const document = sterkDocument();
    document.controllers[1].orgNumber = '827118363';
    delete document.retention[2].legalReference;
    const file = join(dir, 'broken.json');
    await writeFile(file, JSON.stringify(document));
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(['validate', file], io);

    // Assess
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      `✖ ${file}: 2 problems`,
      'controllers[1].orgNumber: 827118363 fails the mod-11 check',
      'retention[2].legalReference: required',
    ]);
  });

  it('returns 1 with one clear line when the file is missing', async () => {
    // Prepare
    const file = join(dir, 'missing.json');
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(['validate', file], io);

    // Assess
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([`✖ ${file}: cannot read the file (no such file)`]);
  });

  it('returns 1 with one clear line when the file is not JSON', async () => {
    // Prepare
    const file = join(dir, 'malformed.json');
    await writeFile(file, '{ "version": "1.0.0", ');
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(['validate', file], io);

    // Assess
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(
      new RegExp(`^✖ ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON \\(.+\\)$`),
    );
  });

  it.each([
    { args: [], why: 'no arguments' },
    { args: ['validate'], why: 'no file' },
    { args: ['check', 'policy/sterk.json'], why: 'an unknown subcommand' },
    { args: ['validate', 'a.json', 'b.json'], why: 'two files' },
  ])('prints usage and returns 2 for $why', async ({ args }) => {
    // Prepare
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(args, io);

    // Assess
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(/^Usage: personvern policy validate <file>/);
    expect(err).toContainEqual(expect.stringContaining('personvern policy publish <file>'));
  });
});
