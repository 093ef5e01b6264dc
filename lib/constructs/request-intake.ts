import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  DownloadEnv,
  PostRequestEnv,
  RequesterMailEnv,
  RequestStatusEnv,
  VerifyRequestEnv,
} from '../../lambdas/config/environments';
import { AppFunction } from './app-function';
import { grantBucket } from './bucket-grants';
import type { EmailSending } from './email-sending';
import type { PseudonymKey } from './pseudonym-key';
import type { PublicApi } from './public-api';
import { grantTable } from './table-grants';
import { encryptedWorkflow, grantStartEncrypted, grantTaskResponseEncrypted } from './workflow-grants';

export interface RequestIntakeProps {
  readonly api: PublicApi;
  readonly table: ITable;
  readonly key: IKey;
  readonly email: EmailSending;
  readonly publicBaseUrl: string;
  /** The request workflow: intake starts it, verification resumes it. */
  readonly workflow: StateMachine;
  /** Where the workflow leaves access exports (`requests/<id>/export.zip`). */
  readonly exports: IBucket;
  readonly pseudonymKey: PseudonymKey;
  /** The organisation's name as the saved export's file-name prefix (domain/export/file-name.ts). */
  readonly exportFilePrefix: string;
  /** Whether requesters may choose ID-porten (the EidSignIn construct serves its routes). */
  readonly eidOffered?: boolean;
}

/**
 * `POST /requests` and the requester's own routes (verify, resend, status). The workflow they start and
 * resume is `RequestWorkflow`'s.
 */
export class RequestIntake extends Construct {
  constructor(scope: Construct, id: string, props: RequestIntakeProps) {
    super(scope, id);
    const { table, key, workflow } = props;
    const mail = {
      MAIL_FROM: props.email.mailFrom,
      SES_CONFIGURATION_SET: props.email.configurationSet.configurationSetName,
    };
    const route = { TABLE_NAME: table.tableName, PUBLIC_BASE_URL: props.publicBaseUrl };
    const eid = props.eidOffered ? { EID_OFFERED: 'true' as const } : {};

    const intake = new AppFunction(this, 'PostRequest', {
      entry: 'lambdas/handlers/api/post-request.ts',
      description: 'POST /requests: validates, stores once and starts the request workflow',
      envSchema: PostRequestEnv,
      environment: {
        ...route,
        REQUEST_WORKFLOW_ARN: workflow.stateMachineArn,
        ...props.pseudonymKey.environment,
        ...eid,
        ...props.api.websiteEnvironment,
      },
      reservedConcurrentExecutions: 20,
      logKey: key,
    });
    // Requests, duplicate locks, rate counters and idempotency records: all single-item writes.
    // Query: the published policy versions, for the version a notice consent is given under.
    grantTable(table, key, intake, ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query']);
    grantStartEncrypted(encryptedWorkflow(workflow), intake);
    props.pseudonymKey.grantUse(intake);
    // The website's scripts post here too (CORS for its origins only).
    props.api.addWebsiteRoute('requests', intake);

    const verifier = new AppFunction(this, 'VerifyRequest', {
      entry: 'lambdas/handlers/api/verify-request.ts',
      description: 'POST and GET /requests/{id}/verify: checks a one-time code and resumes the workflow',
      envSchema: VerifyRequestEnv,
      environment: { ...route, ...props.pseudonymKey.environment, ...eid },
      reservedConcurrentExecutions: 10,
      logKey: key,
    });
    grantTable(table, key, verifier, ['GetItem', 'UpdateItem']);
    props.pseudonymKey.grantUse(verifier);
    grantTaskResponseEncrypted(encryptedWorkflow(workflow), verifier);
    props.api.addPublicRoute('POST', 'requests/{id}/verify', verifier);
    props.api.addPublicRoute('GET', 'requests/{id}/verify', verifier);

    const resender = new AppFunction(this, 'ResendCode', {
      entry: 'lambdas/handlers/api/resend-code.ts',
      description: 'POST /requests/{id}/resend: emails a new one-time code, rate-limited',
      envSchema: RequesterMailEnv,
      environment: { ...route, ...mail },
      reservedConcurrentExecutions: 5,
      logKey: key,
    });
    grantTable(table, key, resender, ['GetItem', 'UpdateItem']);
    props.email.grantSend(resender);
    props.api.addPublicRoute('POST', 'requests/{id}/resend', resender);

    const status = new AppFunction(this, 'GetRequestStatus', {
      entry: 'lambdas/handlers/api/get-request-status.ts',
      description: 'GET /requests/{id}/status: the requester’s view behind the secret token',
      envSchema: RequestStatusEnv,
      environment: { ...route, ...eid },
      reservedConcurrentExecutions: 10,
      logKey: key,
    });
    grantTable(table, key, status, ['GetItem']);
    props.api.addPublicRoute('GET', 'requests/{id}/status', status);

    const download = new AppFunction(this, 'DownloadExport', {
      entry: 'lambdas/handlers/api/download-export.ts',
      description: 'POST /requests/{id}/download: a fresh code by email, then a 15-minute download URL',
      envSchema: DownloadEnv,
      environment: {
        ...route,
        ...mail,
        EXPORT_BUCKET: props.exports.bucketName,
        EXPORT_FILE_PREFIX: props.exportFilePrefix,
      },
      reservedConcurrentExecutions: 5,
      logKey: key,
    });
    // Get and UpdateItem for the code; Query and PutItem to append to the audit trail.
    grantTable(table, key, download, ['GetItem', 'UpdateItem', 'Query', 'PutItem']);
    props.email.grantSend(download);
    // The presigned URL acts with this role: GetObject on the request exports, nothing else. ListBucket
    // (on `requests/` only) makes S3 answer a missing export with 404 instead of 403, so an expired export
    // reads as gone while a 403 still means a missing grant.
    grantBucket(props.exports, key, download.executionRole, ['GetObject', 'ListBucket'], 'requests');
    props.api.addPublicRoute('POST', 'requests/{id}/download', download);
  }
}
