import type { IAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { StaffApiEnv } from '../../lambdas/config/environments';
import { AppFunction } from './app-function';
import type { PublicApi } from './public-api';
import { grantTable } from './table-grants';

export interface PolicyPublishingProps {
  readonly api: PublicApi;
  readonly authorizer: IAuthorizer;
  readonly table: ITable;
  readonly key: IKey;
}

/**
 * `POST /staff/policy/versions`: the privacy officer publishes a policy version (validated, refused when
 * older, duplicate or back-dated, audited); the public routes in PolicyService serve it from its effective
 * date. The CLI (`personvern policy publish`) does the same with the operator's own AWS credentials.
 */
export class PolicyPublishing extends Construct {
  readonly publishFunction: AppFunction<typeof StaffApiEnv>;

  constructor(scope: Construct, id: string, props: PolicyPublishingProps) {
    super(scope, id);
    const { api, authorizer, table, key } = props;
    this.publishFunction = new AppFunction(this, 'PublishVersion', {
      entry: 'lambdas/handlers/policy/publish-version.ts',
      description: 'Staff API: POST /staff/policy/versions (privacy officer only, audited)',
      envSchema: StaffApiEnv,
      environment: { TABLE_NAME: table.tableName },
      memorySize: 512,
      reservedConcurrentExecutions: 2,
      logKey: key,
    });
    // Query and GetItem (the versions and the audit trail's last event), PutItem (the version, the event).
    grantTable(table, key, this.publishFunction, ['GetItem', 'PutItem', 'Query']);
    api.addStaffRoute('POST', 'staff/policy/versions', this.publishFunction, authorizer);
  }
}
