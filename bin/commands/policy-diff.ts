/**
 * `personvern policy diff <from> <to> [--lang nb|en] [--json] [--table <name>]`: what changed between two
 * versions, section by section (lambdas/domain/policy/diff.ts). Each side is a file (a path ending in .json)
 * or a published version number, read from the table like `publish` does (the bundled document counts as its
 * own version). Exit 0 with the diff, 1 when a side cannot be read or is invalid, 3 when the table cannot be
 * reached.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bundledPolicy } from '../../lambdas/adapters/policy/bundled-policy';
import { DynamoPolicyVersions } from '../../lambdas/adapters/policy/dynamo-policy-versions';
import { diffLines, diffPolicies } from '../../lambdas/domain/policy/diff';
import type { PolicyDocument } from '../../lambdas/domain/policy/schema';
import { validatePolicy } from '../../lambdas/domain/policy/validate';
import { POLICY_VERSION_PATTERN } from '../../lambdas/domain/policy/version';
import type { CliIo } from '../cli';
import { commandLine, readJsonFile, tableFrom, type UsageProblem } from './policy-options';

export const DIFF_USAGE =
  'personvern policy diff <from> <to> [--lang nb|en] [--json] [--table <name>]   (a file or a published version each)';

class Unreachable extends Error {}

export async function runDiff(args: string[], io: CliIo, usage: UsageProblem): Promise<number> {
  const parsed = commandLine(args, {
    lang: { type: 'string' },
    json: { type: 'boolean' },
    table: { type: 'string' },
  });
  if ('problem' in parsed) return usage(parsed.problem);
  const [from, to, ...extra] = parsed.positionals;
  if (from === undefined || to === undefined) return usage('diff needs two versions: <from> <to>');
  if (extra.length > 0) return usage(`unexpected argument ${extra[0]}`);
  const lang = parsed.values.lang ?? 'nb';
  if (lang !== 'nb' && lang !== 'en') return usage('--lang is nb or en');

  const client = new DynamoDBClient({});
  try {
    const table = tableFrom(parsed.values.table);
    const store =
      table === undefined ? undefined : new DynamoPolicyVersions(DynamoDBDocumentClient.from(client), table);
    const load = async (side: string): Promise<PolicyDocument | undefined> => {
      if (!POLICY_VERSION_PATTERN.test(side)) {
        const input = await readJsonFile(side, io);
        if (input === undefined) return undefined;
        const result = validatePolicy(input);
        if (result.ok) return result.policy;
        io.err(`✖ ${side}: ${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}`);
        for (const issue of result.issues) io.err(issue);
        return undefined;
      }
      if (store !== undefined) {
        let stored: Awaited<ReturnType<DynamoPolicyVersions['get']>>;
        try {
          stored = await store.get(side);
        } catch (error) {
          throw new Unreachable(
            `cannot reach the versions in table ${table} (${error instanceof Error ? error.message : String(error)})`,
          );
        }
        if (stored !== undefined) return JSON.parse(stored.documentJson) as PolicyDocument;
      }
      if (side === bundledPolicy.version) return bundledPolicy;
      io.err(
        store === undefined
          ? `✖ version ${side}: not the bundled version; pass --table <name> or set PERSONVERN_TABLE to read published ones`
          : `✖ version ${side}: no such published version`,
      );
      return undefined;
    };
    const before = await load(from);
    const after = await load(to);
    if (before === undefined || after === undefined) return 1;
    const diff = diffPolicies(before, after);
    if (parsed.values.json === true) io.out(JSON.stringify(diff, null, 2));
    else for (const line of diffLines(diff, lang)) io.out(line);
    return 0;
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    io.err(`personvern policy: ${error.message}`);
    return 3;
  } finally {
    client.destroy();
  }
}
