import { type CfnElement, Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type * as z from 'zod';
import {
  CloseUnverifiedEnv,
  CollectEnv,
  IssueVerificationEnv,
  LegalHoldEnv,
  PurgeEnv,
  RequesterMailEnv,
  RespondEnv,
  StaffNoticeEnv,
  WorkflowStepEnv,
} from '../../lambdas/config/environments';
import { AppFunction } from './app-function';
import { acknowledgeIndexQueries, grantBucket } from './bucket-grants';
import type { EmailSending } from './email-sending';
import type { PseudonymKey } from './pseudonym-key';
import { grantTable } from './table-grants';

export interface WorkflowFunctionsProps {
  readonly table: ITable;
  readonly key: IKey;
  readonly email: EmailSending;
  readonly exports: IBucket;
  readonly publicBaseUrl: string;
  readonly consoleUrl: string;
  readonly pseudonymKey: PseudonymKey;
  readonly mailchimpSecret: ISecret;
}

/** One function of the workflow: its handler file under lambdas/handlers/workflow/, and what it needs. */
interface WorkflowFunctionOptions<Env extends z.core.$ZodType<Record<string, string>>> {
  readonly id: string;
  readonly file: string;
  readonly description: string;
  readonly envSchema: Env;
  readonly environment: z.input<Env>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
}

/** The request workflow's functions by name, so a state names its function as a typed field. */
export interface WorkflowFunctions {
  readonly issueVerification: AppFunction<typeof IssueVerificationEnv>;
  readonly closeUnverified: AppFunction<typeof CloseUnverifiedEnv>;
  readonly planRequest: AppFunction<typeof WorkflowStepEnv>;
  readonly openStaffTask: AppFunction<typeof WorkflowStepEnv>;
  readonly collectFromSystem: AppFunction<typeof CollectEnv>;
  readonly checkLegalHolds: AppFunction<typeof LegalHoldEnv>;
  readonly fulfilInSystem: AppFunction<typeof CollectEnv>;
  readonly respondToRequest: AppFunction<typeof RespondEnv>;
  readonly rejectRequest: AppFunction<typeof RequesterMailEnv>;
  readonly purgeRequestData: AppFunction<typeof PurgeEnv>;
  readonly flagAttention: AppFunction<typeof StaffNoticeEnv>;
}

/**
 * Creates the workflow's functions in `scope` (so their logical ids stay those of the workflow construct),
 * each with its environment and exactly the grants its step needs.
 */
export function createWorkflowFunctions(scope: Construct, props: WorkflowFunctionsProps): WorkflowFunctions {
  const { table, key, email, exports, pseudonymKey, mailchimpSecret } = props;
  const fn = <Env extends z.core.$ZodType<Record<string, string>>>(options: WorkflowFunctionOptions<Env>) =>
    new AppFunction(scope, options.id, {
      entry: `lambdas/handlers/workflow/${options.file}.ts`,
      description: `Workflow: ${options.description}`,
      envSchema: options.envSchema,
      environment: options.environment,
      reservedConcurrentExecutions: 5,
      logKey: key,
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      ...(options.memorySize === undefined ? {} : { memorySize: options.memorySize }),
    });
  const mail = {
    MAIL_FROM: email.mailFrom,
    SES_CONFIGURATION_SET: email.configurationSet.configurationSetName,
  };
  const route = { TABLE_NAME: table.tableName, PUBLIC_BASE_URL: props.publicBaseUrl };
  const step = { TABLE_NAME: table.tableName };
  const collect = {
    ...step,
    EXPORT_BUCKET: exports.bucketName,
    DATA_KEY_ARN: key.keyArn,
    MAILCHIMP_SECRET_ID: mailchimpSecret.secretArn,
    ...pseudonymKey.environment,
  };

  const issuer = fn({
    id: 'IssueVerification',
    file: 'issue-verification',
    description: 'Issues a one-time code, stores its hash and the task token, emails the code',
    envSchema: IssueVerificationEnv,
    environment: { ...route, ...mail },
  });
  grantTable(table, key, issuer, ['GetItem', 'UpdateItem']);
  email.grantSend(issuer);
  const closer = fn({
    id: 'CloseUnverified',
    file: 'close-unverified',
    description: 'Closes a request whose email address was never confirmed, and says so',
    envSchema: CloseUnverifiedEnv,
    environment: { ...route, ...mail, ...pseudonymKey.environment },
  });
  grantTable(table, key, closer, ['GetItem', 'UpdateItem', 'DeleteItem']);
  pseudonymKey.grantUse(closer);
  email.grantSend(closer);
  const planner = fn({
    id: 'PlanRequest',
    file: 'plan-request',
    description: 'Plans a verified request: identity check, systems',
    envSchema: WorkflowStepEnv,
    environment: step,
  });
  grantTable(table, key, planner, ['GetItem', 'UpdateItem']);
  const tasks = fn({
    id: 'OpenStaffTask',
    file: 'open-staff-task',
    description: 'Opens a staff task and keeps its token',
    envSchema: WorkflowStepEnv,
    environment: step,
  });
  grantTable(table, key, tasks, ['GetItem', 'PutItem', 'Query', 'UpdateItem']);
  const collector = fn({
    id: 'CollectFromSystem',
    file: 'collect-from-system',
    description: 'Collects from one system by its handling',
    envSchema: CollectEnv,
    environment: collect,
    timeout: Duration.minutes(1),
  });
  grantTable(table, key, collector, ['GetItem', 'PutItem', 'Query'], { indexes: true });
  grantBucket(exports, key, collector.executionRole, ['PutObject'], 'requests');
  mailchimpSecret.grantRead(collector);
  pseudonymKey.grantUse(collector);
  const holds = fn({
    id: 'CheckLegalHolds',
    file: 'check-legal-holds',
    description: 'Decides erase or retain per system and category',
    envSchema: LegalHoldEnv,
    environment: { ...step, ...pseudonymKey.environment },
  });
  pseudonymKey.grantUse(holds);
  grantTable(table, key, holds, ['GetItem', 'PutItem', 'Query', 'UpdateItem'], { indexes: true });
  const fulfiller = fn({
    id: 'FulfilInSystem',
    file: 'fulfil-in-system',
    description: 'Carries out the answer in one system',
    envSchema: CollectEnv,
    environment: collect,
    timeout: Duration.minutes(1),
  });
  grantTable(table, key, fulfiller, ['GetItem', 'PutItem', 'Query', 'DeleteItem'], {
    indexes: true,
    batchWrite: true,
  });
  mailchimpSecret.grantRead(fulfiller);
  pseudonymKey.grantUse(fulfiller);
  const responder = fn({
    id: 'RespondToRequest',
    file: 'respond-to-request',
    description: 'Builds the export and emails the answer',
    envSchema: RespondEnv,
    environment: {
      ...route,
      ...mail,
      EXPORT_BUCKET: exports.bucketName,
      DATA_KEY_ARN: key.keyArn,
      ...pseudonymKey.environment,
    },
    timeout: Duration.minutes(5),
    memorySize: 1024,
  });
  grantTable(table, key, responder, ['GetItem', 'Query', 'UpdateItem', 'PutItem']);
  grantBucket(
    exports,
    key,
    responder.executionRole,
    ['GetObject', 'PutObject', 'AbortMultipartUpload', 'ListBucket'],
    'requests',
  );
  // ListBucket on uploads/ too: the step checks every upload is still there before it builds the export.
  grantBucket(exports, key, responder.executionRole, ['GetObject', 'ListBucket'], 'uploads');
  email.grantSend(responder);
  pseudonymKey.grantUse(responder);
  const rejecter = fn({
    id: 'RejectRequest',
    file: 'reject-request',
    description: 'Emails a refusal with its reason and ends the request',
    envSchema: RequesterMailEnv,
    environment: { ...route, ...mail },
  });
  grantTable(table, key, rejecter, ['GetItem', 'Query', 'UpdateItem']);
  email.grantSend(rejecter);
  const purger = fn({
    id: 'PurgeRequestData',
    file: 'purge-request-data',
    description: 'Deletes what a closed request stored: collected records, uploads, the export',
    envSchema: PurgeEnv,
    environment: { ...step, EXPORT_BUCKET: exports.bucketName },
    timeout: Duration.minutes(1),
  });
  // GetItem for the request; Query and PutItem to append to its audit trail.
  // UpdateItem: the TTL on the request's own items, once the policy's period for them is known.
  // DeleteItem: the sealed national identity number from ID-porten goes with the data (no KMS grant needed).
  grantTable(table, key, purger, ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem']);
  for (const prefix of ['requests', 'uploads'] as const)
    grantBucket(exports, key, purger.executionRole, ['ListBucket', 'DeleteObject'], prefix);
  const flagger = fn({
    id: 'FlagAttention',
    file: 'flag-attention',
    description: 'Flags a request whose step kept failing and tells staff',
    envSchema: StaffNoticeEnv,
    environment: { ...step, ...mail, CONSOLE_URL: props.consoleUrl },
  });
  grantTable(table, key, flagger, ['GetItem', 'UpdateItem']);
  email.grantSend(flagger);

  const tableId = Stack.of(scope).getLogicalId(table.node.defaultChild as CfnElement);
  for (const queried of [collector, holds, fulfiller])
    acknowledgeIndexQueries(tableId, queried.executionRole);

  return {
    issueVerification: issuer,
    closeUnverified: closer,
    planRequest: planner,
    openStaffTask: tasks,
    collectFromSystem: collector,
    checkLegalHolds: holds,
    fulfilInSystem: fulfiller,
    respondToRequest: responder,
    rejectRequest: rejecter,
    purgeRequestData: purger,
    flagAttention: flagger,
  };
}
