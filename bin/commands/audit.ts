/**
 * `personvern audit verify <requestId> [--table <name>]`: checks the hash chain of a request's audit trail
 * (lambdas/domain/audit/chain.ts) and prints one JSON line:
 *
 *   {"requestId":"…","ok":true,"events":12}                                 exit 0
 *   {"requestId":"…","ok":false,"brokenAt":7,"reason":"event 7 was altered: …"}  exit 1
 *
 * Exit 2 is a usage error, exit 3 means the trail could not be read (no such table, no connection, no
 * credentials): that says nothing about the chain, so it is not reported as a broken one.
 *
 * The table is `--table <name>`, or else the environment variable `PERSONVERN_TABLE`. Everything else comes
 * from the standard AWS SDK environment (region, credentials, profile). Against the local stack, `npm start`
 * prints the DynamoDB address and the table name on its `DynamoDB` line; dynalite accepts any credentials:
 *
 *   AWS_ENDPOINT_URL_DYNAMODB=http://localhost:8000 AWS_REGION=eu-north-1 \
 *   AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local PERSONVERN_TABLE=<table> \
 *   npx personvern audit verify <requestId>
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditTrail } from '../../lambdas/adapters/store/dynamo-audit-trail';
import { type AuditEvent, verifyChain } from '../../lambdas/domain/audit/chain';
import type { CliIo } from '../cli';
import { optionProblem } from './option-problem';

const USAGE = [
  'Usage: personvern audit verify <requestId> [--table <name>]',
  '  The table is --table or PERSONVERN_TABLE; region, credentials and AWS_ENDPOINT_URL_DYNAMODB come from the',
  '  AWS SDK environment (`npm start` prints the local DynamoDB address and table name).',
];

export async function run(args: string[], io: CliIo): Promise<number> {
  const usage = (problem: string) => {
    io.err(`personvern audit: ${problem}`);
    for (const line of USAGE) io.err(line);
    return 2;
  };

  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(args);
  } catch (error) {
    return usage(optionProblem(error));
  }
  const [subcommand, requestId, ...extra] = parsed.positionals;
  if (subcommand !== 'verify') {
    return usage(subcommand === undefined ? 'say what to do: verify' : `unknown subcommand ${subcommand}`);
  }
  if (requestId === undefined || requestId === '') return usage('verify needs the id of a request');
  if (extra.length > 0) return usage(`unexpected argument ${extra[0]}`);
  const table = parsed.values.table ?? process.env.PERSONVERN_TABLE;
  if (table === undefined || table === '') {
    return usage('which table? Pass --table <name> or set PERSONVERN_TABLE');
  }

  let events: AuditEvent[];
  const client = new DynamoDBClient({});
  try {
    events = await new DynamoAuditTrail(DynamoDBDocumentClient.from(client), table).list(requestId);
  } catch (error) {
    const problem = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.err(`personvern audit: cannot read the audit trail of ${requestId} from table ${table} (${problem})`);
    return 3;
  } finally {
    client.destroy();
  }

  const result = verifyChain(requestId, events);
  if (result.ok) {
    io.out(JSON.stringify({ requestId, ok: true, events: result.length }));
    if (result.length === 0) {
      io.err(
        `personvern audit: request ${requestId} has no audit events in table ${table}; is the id right?`,
      );
    }
    return 0;
  }
  io.out(JSON.stringify({ requestId, ok: false, brokenAt: result.brokenAt, reason: result.reason }));
  return 1;
}

function parseCommandLine(args: string[]) {
  return parseArgs({ args, options: { table: { type: 'string' } }, allowPositionals: true, strict: true });
}
