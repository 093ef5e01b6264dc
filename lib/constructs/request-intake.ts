import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Errors,
  Fail,
  IntegrationPattern,
  JsonPath,
  LogLevel,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import {
  CloseUnverifiedEnv,
  IssueVerificationEnv,
  PostRequestEnv,
  RequesterMailEnv,
  RequesterRouteEnv,
} from '../../lambdas/config/environments';
import { VERIFICATION_RULES } from '../../lambdas/domain/requests/verification';
import { AppFunction } from './app-function';
import type { EmailSending } from './email-sending';
import type { PublicApi } from './public-api';
import { callbackRetry, transientRetry } from './retry';
import { grantTable } from './table-grants';
import { acknowledgeWorkflowFindings } from './workflow-findings';

export interface RequestIntakeProps {
  readonly api: PublicApi;
  readonly table: ITable;
  readonly key: IKey;
  readonly email: EmailSending;
  readonly publicBaseUrl: string;
}

/**
 * `POST /requests`, the requester's own routes (verify, resend, status) and the request workflow's
 * verification stage: send the receipt with a one-time code, wait for the code, remind once, close.
 * Executions carry the request id only; everything else stays in the table.
 */
export class RequestIntake extends Construct {
  readonly workflow: StateMachine;

  constructor(scope: Construct, id: string, props: RequestIntakeProps) {
    super(scope, id);
    const { table, key } = props;
    const mail = {
      MAIL_FROM: props.email.mailFrom,
      SES_CONFIGURATION_SET: props.email.configurationSet.configurationSetName,
    };
    const route = { TABLE_NAME: table.tableName, PUBLIC_BASE_URL: props.publicBaseUrl };

    const issuer = new AppFunction(this, 'IssueVerification', {
      entry: 'lambdas/handlers/workflow/issue-verification.ts',
      description: 'Workflow: issues a one-time code, stores its hash and the task token, emails the code',
      envSchema: IssueVerificationEnv,
      environment: { ...route, ...mail },
      reservedConcurrentExecutions: 10,
      logKey: key,
    });
    grantTable(table, key, issuer, ['GetItem', 'UpdateItem']);
    props.email.grantSend(issuer);

    const closer = new AppFunction(this, 'CloseUnverified', {
      entry: 'lambdas/handlers/workflow/close-unverified.ts',
      description: 'Workflow: closes a request whose email address was never confirmed, and says so',
      envSchema: CloseUnverifiedEnv,
      environment: { ...route, ...mail },
      reservedConcurrentExecutions: 5,
      logKey: key,
    });
    grantTable(table, key, closer, ['GetItem', 'UpdateItem', 'DeleteItem']);
    props.email.grantSend(closer);

    // The machine's name is fixed so the issuer's grant can name its ARN: a reference would be circular
    // (the machine's role invokes the issuer, whose role would point back at the machine).
    const workflowName = `${Stack.of(this).stackName}-request`;
    this.workflow = this.buildWorkflow(workflowName, issuer, closer, key);
    // The issuer resumes its own task when the requester verified before the token was stored.
    issuer.addToRolePolicy(
      new PolicyStatement({
        actions: ['states:SendTaskSuccess'],
        resources: [
          Stack.of(this).formatArn({
            service: 'states',
            resource: 'stateMachine',
            resourceName: workflowName,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );

    const intake = new AppFunction(this, 'PostRequest', {
      entry: 'lambdas/handlers/api/post-request.ts',
      description: 'POST /requests: validates, stores once and starts the request workflow',
      envSchema: PostRequestEnv,
      environment: { ...route, REQUEST_WORKFLOW_ARN: this.workflow.stateMachineArn },
      reservedConcurrentExecutions: 20,
      logKey: key,
    });
    // Requests, duplicate locks, rate counters and idempotency records: all single-item writes.
    grantTable(table, key, intake, ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem']);
    this.workflow.grantStartExecution(intake);
    props.api.addPublicRoute('POST', 'requests', intake);

    const verifier = new AppFunction(this, 'VerifyRequest', {
      entry: 'lambdas/handlers/api/verify-request.ts',
      description: 'POST and GET /requests/{id}/verify: checks a one-time code and resumes the workflow',
      envSchema: RequesterRouteEnv,
      environment: route,
      reservedConcurrentExecutions: 10,
      logKey: key,
    });
    grantTable(table, key, verifier, ['GetItem', 'UpdateItem']);
    this.workflow.grantTaskResponse(verifier);
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
      envSchema: RequesterRouteEnv,
      environment: route,
      reservedConcurrentExecutions: 10,
      logKey: key,
    });
    grantTable(table, key, status, ['GetItem']);
    props.api.addPublicRoute('GET', 'requests/{id}/status', status);
  }

  private buildWorkflow(name: string, issuer: IFunction, closer: IFunction, key: IKey): StateMachine {
    const days = (n: number) => Timeout.duration(Duration.days(n));
    const waitForCode = (stateId: string, timeout: Timeout) =>
      new LambdaInvoke(this, stateId, {
        lambdaFunction: issuer,
        integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: TaskInput.fromObject({
          requestId: JsonPath.stringAt('$.requestId'),
          taskToken: JsonPath.taskToken,
        }),
        resultPath: JsonPath.DISCARD,
        taskTimeout: timeout,
        retryOnServiceExceptions: false,
      }).addRetry(callbackRetry);

    const verified = new Succeed(this, 'Verified', {
      comment: 'The requester proved control of the email address; the request is open work.',
    });
    const receiptFailed = new Fail(this, 'CodeNotSent', {
      error: 'CodeNotSent',
      cause: 'The verification email kept failing after every retry; the request is stored.',
    });
    const close = new LambdaInvoke(this, 'CloseUnverifiedRequest', {
      lambdaFunction: closer,
      payload: TaskInput.fromObject({ requestId: JsonPath.stringAt('$.requestId') }),
      resultSelector: { 'result.$': '$.Payload.result' },
      resultPath: '$.closing',
      retryOnServiceExceptions: false,
      taskTimeout: Timeout.duration(Duration.seconds(30)),
    })
      .addRetry(transientRetry)
      .addCatch(receiptFailed);
    const closedOrVerified = new Choice(this, 'VerifiedWhileClosing')
      .when(Condition.stringEquals('$.closing.result', 'verified-meanwhile'), verified)
      .otherwise(new Succeed(this, 'ClosedUnverified'));

    const remind = waitForCode(
      'RemindVerification',
      days(VERIFICATION_RULES.closeAfterDays - VERIFICATION_RULES.reminderAfterDays),
    )
      .addCatch(close.next(closedOrVerified), { errors: [Errors.TIMEOUT] })
      .addCatch(receiptFailed);
    const awaitCode = waitForCode('AwaitVerification', days(VERIFICATION_RULES.reminderAfterDays))
      .addCatch(remind, { errors: [Errors.TIMEOUT] })
      .addCatch(receiptFailed);
    remind.next(verified);

    const machine = new StateMachine(this, 'Workflow', {
      stateMachineName: name,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(awaitCode.next(verified)),
      timeout: Duration.days(VERIFICATION_RULES.closeAfterDays + 2),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'WorkflowLogs', {
          retention: RetentionDays.ONE_YEAR,
          encryptionKey: key,
          removalPolicy: RemovalPolicy.RETAIN,
        }),
        // Every state transition is logged for the audit trail; the data never is.
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
    });
    acknowledgeWorkflowFindings(machine, [issuer, closer]);
    return machine;
  }
}
