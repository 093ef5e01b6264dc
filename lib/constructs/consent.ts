import type { IAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ConsentRecordsEnv } from '../../lambdas/config/consent-environments';
import { StaffApiEnv } from '../../lambdas/config/environments';
import { POLICY_TABLE_VARIABLE } from '../../lambdas/config/policy-environment';
import { AppFunction } from './app-function';
import type { PseudonymKey } from './pseudonym-key';
import type { PublicApi } from './public-api';
import { grantTable } from './table-grants';

export interface ConsentProps {
  readonly api: PublicApi;
  readonly authorizer: IAuthorizer;
  readonly table: ITable;
  readonly key: IKey;
  readonly pseudonymKey: PseudonymKey;
}

/**
 * Cookie consent on the website, built from the policy's trackers (docs/consent.md):
 *
 * - `GET /consent.js` (the banner) and `GET /consent/demo` (a page of the website to watch it on): read the
 *   published policy versions (GetItem, Query), nothing else;
 * - `POST /consent` (a choice), `GET`/`DELETE /consent/{consentId}` and `POST /consent/{consentId}/erase`
 *   (the visitor's access and erasure): the records, the day counts and the rate counters;
 * - `GET /staff/consent/summary` (the privacy officer): Query on the day counts.
 *
 * The public routes sit behind the API's WAF and stage throttling like the forms; the records are also limited
 * per client address in the table.
 */
export class Consent extends Construct {
  constructor(scope: Construct, id: string, props: ConsentProps) {
    super(scope, id);
    const { api, authorizer, table, key, pseudonymKey } = props;

    const script = new AppFunction(this, 'GetConsentScript', {
      entry: 'lambdas/handlers/api/get-consent-script.ts',
      description: 'GET /consent.js (the cookie banner, from the policy in effect) and GET /consent/demo',
      memorySize: 256,
      reservedConcurrentExecutions: 20,
      logKey: key,
    });
    // The published policy versions (the catalogue), read as the policy function reads them.
    script.addEnvironment(POLICY_TABLE_VARIABLE, table.tableName);
    grantTable(table, key, script, ['GetItem', 'Query']);
    api.addPublicRoute('GET', 'consent.js', script);
    api.addPublicRoute('GET', 'consent/demo', script);

    const records = new AppFunction(this, 'ConsentRecords', {
      entry: 'lambdas/handlers/api/consent-records.ts',
      description: 'POST /consent; GET, DELETE /consent/{consentId}; POST /consent/{consentId}/erase',
      envSchema: ConsentRecordsEnv,
      environment: { TABLE_NAME: table.tableName, ...pseudonymKey.environment },
      reservedConcurrentExecutions: 20,
      logKey: key,
    });
    // PutItem: a record (conditional). GetItem: a replayed one, and policy versions. UpdateItem: the count
    // claim, the day's counts (ADD) and the rate counter. Query: a visitor's records, and the policy versions.
    // DeleteItem: the visitor's erasure, record by record.
    grantTable(table, key, records, ['PutItem', 'GetItem', 'UpdateItem', 'Query', 'DeleteItem']);
    pseudonymKey.grantUse(records);
    api.addPublicRoute('POST', 'consent', records);
    api.addPublicRoute('GET', 'consent/{consentId}', records);
    api.addPublicRoute('DELETE', 'consent/{consentId}', records);
    api.addPublicRoute('POST', 'consent/{consentId}/erase', records);

    const summary = new AppFunction(this, 'ConsentSummary', {
      entry: 'lambdas/handlers/staff/consent-summary.ts',
      description: 'Staff API: GET /staff/consent/summary (the privacy officer)',
      envSchema: StaffApiEnv,
      environment: { TABLE_NAME: table.tableName },
      reservedConcurrentExecutions: 5,
      logKey: key,
    });
    grantTable(table, key, summary, ['Query']);
    api.addStaffRoute('GET', 'staff/consent/summary', summary, authorizer);
  }
}
