/**
 * The staff API's reads: the requests of some companies (newest first, through the RequestsByController
 * index), and everything about one request in one Query of its partition: the request, its tasks,
 * findings, retention decisions and audit events. Task tokens never leave this module.
 */
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { BY_SUBJECT_INDEX, REQUESTS_BY_CONTROLLER_INDEX } from '../../config/table-indexes';
import type { AuditEvent } from '../../domain/audit/chain';
import type { RequestRecord } from '../../domain/requests/record';
import type { Finding } from '../../domain/workflow/findings';
import type { CategoryDecision } from '../../domain/workflow/legal-hold';
import type { StaffTask } from '../../domain/workflow/tasks';
import { toEvent } from './dynamo-audit-trail';
import { parseFinding, parseRetention, parseStaffTask } from './item-schemas';
import { isStorableId, keys } from './keys';
import { type Item, queryAll } from './query-all';
import { parseRequestRecord } from './request-item-schemas';

export interface RequestFile {
  readonly request: RequestRecord;
  readonly tasks: StaffTask[];
  readonly findings: Finding[];
  readonly retention: readonly CategoryDecision[];
  readonly events: AuditEvent[];
}

const SECRET_FIELDS = [
  'taskToken',
  'statusTokenHashes',
  'verification',
  'openController',
  'openTaskController',
  'requestController',
  'subjectHash',
];

export class DynamoStaffQueries {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The newest requests of each company, at most `limit` each, merged newest first. */
  async listRequests(controllerIds: readonly string[], limit = 200): Promise<RequestRecord[]> {
    const pages = await Promise.all(
      controllerIds.map(async (controllerId) => {
        const { Items } = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: REQUESTS_BY_CONTROLLER_INDEX,
            KeyConditionExpression: 'requestController = :c',
            ExpressionAttributeValues: { ':c': controllerId },
            ScanIndexForward: false,
            Limit: limit,
          }),
        );
        return (Items ?? []).map(toRequest);
      }),
    );
    return pages.flat().sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  }

  /**
   * The requests about one person (by the hash of their email) among these companies, newest first: one Query
   * of the subject index, whose other items (messages, holds, suppressions) are left out.
   */
  async requestsAbout(subject: string, controllerIds: readonly string[]): Promise<RequestRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: BY_SUBJECT_INDEX,
      KeyConditionExpression: 'subjectHash = :subject',
      FilterExpression: 'kind = :request',
      ExpressionAttributeValues: { ':subject': subject, ':request': 'request' },
    });
    return items
      .filter((item) => controllerIds.includes(String(item.controllerId)))
      .map(toRequest)
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  }

  async requestFile(requestId: string): Promise<RequestFile | undefined> {
    if (!isStorableId(requestId)) return undefined;
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.request(requestId).pk },
      ConsistentRead: true,
    });
    const requestItem = items.find((item) => item.sk === 'REQUEST' && item.kind === 'request');
    if (requestItem === undefined) return undefined;
    const of = (prefix: string) => items.filter((item) => String(item.sk).startsWith(prefix)).map(clean);
    return {
      request: toRequest(requestItem),
      tasks: of('TASK#').map(parseStaffTask),
      findings: of('FINDING#').map(parseFinding),
      retention: retentionOf(items.find((item) => item.sk === 'RETENTION')),
      events: items.filter((item) => String(item.sk).startsWith('AUDIT#')).map(toEvent),
    };
  }
}

/** The request as staff see it: the whole row parsed, then its keys and secrets left out. */
/** A request without a retention item has had no legal-hold check yet: no decisions. */
function retentionOf(item: Item | undefined): readonly CategoryDecision[] {
  return item === undefined ? [] : parseRetention(item).decisions;
}

function toRequest(item: Item): RequestRecord {
  const { pk: _pk, sk: _sk, ...row } = item;
  // The one cast left: RequestRecord still lists the secrets just removed, which staff code never reads.
  return clean(parseRequestRecord(row)) as unknown as RequestRecord;
}

function clean(item: Item): Item {
  const { pk: _pk, sk: _sk, ...rest } = item;
  for (const field of SECRET_FIELDS) delete rest[field];
  return rest;
}
