import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { main } from '../../bin/cli';
import { run } from '../../bin/commands/trace';
import { repoRoot } from '../../lib/paths';
import { capturingIo } from '../support/cli-io';

const execFileAsync = promisify(execFile);

/** The line of calendar.ts that throws for an unreadable timestamp: where the mapped stack must point. */
const THROW_LINE =
  readFileSync(join(repoRoot, 'lambdas/domain/calendar.ts'), 'utf8')
    .split('\n')
    .findIndex((line) => line.includes('throw new InvalidTimestampError')) + 1;

describe('Command: trace', () => {
  let folder: string;
  let asset: string;
  let stack: string;

  beforeAll(async () => {
    // A bundle built as AppFunction builds one (minified ESM, a map without sources, in an asset folder),
    // run by Node without --enable-source-maps as Lambda runs it: its stack names only index.mjs positions.
    folder = mkdtempSync(join(tmpdir(), 'personvern-trace-'));
    asset = join(folder, 'asset.0123abcd');
    mkdirSync(asset);
    const entry = join(folder, 'entry.ts');
    writeFileSync(
      entry,
      `import { computeDeadlines } from '${join(repoRoot, 'lambdas/domain/deadlines')}';\ncomputeDeadlines('not a time');\n`,
    );
    await build({
      entryPoints: [entry],
      outfile: join(asset, 'index.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      logLevel: 'silent',
    });
    const failed = await execFileAsync(process.execPath, [join(asset, 'index.mjs')], {
      env: { ...process.env, NODE_OPTIONS: '' },
    }).catch((error: { stderr: string }) => error);
    stack = failed.stderr.slice(failed.stderr.indexOf('InvalidTimestampError'));
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('maps the minified positions of a logged stack to the source line that threw', async () => {
    // Prepare
    const { out, err, io } = capturingIo();
    expect(stack).toMatch(/index\.mjs:1:\d+/);
    expect(stack).not.toContain('calendar.ts');
    const stackFile = join(folder, 'stack.txt');
    writeFileSync(stackFile, stack);

    // Act
    const code = await run([join(asset, 'index.mjs.map'), stackFile], io);

    // Assess
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const mapped = out.join('\n');
    expect(mapped).toContain('InvalidTimestampError');
    expect(mapped).toMatch(new RegExp(`at \\S+ \\(lambdas/domain/calendar\\.ts:${THROW_LINE}:\\d+\\)`));
    expect(mapped).toContain('lambdas/domain/deadlines.ts:');
    expect(mapped).not.toMatch(/index\.mjs:1:/);
  });

  it('reads the stack from standard input and the map from the code folder, through the CLI', async () => {
    // Prepare
    const { out, io } = capturingIo();

    // Act
    const code = await run([asset], io, async () => stack);

    // Assess
    expect(code).toBe(0);
    expect(out.join('\n')).toContain(`lambdas/domain/calendar.ts:${THROW_LINE}:`);
    expect(await main(['help'], io)).toBe(0);
  });

  it('leaves positions the map does not cover as they were', async () => {
    // Prepare
    const { out, io } = capturingIo();
    const runtimeFrame = '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)';

    // Act
    const code = await run([asset], io, async () => `Error: boom\n${runtimeFrame}`);

    // Assess
    expect(code).toBe(0);
    expect(out).toEqual([`Error: boom\n${runtimeFrame}`]);
  });

  it.each([
    { name: 'no map', args: [], code: 2, message: /Usage: personvern trace/ },
    {
      name: 'a map that does not exist',
      args: ['/nonexistent/index.mjs.map'],
      code: 1,
      message: /cannot read/,
    },
  ])('refuses $name with exit $code', async ({ args, code, message }) => {
    // Prepare
    const { err, io } = capturingIo();

    // Act
    const exit = await run(args, io, async () => '');

    // Assess
    expect(exit).toBe(code);
    expect(err.join('\n')).toMatch(message);
  });
});
