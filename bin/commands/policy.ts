/**
 * `personvern policy validate <file>`: checks a policy document before it is committed or deployed.
 * Valid: one ✔ line with a summary, exit 0. Invalid: one `path: problem` line per issue on stderr, exit 1.
 */
import { readFile } from 'node:fs/promises';
import type { PolicyDocument } from '../../lambdas/domain/policy/schema';
import { validatePolicy } from '../../lambdas/domain/policy/validate';
import type { CliIo } from '../cli';

const USAGE = 'Usage: personvern policy validate <file>   e.g. personvern policy validate policy/sterk.json';

export async function run(args: string[], io: CliIo): Promise<number> {
  const [subcommand, file, ...extra] = args;
  if (subcommand !== 'validate' || file === undefined || extra.length > 0) {
    io.err(USAGE);
    return 2;
  }

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.err(`✖ ${file}: cannot read the file (${readProblem(error)})`);
    return 1;
  }

  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    io.err(`✖ ${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    return 1;
  }

  const result = validatePolicy(input);
  if (!result.ok) {
    io.err(`✖ ${file}: ${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}`);
    for (const issue of result.issues) io.err(issue);
    return 1;
  }
  io.out(`✔ ${file}: ${summary(result.policy)}`);
  return 0;
}

function summary(policy: PolicyDocument): string {
  const requestTypes = policy.rights.filter((right) => right.kind === 'request').length;
  const counts = [
    count(policy.controllers.length, 'controller'),
    count(policy.systems.length, 'system'),
    count(policy.categories.length, 'data category', 'data categories'),
    count(policy.retention.length, 'retention rule'),
    count(requestTypes, 'request type'),
  ];
  return `${policy.organisation.name} policy ${policy.version} valid (${counts.join(', ')})`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
