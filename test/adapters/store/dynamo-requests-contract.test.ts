import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoRequests } from '../../../lambdas/adapters/store/dynamo-requests';
import { keys } from '../../../lambdas/adapters/store/keys';
import { useTestTables } from './dynalite-table';
import { type RequestStoreFixture, requestStoreContract } from './request-store-contract';

describe('Class: DynamoRequests (the shared contract, on dynalite)', () => {
  let fixture: RequestStoreFixture;

  useTestTables((database, table) => {
    fixture = {
      store: new DynamoRequests(database.documents, table),
      async lock(dedupeKey) {
        const item = await database.rawItem(table, keys.duplicateLock(dedupeKey));
        return item === undefined
          ? undefined
          : { requestId: String(item.requestId), until: String(item.until) };
      },
      openRequestIds: (controllerId) => database.openRequestIds(table, controllerId),
      async withholdRequest(id) {
        const item = await database.rawItem(table, keys.request(id));
        if (item === undefined) throw new Error(`No request ${id} to withhold`);
        await database.documents.send(new DeleteCommand({ TableName: table, Key: keys.request(id) }));
        return async () => {
          await database.documents.send(new PutCommand({ TableName: table, Item: item }));
        };
      },
    };
  });

  requestStoreContract(() => fixture);
});
