/**
 * Staff tasks in the single table, in their request's partition. The task token is stored on the item
 * while the task is open and is never returned by `get` or `list…`: only `decide` hands it to the caller
 * that resumes the workflow, and `markResumed` removes it.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { OPEN_TASKS_INDEX } from '../../config/table-indexes';
import type { IssuedUpload, IssuedUploadStore } from '../../domain/staff/uploads';
import type { StaffDecision, StaffTask } from '../../domain/workflow/tasks';
import { parseStaffTask } from './item-schemas';
import { isStorableId, keys } from './keys';
import { queryAll } from './query-all';

export type DecideResult =
  | { readonly decided: true; readonly task: StaffTask; readonly taskToken: string }
  | { readonly decided: false; readonly task: StaffTask | undefined };

/**
 * `<requestId>.<type>[.<system or stage>]`: request ids (UUIDs) have no dots, so the request id is the part
 * before the first one, and no index is needed to find a task.
 */
export const requestIdOfTask = (taskId: string) => taskId.slice(0, Math.max(0, taskId.indexOf('.')));

export class DynamoStaffTasks {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Opens a task; a retry of the same callback state (same task id) is a no-op. */
  async open(task: StaffTask, taskToken: string): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.staffTask(task.requestId, task.taskId),
            kind: 'staff-task',
            ...task,
            taskToken,
            openTaskController: task.controllerId,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async get(taskId: string): Promise<StaffTask | undefined> {
    const requestId = requestIdOfTask(taskId);
    if (requestId === '' || !isStorableId(taskId)) return undefined;
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk = :sk',
        ExpressionAttributeValues: keyValues(keys.staffTask(requestId, taskId)),
        ConsistentRead: true,
      }),
    );
    return Items?.[0] === undefined ? undefined : toTask(Items[0]);
  }

  async listForRequest(requestId: string): Promise<StaffTask[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :task)',
      ExpressionAttributeValues: { ':pk': keys.request(requestId).pk, ':task': 'TASK#' },
      ConsistentRead: true,
    });
    return items.map(toTask);
  }

  /** Open tasks of these companies, oldest first. */
  async listOpen(controllerIds: readonly string[]): Promise<StaffTask[]> {
    const perController = await Promise.all(
      controllerIds.map((controllerId) =>
        queryAll(this.client, {
          TableName: this.tableName,
          IndexName: OPEN_TASKS_INDEX,
          KeyConditionExpression: 'openTaskController = :controller',
          ExpressionAttributeValues: { ':controller': controllerId },
        }),
      ),
    );
    return perController
      .flat()
      .map(toTask)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Decides an open task once; a second or concurrent decision gets `decided: false`. */
  async decide(task: StaffTask, decision: StaffDecision, by: string, at: string): Promise<DecideResult> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.staffTask(task.requestId, task.taskId),
          UpdateExpression:
            'SET #status = :decided, decision = :decision, decidedBy = :by, decidedAt = :at REMOVE openTaskController',
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':decided': 'decided',
            ':open': 'open',
            ':decision': decision,
            ':by': by,
            ':at': at,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const item = Attributes ?? {};
      return { decided: true, task: toTask(item), taskToken: String(item.taskToken) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return { decided: false, task: await this.get(task.taskId) };
    }
  }

  /** Undoes a decision the workflow could not be told about, so staff can decide again. */
  async reopen(task: StaffTask): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.staffTask(task.requestId, task.taskId),
        UpdateExpression:
          'SET #status = :open, openTaskController = controllerId REMOVE decision, decidedBy, decidedAt',
        ConditionExpression: '#status = :decided AND attribute_exists(taskToken)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':open': 'open', ':decided': 'decided' },
      }),
    );
  }

  async markResumed(task: StaffTask, at: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.staffTask(task.requestId, task.taskId),
        UpdateExpression: 'SET resumedAt = :at REMOVE taskToken',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async countInfoRequest(task: StaffTask): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.staffTask(task.requestId, task.taskId),
        UpdateExpression: 'ADD infoRequests :one',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':open': 'open' },
      }),
    );
  }
}

function keyValues(key: { pk: string; sk: string }) {
  return { ':pk': key.pk, ':sk': key.sk };
}

function toTask(item: Record<string, unknown>): StaffTask {
  const {
    pk: _pk,
    sk: _sk,
    kind: _kind,
    taskToken: _token,
    openTaskController: _open,
    resumedAt: _r,
    ...task
  } = item;
  return parseStaffTask(task);
}

/**
 * The upload keys handed out with presigned PUTs, one item each in the request's partition
 * (`UPLOAD#<key>`), so a decision finds its key with one consistent GetItem of exactly that string.
 */
export class DynamoIssuedUploads implements IssuedUploadStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(upload: IssuedUpload): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.issuedUpload(upload.requestId, upload.key), kind: 'issued-upload', ...upload },
        // Keys carry a random UUID: an existing item would be a bug, never to be overwritten.
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async find(requestId: string, key: string): Promise<IssuedUpload | undefined> {
    if (!isStorableId(requestId)) return undefined;
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.issuedUpload(requestId, key),
        ConsistentRead: true,
      }),
    );
    if (Item === undefined || Item.kind !== 'issued-upload') return undefined;
    return {
      requestId: String(Item.requestId),
      systemId: String(Item.systemId),
      key: String(Item.key),
      issuedAt: String(Item.issuedAt),
      issuedBy: String(Item.issuedBy),
    };
  }
}
