import { DynamoRateLimiter } from '../../../lambdas/adapters/store/dynamo-rate-limiter';
import { testPseudonyms } from '../../support/pseudonyms';
import { useTestTables } from './dynalite-table';
import { rateLimiterContract } from './rate-limiter-contract';

describe('Class: DynamoRateLimiter (the shared contract, on dynalite)', () => {
  let limiter: DynamoRateLimiter;

  useTestTables((database, table) => {
    limiter = new DynamoRateLimiter(database.documents, table, testPseudonyms);
  });

  rateLimiterContract(() => limiter);
});
