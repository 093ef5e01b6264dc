/**
 * The audit trail in the single table. Each event is one item in its request's partition
 * (`pk = REQUEST#<id>`, `sk = AUDIT#<seq padded to 8 digits>`), so one Query can read a request together
 * with its timeline, and the sort key keeps the events in order. The item is the event itself
 * (`domain/audit/chain.ts`) plus the two keys: nothing else, so what is stored is exactly what is hashed.
 *
 * Appending reads the request's last event (one consistent Query, newest first, Limit 1), chains the new
 * event onto it, and writes it with a conditional Put that only succeeds if that seq is still free. Two
 * writers racing for the same seq cannot both win: the loser reads the new last event and tries again,
 * after a short random pause so that a crowd of writers spreads out.
 *
 * Append-only: this class has no method that changes or removes an event. The table enforces nothing of
 * the kind by itself, so on AWS whoever grants access keeps it that way: functions that write audit
 * events get `dynamodb:PutItem` and `dynamodb:Query` on the table (`grantTable(table, key, fn, ['PutItem',
 * 'Query'])`, lib/constructs/table-grants.ts), and never `UpdateItem` or `DeleteItem` for this purpose. IAM conditions cannot tell sort keys apart, so a function
 * that may update a request item could technically update an audit item too; such a change, like one made
 * by hand in the console, is what the hash chain makes evident (`npx personvern audit verify <id>`).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type AuditEvent, type AuditEventInput, chainEvent } from '../../domain/audit/chain';
import type { AuditTrail } from '../../domain/audit/trail';
import { parseAuditEvent } from './item-schemas';
import { AUDIT_EVENT_PREFIX, keys } from './keys';

export interface DynamoAuditTrailOptions {
  /** How many times `append` tries before giving up on a busy trail. */
  readonly maxAttempts?: number;
  /** The first pause after a lost race; each further pause may be twice as long (full jitter, capped). */
  readonly backoffMs?: number;
  /** Items per Query page in `list` (DynamoDB's own 1 MB limit applies too). */
  readonly pageSize?: number;
}

/** `append` lost the race for the next seq too many times in a row. */
export class AuditTrailBusyError extends Error {
  override readonly name = 'AuditTrailBusyError';
}

const MAX_BACKOFF_MS = 1_000;

export class DynamoAuditTrail implements AuditTrail {
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly pageSize: number | undefined;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: DynamoAuditTrailOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 12;
    this.backoffMs = options.backoffMs ?? 10;
    this.pageSize = options.pageSize;
  }

  async append(requestId: string, input: AuditEventInput, at: string): Promise<AuditEvent> {
    for (let attempt = 1; ; attempt++) {
      const last = await this.lastItem(requestId);
      const event = chainEvent(requestId, last === undefined ? undefined : toEvent(last), input, at);
      // A trail whose request's records are set to expire (domain/workflow/request-records.ts) expires whole:
      // an event appended later, such as a staff view of the closed request, goes with the rest.
      const expiry = typeof last?.expiresAt === 'number' ? { expiresAt: last.expiresAt } : {};
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...keys.auditEvent(requestId, event.seq), ...event, ...expiry },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return event;
      } catch (error) {
        // Another event took this seq between our read and our write: read the new last event, try again.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        if (attempt >= this.maxAttempts) {
          throw new AuditTrailBusyError(
            `The audit trail of request ${requestId} kept changing (${attempt} attempts); try again`,
            { cause: error },
          );
        }
        await pause(Math.random() * Math.min(MAX_BACKOFF_MS, this.backoffMs * 2 ** attempt));
      }
    }
  }

  async list(requestId: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          ...this.auditQuery(requestId),
          ScanIndexForward: true,
          ...(this.pageSize === undefined ? {} : { Limit: this.pageSize }),
          ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
        }),
      );
      for (const item of page.Items ?? []) events.push(toEvent(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return events;
  }

  private async lastItem(requestId: string): Promise<Record<string, unknown> | undefined> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({ ...this.auditQuery(requestId), ScanIndexForward: false, Limit: 1 }),
    );
    return Items[0];
  }

  private auditQuery(requestId: string) {
    return {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.request(requestId).pk, ':prefix': AUDIT_EVENT_PREFIX },
      ConsistentRead: true,
    };
  }
}

/**
 * The event as stored: the item without its keys and the table's TTL attribute, which the purge step sets
 * on a closed request's items (domain/workflow/request-records.ts) and which is storage, not the event. Any
 * other attribute stays, so verification sees it.
 */
export function toEvent(item: Record<string, unknown>): AuditEvent {
  const { pk: _pk, sk: _sk, expiresAt: _expiresAt, ...event } = item;
  return parseAuditEvent(event);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
