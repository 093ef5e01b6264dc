/** What the `personvern policy …` subcommands share: option parsing, the table, reading a JSON file. */
import { readFile } from 'node:fs/promises';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { DomainError, ValidationError } from '../../lambdas/domain/errors';
import type { CliIo } from '../cli';
import { optionProblem } from './option-problem';

/** Prints the problem and the usage, and returns exit code 2. */
export type UsageProblem = (problem: string) => number;

type Options = NonNullable<ParseArgsConfig['options']>;

export function commandLine(
  args: string[],
  options: Options,
): { positionals: string[]; values: Record<string, string | boolean | undefined> } | { problem: string } {
  try {
    const { positionals, values } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { positionals, values: values as Record<string, string | boolean | undefined> };
  } catch (error) {
    return { problem: optionProblem(error) };
  }
}

export function tableFrom(option: string | boolean | undefined): string | undefined {
  const table = typeof option === 'string' ? option : process.env.PERSONVERN_TABLE;
  return table === undefined || table === '' ? undefined : table;
}

/** The parsed JSON of a file, or undefined after saying on stderr why it could not be read. */
export async function readJsonFile(file: string, io: CliIo): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.err(`✖ ${file}: cannot read the file (${readProblem(error)})`);
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    io.err(`✖ ${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}

export function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/**
 * What a command that writes a version (publish, keep) says when that fails, and its exit code: the
 * document's problems (1), or a table it cannot reach (3).
 */
export function reportStoreFailure(error: unknown, file: string, table: string, io: CliIo): number {
  if (error instanceof ValidationError) {
    io.err(`✖ ${file}: ${error.message}`);
    for (const [path, problem] of Object.entries(error.fields)) {
      if (path !== 'version') io.err(`${path}: ${problem}`);
    }
    return 1;
  }
  if (error instanceof DomainError) {
    io.err(`✖ ${file}: ${error.message}`);
    return 1;
  }
  const problem = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.err(`personvern policy: cannot reach the versions in table ${table} (${problem})`);
  return 3;
}
