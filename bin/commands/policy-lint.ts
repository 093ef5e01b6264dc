/**
 * `personvern policy lint <file> [--lang nb|en] [--json]`: checks a policy document against the law's rules
 * for a privacy notice (lambdas/domain/policy/lint/), after the schema. One line per finding:
 * `path: message (severity) [rule: legal reference]`, errors first, then a summary line.
 * Exit 0 when there are no errors (warnings, such as assumptions to confirm, are printed but do not fail),
 * 1 when there are errors or the document cannot be read or fails the schema.
 */
import { formatFinding, lintPolicy } from '../../lambdas/domain/policy/lint/lint';
import { validatePolicy } from '../../lambdas/domain/policy/validate';
import type { CliIo } from '../cli';
import { commandLine, readJsonFile, type UsageProblem } from './policy-options';

export const LINT_USAGE = 'personvern policy lint <file> [--lang nb|en] [--json]';

export async function runLint(args: string[], io: CliIo, usage: UsageProblem): Promise<number> {
  const parsed = commandLine(args, { lang: { type: 'string' }, json: { type: 'boolean' } });
  if ('problem' in parsed) return usage(parsed.problem);
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) return usage('lint needs the document to check');
  if (extra.length > 0) return usage(`unexpected argument ${extra[0]}`);
  const lang = parsed.values.lang ?? 'en';
  if (lang !== 'nb' && lang !== 'en') return usage('--lang is nb or en');

  const document = await readJsonFile(file, io);
  if (document === undefined) return 1;
  const result = validatePolicy(document);
  if (!result.ok) {
    io.err(
      `✖ ${file}: fails the schema, so it cannot be linted (${plural(result.issues.length, 'problem')})`,
    );
    for (const issue of result.issues) io.err(issue);
    return 1;
  }
  const report = lintPolicy(result.policy);
  if (parsed.values.json === true) {
    io.out(JSON.stringify(report, null, 2));
    return report.errors > 0 ? 1 : 0;
  }
  for (const finding of report.findings) {
    (finding.severity === 'error' ? io.err : io.out)(formatFinding(finding, lang));
  }
  const counts = `${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`;
  if (report.errors > 0) {
    io.err(`✖ ${file}: ${counts}`);
    return 1;
  }
  io.out(`✔ ${file}: ${counts}`);
  return 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
