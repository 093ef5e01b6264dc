import type { CliIo } from '../../bin/cli';

/** A CLI command's output and error lines, captured for assertions. */
export function capturingIo(): { out: string[]; err: string[]; io: CliIo } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}
