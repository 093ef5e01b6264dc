import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ExportFileRecord } from '../../domain/workflow/data-lifetime';
import type { ExportFileStore } from '../../domain/workflow/ports';
import { updateRequestIf } from './update-request-if';

/** The export's key, size and expiry on the request item (`exportFile`), read back by the download step. */
export class DynamoExportFiles implements ExportFileStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(requestId: string, file: ExportFileRecord): Promise<void> {
    const recorded = await updateRequestIf(
      this.client,
      this.tableName,
      requestId,
      'SET exportFile = :file',
      'attribute_exists(pk)',
      { ':file': file },
    );
    if (!recorded) throw new Error(`Request ${requestId} does not exist`);
  }
}
