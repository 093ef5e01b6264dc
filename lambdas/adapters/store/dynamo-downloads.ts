import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DownloadState, DownloadStore } from '../../domain/requests/download';
import { updateRequestIf } from './update-request-if';

/** Download codes on the request item (`download`), each change one conditional write. */
export class DynamoDownloads implements DownloadStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  issue(requestId: string, state: DownloadState, issuedBefore: string): Promise<boolean> {
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

  private update(requestId: string, update: string, condition: string, values: Record<string, unknown>) {
    return updateRequestIf(this.client, this.tableName, requestId, update, condition, values);
  }
}
