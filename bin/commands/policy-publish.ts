/**
 * `personvern policy publish <file> --summary "…" [--major] [--effective YYYY-MM-DD] [--by <name>] [--table <name>]`:
 * validates a policy document with the schema and stores it as a new published version, recording who
 * published it and when (lambdas/domain/policy/publish.ts). `--effective` replaces the document's own
 * `effectiveDate`; a future date schedules the version. An invalid document, a version that is not newer
 * than every published one, or a duplicate is refused with one line per problem and exit 1.
 *
 * The publisher is `--by`, or else `cli:<your login name>`. The table and the AWS SDK environment are found
 * as for `personvern audit verify` (--table or PERSONVERN_TABLE; exit 3 when the table cannot be reached).
 */
import { userInfo } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bundledPolicy } from '../../lambdas/adapters/policy/bundled-policy';
import { DynamoPolicyVersions } from '../../lambdas/adapters/policy/dynamo-policy-versions';
import { DynamoAuditTrail } from '../../lambdas/adapters/store/dynamo-audit-trail';
import { publishPolicyVersion } from '../../lambdas/domain/policy/publish';
import { seedVersion } from '../../lambdas/domain/policy/versions';
import type { CliIo } from '../cli';
import {
  commandLine,
  readJsonFile,
  reportStoreFailure,
  tableFrom,
  type UsageProblem,
} from './policy-options';

export const PUBLISH_USAGE =
  'personvern policy publish <file> --summary "…" [--major] [--effective YYYY-MM-DD] [--by <name>] [--table <name>]';

export async function runPublish(args: string[], io: CliIo, usage: UsageProblem): Promise<number> {
  const parsed = commandLine(args, {
    summary: { type: 'string' },
    major: { type: 'boolean' },
    effective: { type: 'string' },
    by: { type: 'string' },
    table: { type: 'string' },
  });
  if ('problem' in parsed) return usage(parsed.problem);
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) return usage('publish needs the document to publish');
  if (extra.length > 0) return usage(`unexpected argument ${extra[0]}`);
  const summary = parsed.values.summary;
  if (typeof summary !== 'string') return usage('publish needs --summary "what changed, for people to read"');
  const table = tableFrom(parsed.values.table);
  if (table === undefined) return usage('which table? Pass --table <name> or set PERSONVERN_TABLE');

  const document = await readJsonFile(file, io);
  if (document === undefined) return 1;

  const client = new DynamoDBClient({});
  const documents = DynamoDBDocumentClient.from(client);
  const by = typeof parsed.values.by === 'string' ? parsed.values.by : `cli:${userInfo().username}`;
  try {
    const info = await publishPolicyVersion(
      {
        document,
        summary,
        major: parsed.values.major === true,
        effectiveDate: typeof parsed.values.effective === 'string' ? parsed.values.effective : undefined,
      },
      { kind: 'system', id: by },
      {
        versions: new DynamoPolicyVersions(documents, table),
        seed: seedVersion(bundledPolicy),
        // The bundled document is kept in the history once something newer is published over it.
        seedDocumentJson: JSON.stringify(bundledPolicy),
        audit: new DynamoAuditTrail(documents, table),
        clock: () => new Date(),
      },
    );
    io.out(
      `✔ published ${info.version}${info.major ? ' (major)' : ''}, in effect from ${info.effectiveDate}, by ${info.publishedBy} at ${info.publishedAt}`,
    );
    return 0;
  } catch (error) {
    return reportStoreFailure(error, file, table, io);
  } finally {
    client.destroy();
  }
}
