import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DownloadStore } from '../../domain/requests/download';
import type { VerificationState } from '../../domain/requests/record';
import { keys } from './keys';

/** Download codes on the request item (`download`), each change one conditional write. */
export class DynamoDownloads implements DownloadStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  issue(requestId: string, state: VerificationState, issuedBefore: string): Promise<boolean> {
    return this.update(
      requestId,
      'SET download = :state',
      '#status = :completed AND (attribute_not_exists(download) OR download.issuedAt <= :before)',
      { ':state': state, ':completed': 'completed', ':before': issuedBefore },
    );
  }

  recordWrong(requestId: string, codeHash: string, attemptsLeftBefore: number): Promise<boolean> {
    return this.update(
      requestId,
      'SET download.attemptsLeft = :after',
      'download.codeHash = :hash AND download.attemptsLeft = :before',
      { ':after': attemptsLeftBefore - 1, ':hash': codeHash, ':before': attemptsLeftBefore },
    );
  }

  use(requestId: string, codeHash: string): Promise<boolean> {
    return this.update(
      requestId,
      'REMOVE download.codeHash',
      'download.codeHash = :hash AND download.attemptsLeft > :zero',
      { ':hash': codeHash, ':zero': 0 },
    );
  }

  private async update(
    requestId: string,
    update: string,
    condition: string,
    values: Record<string, unknown>,
  ) {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.request(requestId),
          UpdateExpression: update,
          ConditionExpression: condition,
          ...(condition.includes('#status') ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
