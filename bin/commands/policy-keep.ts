/**
 * `personvern policy keep <file> [--by <name>] [--table <name>]`: stores a document that was deployed and
 * served but never stored (the bundled version before the current one, e.g. 1.0.0 once 1.1.0 is deployed)
 * as published by deployment, with its own effective date, so that the version history and the next
 * version's change page have it (lambdas/domain/policy/publish.ts, `keepDeployedVersion`). Take the document
 * as it was served: `curl <api>/v1/policy/versions/<version>.json` before the deploy, or `git show
 * <deployed commit>:policy/sterk.json`. Refused: a version newer than the bundled one, a stored one.
 */
import { userInfo } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bundledPolicy } from '../../lambdas/adapters/policy/bundled-policy';
import { DynamoPolicyVersions } from '../../lambdas/adapters/policy/dynamo-policy-versions';
import { DynamoAuditTrail } from '../../lambdas/adapters/store/dynamo-audit-trail';
import { keepDeployedVersion } from '../../lambdas/domain/policy/publish';
import { seedVersion } from '../../lambdas/domain/policy/versions';
import type { CliIo } from '../cli';
import {
  commandLine,
  readJsonFile,
  reportStoreFailure,
  tableFrom,
  type UsageProblem,
} from './policy-options';

export const KEEP_USAGE = 'personvern policy keep <file> [--by <name>] [--table <name>]';

export async function runKeep(args: string[], io: CliIo, usage: UsageProblem): Promise<number> {
  const parsed = commandLine(args, { by: { type: 'string' }, table: { type: 'string' } });
  if ('problem' in parsed) return usage(parsed.problem);
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) return usage('keep needs the document that was deployed');
  if (extra.length > 0) return usage(`unexpected argument ${extra[0]}`);
  const table = tableFrom(parsed.values.table);
  if (table === undefined) return usage('which table? Pass --table <name> or set PERSONVERN_TABLE');

  const document = await readJsonFile(file, io);
  if (document === undefined) return 1;

  const client = new DynamoDBClient({});
  const documents = DynamoDBDocumentClient.from(client);
  const by = typeof parsed.values.by === 'string' ? parsed.values.by : `cli:${userInfo().username}`;
  try {
    const info = await keepDeployedVersion(
      document,
      { kind: 'system', id: by },
      {
        versions: new DynamoPolicyVersions(documents, table),
        seed: seedVersion(bundledPolicy),
        audit: new DynamoAuditTrail(documents, table),
        clock: () => new Date(),
      },
    );
    io.out(`✔ kept ${info.version}, in effect from ${info.effectiveDate}, as deployed`);
    return 0;
  } catch (error) {
    return reportStoreFailure(error, file, table, io);
  } finally {
    client.destroy();
  }
}
