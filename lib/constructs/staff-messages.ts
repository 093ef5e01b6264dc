import type { IAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { StaffApiEnv } from '../../lambdas/config/environments';
import { MESSAGES_BY_CONTROLLER_INDEX } from '../../lambdas/config/table-indexes';
import { AppFunction } from './app-function';
import type { PublicApi } from './public-api';
import { grantTable } from './table-grants';

export interface StaffMessagesProps {
  readonly api: PublicApi;
  readonly authorizer: IAuthorizer;
  readonly table: ITable;
  readonly key: IKey;
}

/**
 * The contact-message inbox for staff, behind the Cognito authorizer: `GET /staff/messages` (Query on the
 * MessagesByController index only), `GET /staff/messages/{id}` (an audited view) and
 * `POST /staff/messages/{id}/handled` (once, audited). Each handler checks the caller's groups against
 * the message's company.
 */
export class StaffMessages extends Construct {
  constructor(scope: Construct, id: string, props: StaffMessagesProps) {
    super(scope, id);
    const { api, authorizer, table, key } = props;
    const fn = (fnId: string, file: string, description: string) =>
      new AppFunction(this, fnId, {
        entry: `lambdas/handlers/staff/${file}.ts`,
        description: `Staff API: ${description}`,
        envSchema: StaffApiEnv,
        environment: { TABLE_NAME: table.tableName },
        reservedConcurrentExecutions: 5,
        logKey: key,
      });

    const list = fn('ListMessages', 'list-messages', 'GET /staff/messages');
    // Query on the one index it reads, not on the table or its other indexes.
    Grant.addToPrincipal({
      grantee: list,
      actions: ['dynamodb:Query'],
      resourceArns: [`${table.tableArn}/index/${MESSAGES_BY_CONTROLLER_INDEX}`],
    });
    key.grant(list, 'kms:Decrypt', 'kms:DescribeKey');
    api.addStaffRoute('GET', 'staff/messages', list, authorizer);

    // GetItem (the message), PutItem and Query (its audit trail).
    const detail = fn('GetMessage', 'get-message', 'GET /staff/messages/{id} (an audited view)');
    grantTable(table, key, detail, ['GetItem', 'PutItem', 'Query']);
    api.addStaffRoute('GET', 'staff/messages/{id}', detail, authorizer);

    // GetItem, UpdateItem (handled, once), PutItem and Query (the audit trail).
    const handle = fn('HandleMessage', 'handle-message', 'POST /staff/messages/{id}/handled (once)');
    grantTable(table, key, handle, ['GetItem', 'UpdateItem', 'PutItem', 'Query']);
    api.addStaffRoute('POST', 'staff/messages/{id}/handled', handle, authorizer);
  }
}
