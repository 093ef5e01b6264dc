import { type CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  Choice,
  Condition,
  CustomerManagedEncryptionConfiguration,
  DefinitionBody,
  Errors,
  type IChainable,
  type INextable,
  IntegrationPattern,
  JsonPath,
  LogLevel,
  Map as MapState,
  type State,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { VERIFICATION_RULES } from '../../lambdas/domain/requests/verification';
import { REQUEST_DATA_LIFETIME } from '../../lambdas/domain/workflow/data-lifetime';
import type { EmailSending } from './email-sending';
import type { PseudonymKey } from './pseudonym-key';
import { callbackRetry, TRANSIENT_ERRORS, transientRetry } from './retry';
import { acknowledgeWorkflowFindings } from './workflow-findings';
import { createWorkflowFunctions, type WorkflowFunctions } from './workflow-functions';
import { encryptedWorkflow } from './workflow-grants';

export interface RequestWorkflowProps {
  readonly table: ITable;
  readonly key: IKey;
  readonly email: EmailSending;
  readonly exports: IBucket;
  readonly publicBaseUrl: string;
  readonly consoleUrl: string;
  readonly pseudonymKey: PseudonymKey;
}

/** Staff have three weeks for a task, well inside the one-month deadline (and Node's timer range locally). */
const STAFF_TASK_DAYS = 21;

/**
 * The request workflow (Standard, JSONPath): verify the requester's email, plan, staff identity check
 * when the policy calls for it, collect from every system, legal-hold check, staff review, answer
 * system by system, respond, close. Executions carry ids only; every step reads the rest from the
 * table. A step that keeps failing flags the request, emails staff and opens an attention task from
 * which staff retry the stage (or close the request with a reason).
 */
export class RequestWorkflow extends Construct {
  readonly machine: StateMachine;
  readonly mailchimpSecret: Secret;
  private readonly props: RequestWorkflowProps;
  private readonly fns: WorkflowFunctions;
  /** The states' own scope: their ids are their names, and may repeat the functions' ids. */
  private readonly states = new Construct(this, 'States');

  constructor(scope: Construct, id: string, props: RequestWorkflowProps) {
    super(scope, id);
    this.props = props;
    const { key } = props;

    this.mailchimpSecret = new Secret(this, 'MailchimpCredentials', {
      description: 'Mailchimp Marketing API: {"apiKey","serverPrefix","listId"}; set after deploying.',
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const id of [
      'AwsSolutions-SMG4',
      'HIPAA.Security-SecretsManagerUsingKMSKey',
      'NIST.800.53.R5-SecretsManagerRotationEnabled',
      'HIPAA.Security-SecretsManagerRotationEnabled',
    ]) {
      Validations.of(this.mailchimpSecret).acknowledge({
        id,
        reason:
          'A Mailchimp API key is issued and revoked in Mailchimp’s own account settings; no rotation Lambda can do that. Staff rotate it by hand.',
      });
    }
    // The local stack fills this secret with its fake Mailchimp's credentials (local/stack.ts).
    (this.mailchimpSecret.node.defaultChild as CfnResource).addMetadata('personvern:local-fake', 'mailchimp');

    this.fns = createWorkflowFunctions(this, { ...props, mailchimpSecret: this.mailchimpSecret });

    this.machine = this.build(`${Stack.of(this).stackName}-request`);
    this.grantResumeOwnTasks([
      this.fns.issueVerification,
      this.fns.collectFromSystem,
      this.fns.fulfilInSystem,
    ]);
  }

  /**
   * The callback steps that complete their own task when no one needs to step in: the issuer for a request
   * verified meanwhile, collection and answer for a system that needs no staff. As grantTaskResponseEncrypted
   * (workflow-grants.ts) grants it, SendTaskSuccess and the key for this machine's data only, but in a policy
   * of its own: in a function's default policy a reference to the machine would be circular (the machine's
   * role invokes the function, and a function waits for its default policy).
   */
  private grantResumeOwnTasks(functions: IFunction[]): void {
    const workflow = encryptedWorkflow(this.machine);
    const policy = new Policy(this, 'ResumeOwnTasks', {
      statements: [
        new PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [workflow.stateMachineArn] }),
        new PolicyStatement({
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [workflow.keyArn],
          conditions: {
            StringEquals: { 'kms:EncryptionContext:aws:states:stateMachineArn': workflow.stateMachineArn },
          },
        }),
      ],
    });
    for (const fn of functions) {
      if (fn.role === undefined) throw new Error(`${fn.node.path} has no role to grant`);
      policy.attachToRole(fn.role);
    }
    for (const id of ['HIPAA.Security-IAMNoInlinePolicy', 'NIST.800.53.R5-IAMNoInlinePolicy']) {
      Validations.of(policy).acknowledge({
        id,
        reason:
          "Resuming this machine's own callback tasks: one statement on this machine and its key's use for this machine's data, attached to the three callback functions' roles only. It stands apart from their default policies because there a reference to the machine would be circular.",
      });
    }
  }

  /** A state that invokes `fn` with ids only; `resultPath` keeps its answer, or it is discarded. */
  private invoke(
    stateId: string,
    fn: IFunction,
    payload: Record<string, unknown>,
    options: { readonly resultPath?: string; readonly timeoutSeconds?: number } = {},
  ) {
    const { resultPath, timeoutSeconds = 60 } = options;
    return new LambdaInvoke(this.states, stateId, {
      lambdaFunction: fn,
      payload: TaskInput.fromObject(payload),
      ...(resultPath === undefined
        ? { resultPath: JsonPath.DISCARD }
        : { resultSelector: { 'value.$': '$.Payload' }, resultPath }),
      retryOnServiceExceptions: false,
      taskTimeout: Timeout.duration(Duration.seconds(timeoutSeconds)),
    }).addRetry({
      ...transientRetry,
      errors: [
        ...TRANSIENT_ERRORS.filter((e) => e !== 'States.Timeout'),
        'ConnectorUnavailableError',
        'States.Timeout',
      ],
    });
  }

  /**
   * A per-system step as a callback task: the function does the system's work, then completes the task
   * itself, or hands the token to a staff task. It waits as long as a staff task does; transient errors,
   * the connector's "try later" and a function that timed out are retried.
   */
  private systemStep(stateId: string, fn: IFunction) {
    return new LambdaInvoke(this.states, stateId, {
      lambdaFunction: fn,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        requestId: JsonPath.stringAt('$.requestId'),
        systemId: JsonPath.stringAt('$.systemId'),
        taskToken: JsonPath.taskToken,
      }),
      resultPath: JsonPath.DISCARD,
      taskTimeout: Timeout.duration(Duration.days(STAFF_TASK_DAYS)),
      retryOnServiceExceptions: false,
    }).addRetry({
      ...callbackRetry,
      errors: [...(callbackRetry.errors ?? []), 'ConnectorUnavailableError', 'Sandbox.Timedout'],
    });
  }

  private staffTask(
    stateId: string,
    payload: Record<string, unknown>,
    resultPath: string | undefined,
    days = STAFF_TASK_DAYS,
  ) {
    return new LambdaInvoke(this.states, stateId, {
      lambdaFunction: this.fns.openStaffTask,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        requestId: JsonPath.stringAt('$.requestId'),
        taskToken: JsonPath.taskToken,
        ...payload,
      }),
      resultPath: resultPath ?? JsonPath.DISCARD,
      taskTimeout: Timeout.duration(Duration.days(days)),
      retryOnServiceExceptions: false,
    }).addRetry(callbackRetry);
  }

  private build(name: string): StateMachine {
    const requestId = JsonPath.stringAt('$.requestId');
    const rejected = new Succeed(this.states, 'Rejected');
    const done = new Succeed(this.states, 'Done');
    const reject = this.invoke('RejectRequest', this.fns.rejectRequest, { requestId });

    // A stage that keeps failing: flag, tell staff, and let them retry the stage or close the request.
    const recoverable = (stage: string, retryFrom: State, close: IChainable = reject) => {
      const flag = this.invoke(`FlagAttention${stage}`, this.fns.flagAttention, {
        requestId,
        stage: stage.toLowerCase(),
      });
      const task = this.staffTask(
        `AttentionTask${stage}`,
        { type: 'attention', stage: stage.toLowerCase() },
        '$.attention',
      );
      const decide = new Choice(this.states, `RetryOrClose${stage}`)
        .when(Condition.stringEquals('$.attention.decision', 'approve'), retryFrom)
        .otherwise(close);
      return flag.next(task).next(decide);
    };
    const catchInto = <T extends State & { addCatch(handler: IChainable, props?: object): T }>(
      state: T,
      stage: string,
      retryFrom: State,
      close?: IChainable,
    ) =>
      state.addCatch(recoverable(stage, retryFrom, close), { errors: [Errors.ALL], resultPath: '$.failure' });

    // Closed (answered or refused): what the request stored is kept for the export's download window,
    // then deleted (lambdas/domain/workflow/data-lifetime.ts). S3's lifecycle is only a backstop.
    const keepStoredData = new Wait(this.states, 'KeepStoredData', {
      time: WaitTime.duration(Duration.days(REQUEST_DATA_LIFETIME.keepDaysAfterClose)),
    });
    const deleteStoredData = this.invoke(
      'DeleteStoredData',
      this.fns.purgeRequestData,
      { requestId },
      { resultPath: '$.purge' },
    );
    // Staff closing a deletion that keeps failing take the deletion on themselves.
    catchInto(deleteStoredData, 'Purge', deleteStoredData, new Succeed(this.states, 'StoredDataLeftToStaff'));
    keepStoredData
      .next(deleteStoredData)
      .next(
        new Choice(this.states, 'ClosedAs')
          .when(Condition.stringEquals('$.purge.value.outcome', 'rejected'), rejected)
          .otherwise(done),
      );

    // Verification (intake's part): code, reminder, close.
    const issue = (stateId: string, days: number) =>
      new LambdaInvoke(this.states, stateId, {
        lambdaFunction: this.fns.issueVerification,
        integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: TaskInput.fromObject({ requestId, taskToken: JsonPath.taskToken }),
        resultPath: JsonPath.DISCARD,
        taskTimeout: Timeout.duration(Duration.days(days)),
        retryOnServiceExceptions: false,
      }).addRetry(callbackRetry);
    const closeUnverified = this.invoke(
      'CloseUnverifiedRequest',
      this.fns.closeUnverified,
      { requestId },
      { resultPath: '$.closing' },
    );
    const closedUnverified = new Succeed(this.states, 'ClosedUnverified');

    // After verification.
    const plan = this.invoke('PlanRequest', this.fns.planRequest, { requestId }, { resultPath: '$.plan' });
    const identity = this.staffTask('IdentityCheck', { type: 'identity-check' }, '$.identity');
    const identityDecision = new Choice(this.states, 'IdentityApproved');

    // One callback state per system: the step collects, then either resumes the workflow at once or opens
    // the manual-collection task that keeps the token until staff decide (steps.ts finishSystemStep).
    const collectOne = this.systemStep('CollectFromSystem', this.fns.collectFromSystem);
    const manualCollection = this.staffTask(
      'ManualCollection',
      { type: 'manual-collection', systemId: JsonPath.stringAt('$.systemId') },
      undefined,
    );
    // A connector that keeps failing becomes a staff task: no system is ever dropped quietly.
    collectOne.addCatch(manualCollection, { errors: [Errors.ALL], resultPath: '$.failure' });
    const collectAll = new MapState(this.states, 'CollectFromEverySystem', {
      itemsPath: '$.plan.value.systems',
      itemSelector: { 'requestId.$': '$.requestId', 'systemId.$': '$$.Map.Item.Value.systemId' },
      maxConcurrency: 4,
      resultPath: JsonPath.DISCARD,
    });
    collectAll.itemProcessor(collectOne);

    const legalHolds = this.invoke('CheckLegalHolds', this.fns.checkLegalHolds, { requestId });
    const review = this.staffTask('StaffReview', { type: 'review' }, '$.review');

    // The same for the answer, over the systems it can act in (none for access and portability, whose
    // answer is the export: planStep's answerSystems).
    const fulfilAll = new MapState(this.states, 'AnswerInEverySystem', {
      itemsPath: '$.plan.value.answerSystems',
      itemSelector: { 'requestId.$': '$.requestId', 'systemId.$': '$$.Map.Item.Value.systemId' },
      maxConcurrency: 4,
      resultPath: JsonPath.DISCARD,
    });
    fulfilAll.itemProcessor(this.systemStep('FulfilInSystem', this.fns.fulfilInSystem));
    const respond = this.invoke(
      'RespondToRequest',
      this.fns.respondToRequest,
      { requestId },
      { timeoutSeconds: 300 },
    );

    catchInto(plan, 'Plan', plan);
    catchInto(identity, 'Identity', identity);
    catchInto(collectAll, 'Collect', collectAll);
    catchInto(legalHolds, 'LegalHolds', legalHolds);
    catchInto(review, 'Review', review);
    catchInto(fulfilAll, 'Answer', fulfilAll);
    // Collected data that no longer matches what collection recorded: nothing is sent; staff collect again
    // (or close the request with a reason) instead of the requester getting an incomplete answer.
    respond.addCatch(recoverable('CollectAgain', collectAll), {
      errors: ['CollectedDataMismatchError'],
      resultPath: '$.failure',
    });
    catchInto(respond, 'Respond', respond);
    catchInto(closeUnverified, 'Closing', closeUnverified);
    // A refusal that cannot be sent: staff look into it and send it again.
    catchInto(reject, 'Rejection', reject);
    reject.next(keepStoredData);

    const afterIdentity = collectAll
      .next(legalHolds)
      .next(review)
      .next(
        new Choice(this.states, 'ReviewApproved')
          .when(
            Condition.stringEquals('$.review.decision', 'approve'),
            fulfilAll.next(respond).next(keepStoredData),
          )
          .otherwise(reject),
      );
    identity.next(
      identityDecision
        .when(Condition.stringEquals('$.identity.decision', 'approve'), afterIdentity)
        .otherwise(reject),
    );
    const afterVerification = plan.next(
      new Choice(this.states, 'IdentityCheckNeeded')
        .when(Condition.booleanEquals('$.plan.value.identityCheck', true), identity)
        .otherwise(afterIdentity),
    );

    const remind = issue(
      'RemindVerification',
      VERIFICATION_RULES.closeAfterDays - VERIFICATION_RULES.reminderAfterDays,
    ).addCatch(
      closeUnverified.next(
        new Choice(this.states, 'VerifiedWhileClosing')
          .when(Condition.stringEquals('$.closing.value.result', 'verified-meanwhile'), afterVerification)
          .otherwise(closedUnverified),
      ),
      { errors: [Errors.TIMEOUT], resultPath: '$.failure' },
    );
    remind.next(afterVerification);
    const awaitCode = issue('AwaitVerification', VERIFICATION_RULES.reminderAfterDays).addCatch(remind, {
      errors: [Errors.TIMEOUT],
      resultPath: '$.failure',
    });
    // An email that keeps failing after every retry: staff look into it, then retry the step.
    awaitCode.addCatch(recoverable('Verification', awaitCode), {
      errors: [Errors.ALL],
      resultPath: '$.failure',
    });
    remind.addCatch(recoverable('Reminder', remind), { errors: [Errors.ALL], resultPath: '$.failure' });

    const machine = new StateMachine(this, 'Workflow', {
      stateMachineName: name,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(awaitCode.next(afterVerification)),
      timeout: Duration.days(REQUEST_DATA_LIFETIME.longestWorkflowDays),
      // Task tokens and decisions pass through the execution history: encrypted with our key, and
      // readable only by those the key lets decrypt (callers get their part in workflow-grants.ts).
      encryptionConfiguration: new CustomerManagedEncryptionConfiguration(this.props.key),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'WorkflowLogs', {
          retention: RetentionDays.ONE_YEAR,
          encryptionKey: this.props.key,
          removalPolicy: RemovalPolicy.RETAIN,
        }),
        // Every state transition is logged for the audit trail; the data never is.
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
    });
    acknowledgeWorkflowFindings(machine, Object.values(this.fns));
    return machine;
  }
}

export type { INextable };
