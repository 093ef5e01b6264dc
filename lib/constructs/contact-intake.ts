import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  CustomerManagedEncryptionConfiguration,
  DefinitionBody,
  Fail,
  JsonPath,
  LogLevel,
  StateMachine,
  StateMachineType,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { ContactNotifierEnv, PostContactEnv } from '../../lambdas/config/environments';
import { AppFunction } from './app-function';
import type { EmailSending } from './email-sending';
import type { PseudonymKey } from './pseudonym-key';
import type { PublicApi } from './public-api';
import { transientRetry } from './retry';
import { grantTable } from './table-grants';
import { acknowledgeWorkflowFindings } from './workflow-findings';
import { encryptedWorkflow, grantStartEncrypted } from './workflow-grants';

export interface ContactIntakeProps {
  readonly api: PublicApi;
  readonly table: ITable;
  readonly key: IKey;
  readonly email: EmailSending;
  readonly publicBaseUrl: string;
  readonly consoleUrl: string;
  readonly pseudonymKey: PseudonymKey;
}

/**
 * `POST /contact` and the small workflow that emails the sender's confirmation and the controller's
 * notification. The emails run in Step Functions so an SES outage delays them instead of losing them.
 */
export class ContactIntake extends Construct {
  readonly workflow: StateMachine;

  constructor(scope: Construct, id: string, props: ContactIntakeProps) {
    super(scope, id);
    const notifier = new AppFunction(this, 'SendContactEmail', {
      entry: 'lambdas/handlers/workflow/send-contact-email.ts',
      description: 'Sends the contact confirmation to the sender and the notice to the controller',
      envSchema: ContactNotifierEnv,
      environment: {
        TABLE_NAME: props.table.tableName,
        MAIL_FROM: props.email.mailFrom,
        SES_CONFIGURATION_SET: props.email.configurationSet.configurationSetName,
        CONSOLE_URL: props.consoleUrl,
        ...props.pseudonymKey.environment,
      },
      reservedConcurrentExecutions: 5,
      logKey: props.key,
    });
    // PutItem: the mailbox's daily confirmation claim (contact-emails.ts).
    grantTable(props.table, props.key, notifier, ['GetItem', 'UpdateItem', 'PutItem']);
    props.email.grantSend(notifier);
    props.pseudonymKey.grantUse(notifier);

    const send = (stepId: string, email: 'confirmation' | 'notification') =>
      new LambdaInvoke(this, stepId, {
        lambdaFunction: notifier,
        payload: TaskInput.fromObject({ messageId: JsonPath.stringAt('$.messageId'), email }),
        resultPath: JsonPath.DISCARD,
        retryOnServiceExceptions: false,
        taskTimeout: Timeout.duration(Duration.seconds(30)),
      }).addRetry(transientRetry);
    const failed = new Fail(this, 'EmailNotSent', {
      error: 'EmailNotSent',
      cause: 'An email kept failing after every retry; the message is stored and visible to staff.',
    });
    const definition = send('SendConfirmation', 'confirmation')
      .addCatch(failed)
      .next(send('NotifyController', 'notification').addCatch(failed));

    this.workflow = new StateMachine(this, 'Workflow', {
      // Named: CDK scopes the role's use of the key to the machine's ARN by its name, and without one that
      // ARN ends in `stateMachine:` and matches nothing.
      stateMachineName: `${Stack.of(this).stackName}-contact`,
      stateMachineType: StateMachineType.STANDARD,
      // Execution history holds the message id only, but it is encrypted like everything else we keep.
      encryptionConfiguration: new CustomerManagedEncryptionConfiguration(props.key),
      definitionBody: DefinitionBody.fromChainable(definition),
      timeout: Duration.days(2),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'WorkflowLogs', {
          retention: RetentionDays.THREE_MONTHS,
          encryptionKey: props.key,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        // Every state transition is logged for the audit trail; the data never is.
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
    });
    acknowledgeWorkflowFindings(this.workflow, [notifier]);

    const intake = new AppFunction(this, 'PostContact', {
      entry: 'lambdas/handlers/api/post-contact.ts',
      description: 'POST /contact: validates, stores and starts the contact workflow',
      envSchema: PostContactEnv,
      environment: {
        TABLE_NAME: props.table.tableName,
        CONTACT_WORKFLOW_ARN: this.workflow.stateMachineArn,
        PUBLIC_BASE_URL: props.publicBaseUrl,
        ...props.pseudonymKey.environment,
        ...props.api.websiteEnvironment,
      },
      reservedConcurrentExecutions: 20,
      logKey: props.key,
    });
    // Query: the published policy versions, for the version a notice consent is given under.
    // UpdateItem: the submission rate counters (an atomic ADD).
    grantTable(props.table, props.key, intake, ['PutItem', 'Query', 'UpdateItem']);
    grantStartEncrypted(encryptedWorkflow(this.workflow), intake);
    props.pseudonymKey.grantUse(intake);
    // The website's scripts post here too (CORS for its origins only).
    props.api.addWebsiteRoute('contact', intake);
  }
}
