import { type CfnElement, Stack } from 'aws-cdk-lib';
import type { IAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type * as z from 'zod';
import {
  StaffApiEnv,
  StaffExportEnv,
  StaffMailEnv,
  StaffSubjectEnv,
  StaffUploadEnv,
} from '../../lambdas/config/environments';
import { AppFunction } from './app-function';
import { acknowledgeIndexQueries, grantBucket } from './bucket-grants';
import type { EmailSending } from './email-sending';
import type { PseudonymKey } from './pseudonym-key';
import type { PublicApi } from './public-api';
import { grantTable } from './table-grants';
import { encryptedWorkflow, grantTaskResponseEncrypted } from './workflow-grants';

export interface StaffApiProps {
  readonly api: PublicApi;
  readonly authorizer: IAuthorizer;
  readonly table: ITable;
  readonly key: IKey;
  readonly email: EmailSending;
  readonly exports: IBucket;
  readonly workflow: StateMachine;
  readonly pseudonymKey: PseudonymKey;
}

/**
 * `/staff/…`: the routes the console uses, behind the Cognito authorizer. Each handler also checks the
 * caller's groups against the company of what it reads (lambdas/domain/staff/access.ts).
 */
export class StaffApi extends Construct {
  constructor(scope: Construct, id: string, props: StaffApiProps) {
    super(scope, id);
    const { table, key, api, authorizer } = props;
    const tableId = Stack.of(this).getLogicalId(table.node.defaultChild as CfnElement);
    const fn = <Env extends z.core.$ZodType<Record<string, string>>>(
      fnId: string,
      file: string,
      description: string,
      envSchema: Env,
      environment: z.input<Env>,
    ) =>
      new AppFunction(this, fnId, {
        entry: `lambdas/handlers/staff/${file}.ts`,
        description: `Staff API: ${description}`,
        envSchema,
        environment,
        reservedConcurrentExecutions: 5,
        logKey: key,
      });
    const base = { TABLE_NAME: table.tableName };
    // The routes that find people by address: the search, the request view's holds, the holds.
    const bySubject = { ...base, ...props.pseudonymKey.environment };

    const list = fn('ListRequests', 'list-requests', 'GET /staff/requests', StaffSubjectEnv, bySubject);
    props.pseudonymKey.grantUse(list);
    // PutItem: a search by a requester's email records itself in each request it finds.
    grantTable(table, key, list, ['Query', 'PutItem'], { indexes: true });
    acknowledgeIndexQueries(tableId, list.executionRole);
    api.addStaffRoute('GET', 'staff/requests', list, authorizer);

    const detail = fn(
      'GetRequest',
      'get-request',
      'GET /staff/requests/{id} (an audited view)',
      StaffSubjectEnv,
      bySubject,
    );
    props.pseudonymKey.grantUse(detail);
    grantTable(table, key, detail, ['Query', 'PutItem'], { indexes: true });
    acknowledgeIndexQueries(tableId, detail.executionRole);
    api.addStaffRoute('GET', 'staff/requests/{id}', detail, authorizer);

    const audit = fn('VerifyAudit', 'verify-audit', 'GET /staff/requests/{id}/audit', StaffApiEnv, base);
    grantTable(table, key, audit, ['GetItem', 'Query']);
    api.addStaffRoute('GET', 'staff/requests/{id}/audit', audit, authorizer);

    const tasks = fn('ListTasks', 'list-tasks', 'GET /staff/tasks', StaffApiEnv, base);
    grantTable(table, key, tasks, ['Query'], { indexes: true });
    acknowledgeIndexQueries(tableId, tasks.executionRole);
    api.addStaffRoute('GET', 'staff/tasks', tasks, authorizer);

    const decide = fn('DecideTask', 'decide-task', 'POST /staff/tasks/{taskId}', StaffMailEnv, {
      ...base,
      MAIL_FROM: props.email.mailFrom,
      SES_CONFIGURATION_SET: props.email.configurationSet.configurationSetName,
    });
    grantTable(table, key, decide, ['GetItem', 'Query', 'PutItem', 'UpdateItem']);
    grantTaskResponseEncrypted(encryptedWorkflow(props.workflow), decide);
    props.email.grantSend(decide);
    api.addStaffRoute('POST', 'staff/tasks/{taskId}', decide, authorizer);

    const holds = fn(
      'Holds',
      'holds',
      'GET|POST /staff/holds, DELETE /staff/holds/{holdId}',
      StaffSubjectEnv,
      bySubject,
    );
    props.pseudonymKey.grantUse(holds);
    grantTable(table, key, holds, ['PutItem', 'UpdateItem', 'Query']);
    api.addStaffRoute('GET', 'staff/holds', holds, authorizer);
    api.addStaffRoute('POST', 'staff/holds', holds, authorizer);
    api.addStaffRoute('DELETE', 'staff/holds/{holdId}', holds, authorizer);

    const uploads = fn('UploadUrl', 'upload-url', 'POST /staff/requests/{id}/uploads', StaffUploadEnv, {
      ...base,
      EXPORT_BUCKET: props.exports.bucketName,
      DATA_KEY_ARN: key.keyArn,
    });
    grantTable(table, key, uploads, ['GetItem', 'Query', 'PutItem']);
    grantBucket(props.exports, key, uploads.executionRole, ['PutObject'], 'uploads');
    api.addStaffRoute('POST', 'staff/requests/{id}/uploads', uploads, authorizer);

    const preview = fn(
      'ExportPreview',
      'export-preview',
      'GET /staff/requests/{id}/export-preview (an audited view)',
      StaffExportEnv,
      { ...base, EXPORT_BUCKET: props.exports.bucketName },
    );
    grantTable(table, key, preview, ['GetItem', 'Query', 'PutItem']);
    grantBucket(props.exports, key, preview.executionRole, ['GetObject', 'ListBucket'], 'requests');
    api.addStaffRoute('GET', 'staff/requests/{id}/export-preview', preview, authorizer);
  }
}
