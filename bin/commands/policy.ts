/**
 * `personvern policy <subcommand>`:
 *
 * - `validate <file>` checks a policy document before it is committed or deployed. Valid: one ✔ line with a
 *   summary, exit 0. Invalid: one `path: problem` line per issue on stderr, exit 1.
 * - `publish <file> --summary "…" [--major] [--effective YYYY-MM-DD]` stores a new version (policy-publish.ts).
 * - `keep <file>` stores a version that was deployed but never stored (policy-keep.ts).
 * - `diff <from> <to>` prints what changed between two versions, section by section (policy-diff.ts).
 * - `lint <file>` checks the document against the law's rules for a notice; errors exit 1 (policy-lint.ts).
 */
import { readFile } from 'node:fs/promises';
import type { PolicyDocument } from '../../lambdas/domain/policy/schema';
import { validatePolicy } from '../../lambdas/domain/policy/validate';
import type { CliIo } from '../cli';
import { DIFF_USAGE, runDiff } from './policy-diff';
import { KEEP_USAGE, runKeep } from './policy-keep';
import { LINT_USAGE, runLint } from './policy-lint';
import { readProblem } from './policy-options';
import { PUBLISH_USAGE, runPublish } from './policy-publish';

const USAGE = [
  'Usage: personvern policy validate <file>   e.g. personvern policy validate policy/sterk.json',
  `       ${PUBLISH_USAGE}`,
  `       ${KEEP_USAGE}`,
  `       ${DIFF_USAGE}`,
  `       ${LINT_USAGE}`,
];

export async function run(args: string[], io: CliIo): Promise<number> {
  const [subcommand, file, ...extra] = args;
  const usage = (problem?: string) => {
    if (problem !== undefined) io.err(`personvern policy: ${problem}`);
    for (const line of USAGE) io.err(line);
    return 2;
  };
  if (subcommand === 'publish') return runPublish(args.slice(1), io, usage);
  if (subcommand === 'keep') return runKeep(args.slice(1), io, usage);
  if (subcommand === 'diff') return runDiff(args.slice(1), io, usage);
  if (subcommand === 'lint') return runLint(args.slice(1), io, usage);
  if (subcommand !== 'validate' || file === undefined || extra.length > 0) return usage();

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
