import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run } from '../../bin/commands/deadline';
import { capturingIo } from '../support/cli-io';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

describe('Command: deadline', () => {
  it('prints the receipt date and both due dates as one JSON line', async () => {
    // Prepare
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(['2026-11-25T10:00:00Z'], io);

    // Assess
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] ?? '')).toEqual({
      receivedDate: '2026-11-25',
      dueDate: '2026-12-28',
      extendedDueDate: '2027-02-25',
    });
  });

  it.each([
    { name: 'a month that does not exist', timestamp: '2026-13-01' },
    { name: 'a timestamp without a time zone', timestamp: '2026-11-25T09:30:00' },
  ])('returns 1 with a one-line error for $name', async ({ timestamp }) => {
    // Prepare
    const { out, err, io } = capturingIo();

    // Act
    const code = await run([timestamp], io);

    // Assess
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      `personvern deadline: "${timestamp}" is not an ISO-8601 timestamp with a time zone (e.g. 2026-11-25T09:30:00Z)`,
    ]);
  });

  it.each([
    { name: 'no timestamp', args: [] },
    { name: 'more than one argument', args: ['2026-11-25T10:00:00Z', 'extra'] },
  ])('returns 2 with usage for $name', async ({ args }) => {
    // Prepare
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(args, io);

    // Assess
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^Usage: personvern deadline <ISO-8601 timestamp>/);
  });

  it('runs as `personvern deadline` from the command line', () => {
    // Act
    const stdout = execFileSync('node', ['bin/personvern.js', 'deadline', '2026-11-25T10:00:00Z'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });

    // Assess
    expect(stdout).toBe(
      '{"receivedDate":"2026-11-25","dueDate":"2026-12-28","extendedDueDate":"2027-02-25"}\n',
    );
  });
});
