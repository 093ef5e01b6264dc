import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { POLICY_FILE_METADATA } from '../lib/policy-module';
import { createLocalApi } from './api/server';
import { createTaskExpiry } from './api/task-expiry';
import { localWebsiteOrigins } from './api/website-origins';
import { createLocalAuth, type LocalAuth } from './auth/local-auth';
import { localStaffUsers, policyControllerIds } from './auth/users';
import { allowConsoleUploads, createConsoleRequestHandler } from './console/serve';
import { type LocalStepFunctions, startEmulators } from './emulators';
import { generatedSecretValue } from './emulators/generated-secrets';
import { type LocalKms, startKms } from './emulators/kms';
import { PortInUseError } from './emulators/ports';
import { startSecretsManager } from './emulators/secrets-manager';
import { type SesSandbox, sesSandboxFromEnvironment, startSesSandbox } from './emulators/ses-sandbox';
import { startSqs, templateQueues } from './emulators/sqs';
import { startSqsEventSources, templateEventSourceMappings } from './emulators/sqs-event-sources';
import { type FakeMailchimp, startFakeMailchimp } from './fakes/mailchimp';
import { FAULTY_SERVICES, type FaultPlan, type FaultProxy, startFaultProxy } from './faults/fault-proxy';
import { functionAccessKeyId, LOCAL_SECRET_ACCESS_KEY } from './iam/credentials';
import {
  describeDenial,
  type IamEnforcement,
  startIamEnforcement,
  strictFromEnvironment,
  templateAuthorizer,
} from './iam/enforcement';
import { s3IamCheck } from './iam/s3-check';
import { ServiceRoles, schedulesByFunction } from './iam/service-roles';
import {
  generateClientKey,
  type IdportenClientKey,
  type LocalIdporten,
  startLocalIdporten,
} from './idporten/provider';
import { createLocalReminders } from './reminders/local-reminders';
import { LocalLambdaRuntime } from './runtime/lambda-runtime';
import { readEncryption } from './template/encryption';
import { LOCAL_REGION } from './template/intrinsics';
import { type LocalResources, type LocalTable, readLocalResources } from './template/resources';
import { synthTemplate } from './template/synth';
import type { CfnTemplate } from './template/types';

export interface LocalStackOptions {
  /** Where dynalite, the local S3 and the local KMS (its master keys) keep their files; survives restarts. */
  readonly dataDir: string;
  readonly fresh?: boolean;
  /** 0 picks a free port (tests). */
  readonly apiPort?: number;
  readonly emulatorPorts?: Partial<
    Record<'dynamodb' | 'ses' | 's3' | 'stepfunctions' | 'sqs' | 'idporten' | 'kms', number>
  >;
  /** Transient failures for the handlers' calls (faults/fault-proxy.ts); the emulators stay healthy. */
  readonly faults?: FaultPlan;
  /** A template to run instead of synthesizing the CDK app (`npm start -- --template <file>`). */
  readonly template?: CfnTemplate;
  /** Settings for the synthesis, as `cdk synth -c key=value` gives them (`npm start -- -c policyFile=…`). */
  readonly context?: Record<string, unknown>;
  /**
   * Whether each function's calls are checked against its execution role (local/iam); PERSONVERN_STRICT=0 turns
   * this off unless given here.
   */
  readonly strict?: boolean;
  /**
   * SES's sandbox: sends only to verified identities (the template's, and PERSONVERN_SES_VERIFIED's
   * comma-separated addresses and domains). PERSONVERN_SES_SANDBOX=1 turns it on unless given here.
   */
  readonly sesSandbox?: boolean;
}

export interface LocalStack {
  readonly apiUrl: string;
  /** The policy the functions bundle, the console shows and the staff users come from. */
  readonly policyFile: string;
  readonly endpoints: Record<
    'dynamodb' | 'ses' | 's3' | 'stepfunctions' | 'secretsManager' | 'sqs' | 'kms',
    string
  >;
  /** The fake Mailchimp the `mailchimp` connector talks to; `POST /__fake/members` seeds it. */
  readonly mailchimp: FakeMailchimp;
  readonly resources: LocalResources;
  readonly runtime: LocalLambdaRuntime;
  /** Staff sign-in: the seeded users, the issuer (tests sign tokens with it) and the Cognito authorizer. */
  readonly auth: LocalAuth;
  /** The environment a client needs to reach the same emulators through the AWS SDK. */
  readonly awsEnvironment: Record<string, string>;
  /** True when the functions' calls are checked against their execution roles. */
  readonly strict: boolean;
  /** The verified identities when SES runs as in its sandbox; undefined when it does not. */
  readonly sesSandbox: readonly string[] | undefined;
  /**
   * The local ID-porten the functions sign people in with (local/idporten); undefined when the template has no
   * eID, or `-c idportenIssuer=…` chose a real one.
   */
  readonly idporten: { readonly issuer: string } | undefined;
  stop(): Promise<void>;
}

/**
 * Boots the whole system on this machine: emulators, the tables, buckets and state machines of the
 * synthesized template, and the API routes of that template served by the real handlers.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const template = options.template ?? synthTemplate(options.context);
  const policyFile = templatePolicyFile(template);
  const strict = options.strict ?? strictFromEnvironment();
  const resources = readLocalResources(template);
  const idportenClientId = localIdportenClientId(resources, options.context);
  // Checked before anything starts: a bad WEBSITE_ORIGINS stops npm start with a line that says why.
  const websiteOrigins = localWebsiteOrigins(process.env.WEBSITE_ORIGINS);
  mkdirSync(options.dataDir, { recursive: true });
  // One evaluator for every checked call; S3's calls are checked inside the local S3 (the Host is signed).
  const authorizer = strict ? templateAuthorizer(template) : undefined;
  // Which resources the template encrypts with its KMS keys: their calls need kms:* on the key too.
  const encryption = readEncryption(template);
  // The roles AWS services act with for us (state machines, schedules, event sources), checked the same way.
  const serviceRoles =
    authorizer === undefined
      ? undefined
      : new ServiceRoles(authorizer, (denial) => console.error(describeDenial(denial)), { encryption });
  const strictS3 = strict && strictFromEnvironment(process.env.PERSONVERN_STRICT_S3);
  const emulators = await startEmulators({
    dataDir: options.dataDir,
    fresh: options.fresh ?? false,
    ports: options.emulatorPorts ?? {},
    buckets: resources.buckets,
    extraS3Credentials: [...resources.functions.keys()].map((id) => ({
      accessKeyId: functionAccessKeyId(id),
      secretAccessKey: LOCAL_SECRET_ACCESS_KEY,
    })),
    ...(authorizer !== undefined && strictS3
      ? {
          s3Authorization: s3IamCheck({
            authorizer,
            onDenied: (denial) => console.error(describeDenial(denial)),
            encryption,
          }),
        }
      : {}),
  });
  let kms: LocalKms;
  try {
    // The template's keys; their master keys are kept with the other emulators' data, so sealed data survives.
    kms = await startKms({
      directory: join(options.dataDir, 'kms'),
      fresh: options.fresh ?? false,
      port: options.emulatorPorts?.kms ?? 0,
      template,
    });
  } catch (error) {
    await emulators.stop();
    if (!(error instanceof PortInUseError)) throw error;
    throw new PortInUseError(error.service, error.port, 'KMS_PORT', { cause: error.cause });
  }
  const awsEnvironment = {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: emulators.endpoints.dynamodb,
    AWS_ENDPOINT_URL_SESV2: emulators.endpoints.ses,
    AWS_ENDPOINT_URL_SES: emulators.endpoints.ses,
    AWS_ENDPOINT_URL_S3: emulators.endpoints.s3,
    AWS_ENDPOINT_URL_SFN: emulators.endpoints.stepfunctions,
    AWS_ENDPOINT_URL_KMS: kms.endpoint,
  };
  // The queues live in memory (fauxqs); a free port unless SQS_PORT names one.
  const sqs = await startSqs({
    port: options.emulatorPorts?.sqs ?? Number(process.env.SQS_PORT ?? 0),
    queues: templateQueues(template.Resources),
  });
  useLocalQueueUrls(resources, sqs.queues);
  const mailchimp = await startFakeMailchimp({ port: 0 });
  const secretsManager = await startSecretsManager({ port: 0 });
  let idporten: LocalIdporten | undefined;
  let idportenKey: IdportenClientKey | undefined;
  if (idportenClientId !== undefined) {
    try {
      // Listening now, so the functions' IDPORTEN_ISSUER is known; its client needs apiUrl, so it comes later.
      idporten = await startLocalIdporten({
        port: options.emulatorPorts?.idporten ?? Number(process.env.IDPORTEN_PORT ?? 0),
      });
    } catch (error) {
      await Promise.all([mailchimp.close(), secretsManager.stop(), sqs.stop(), kms.stop()]);
      await emulators.stop();
      throw error;
    }
    // A new key pair at each start, as for the staff sign-in: what Digdir would hold is the public half.
    idportenKey = await generateClientKey();
  }
  for (const secret of resources.secrets) {
    if (secret.fake === 'mailchimp') {
      secretsManager.put(
        secret.id,
        JSON.stringify({
          apiKey: mailchimp.apiKey,
          serverPrefix: mailchimp.apiKey.split('-').pop(),
          listId: mailchimp.listId,
        }),
      );
    } else if (secret.fake === 'idporten') {
      // Left empty when no local ID-porten runs: with a real one, the developer puts their own key there.
      if (idportenKey !== undefined) {
        secretsManager.put(
          secret.id,
          JSON.stringify({ kid: idportenKey.kid, privateJwk: idportenKey.privateJwk }),
        );
      }
    } else if (secret.generated !== undefined) {
      secretsManager.put(
        secret.id,
        generatedSecretValue(options.dataDir, { ...secret, generated: secret.generated }),
      );
    }
  }
  const handlerEndpoints = { ...emulators.endpoints };
  // SES's sandbox applies to the account: every send of the functions goes through it.
  const verifiedIdentities = [
    ...Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::SES::EmailIdentity')
      .map((r) => String(r.Properties?.EmailIdentity)),
    ...(process.env.PERSONVERN_SES_VERIFIED ?? '')
      .split(',')
      .map((identity) => identity.trim())
      .filter(Boolean),
  ];
  let sandbox: SesSandbox | undefined;
  if (options.sesSandbox ?? sesSandboxFromEnvironment()) {
    sandbox = await startSesSandbox({
      target: emulators.endpoints.ses,
      verifiedIdentities,
      onRejected: (count) =>
        console.error(
          `SES sandbox: MessageRejected, a send to ${count} unverified recipient${count === 1 ? '' : 's'} (PERSONVERN_SES_VERIFIED adds identities)`,
        ),
    });
    handlerEndpoints.ses = sandbox.url;
  }
  const faultProxies: FaultProxy[] = [];
  for (const service of FAULTY_SERVICES) {
    const rule = options.faults?.[service];
    if (rule === undefined) continue;
    const proxy = await startFaultProxy(handlerEndpoints[service], rule);
    faultProxies.push(proxy);
    handlerEndpoints[service] = proxy.url;
  }
  // IAM first, as on AWS: a call is authorized before the service can fail it. Off: the handlers skip the check.
  let iam: IamEnforcement | undefined;
  if (strict) {
    try {
      iam = await startIamEnforcement({
        template,
        ...(authorizer === undefined ? {} : { authorizer }),
        targets: {
          dynamodb: handlerEndpoints.dynamodb,
          stepfunctions: handlerEndpoints.stepfunctions,
          ses: handlerEndpoints.ses,
          sqs: sqs.endpoint,
          secretsmanager: secretsManager.endpoint,
          kms: kms.endpoint,
        },
        context: {
          stateMachineOfTaskToken: (token) =>
            stateMachineOfTaskToken(emulators.stepFunctions, resources.stateMachines, token),
          sesIdentities: Object.values(template.Resources)
            .filter((r) => r.Type === 'AWS::SES::EmailIdentity')
            .map((r) => String(r.Properties?.EmailIdentity)),
          encryption,
        },
      });
    } catch (error) {
      await Promise.all(faultProxies.map((proxy) => proxy.close()));
      await Promise.all([
        mailchimp.close(),
        secretsManager.stop(),
        sqs.stop(),
        kms.stop(),
        sandbox?.close(),
        idporten?.close(),
      ]);
      await emulators.stop();
      throw error;
    }
  }
  // The handlers reach the emulators through the IAM check and the fault proxies, if any; setup and tests go
  // direct (with the shared local credentials, which the IAM check would not check anyway).
  const handlerEnvironment = {
    ...awsEnvironment,
    AWS_ENDPOINT_URL_DYNAMODB: iam?.endpoints.dynamodb ?? handlerEndpoints.dynamodb,
    AWS_ENDPOINT_URL_SESV2: iam?.endpoints.ses ?? handlerEndpoints.ses,
    AWS_ENDPOINT_URL_SES: iam?.endpoints.ses ?? handlerEndpoints.ses,
    AWS_ENDPOINT_URL_SFN: iam?.endpoints.stepfunctions ?? handlerEndpoints.stepfunctions,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: iam?.endpoints.secretsmanager ?? secretsManager.endpoint,
    AWS_ENDPOINT_URL_SQS: iam?.endpoints.sqs ?? sqs.endpoint,
    AWS_ENDPOINT_URL_KMS: iam?.endpoints.kms ?? kms.endpoint,
    // Read only by the connectors' functions (their env schema); the fake stands in for Mailchimp.
    MAILCHIMP_API_BASE_URL: mailchimp.url,
  };
  let apiUrl = '';
  const runtime = new LocalLambdaRuntime(
    resources.functions,
    handlerEnvironment,
    () => ({
      PUBLIC_BASE_URL: apiUrl,
      CONSOLE_URL: `${apiUrl}/console`,
      // A second origin on this machine stands in for the organisation's website (local/api/website-origins.ts).
      WEBSITE_ORIGINS: websiteOrigins(apiUrl).join(','),
      ...(idporten === undefined ? {} : { IDPORTEN_ISSUER: idporten.issuer }),
      ...noticeTuning(),
    }),
    policyFile,
  );
  // Lambda's SQS event source mappings: pollers that invoke the real handlers with SQS events.
  const eventSources = startSqsEventSources({
    client: sqs.client,
    mappings: templateEventSourceMappings(template.Resources),
    queues: sqs.queues,
    invoke: (functionLogicalId, event) => {
      const fn = resources.functions.get(functionLogicalId);
      if (fn === undefined) throw new Error(`No local function ${functionLogicalId} for its event source`);
      return runtime.invoke(fn.arn, event);
    },
    onError: (error) => console.error('SQS event source:', error instanceof Error ? error.message : error),
    ...(serviceRoles === undefined
      ? {}
      : { mayCall: (fn, call, queueArn) => serviceRoles.eventSource(fn, call, queueArn) }),
  });
  // A fresh signing key at every start: tokens from an earlier run are refused.
  const auth = await createLocalAuth({ users: localStaffUsers(policyControllerIds(policyFile)) });
  // EventBridge Scheduler invokes the digest function with each schedule's role.
  const schedules = schedulesByFunction(template);
  const reminders = createLocalReminders(resources.functions, runtime, async (fn) => {
    for (const schedule of schedules.get(fn.logicalId) ?? []) await serviceRoles?.invoke(schedule, fn.arn);
  });
  const stopReminders = reminders.startDailyTimer();
  const consoleHandler = await createConsoleRequestHandler({
    uploadOrigin: emulators.endpoints.s3,
    outDir: join(options.dataDir, 'console'),
    policyFile,
  });
  const server = createLocalApi({
    routes: resources.routes,
    gatewayResponses: resources.gatewayResponses,
    webAcl: resources.webAcl,
    runtime,
    auth,
    reminders,
    taskExpiry: createTaskExpiry(emulators.stepFunctions),
    console: consoleHandler,
  });
  try {
    await createTables(resources.tables, awsEnvironment);
    for (const machine of resources.stateMachines) {
      emulators.stepFunctions.registerStateMachine({
        stateMachineArn: machine.arn,
        definition: machine.definition,
        lambdaHandlers: Object.fromEntries(
          [...resources.functions.values()].flatMap((fn) =>
            [fn.arn, fn.name].map((key) => [
              key,
              async (payload: unknown) => {
                // Step Functions invokes with the state machine's role: it must allow this function.
                await serviceRoles?.invoke(machine.name, fn.arn);
                return runtime.invoke(fn.arn, payload);
              },
            ]),
          ),
        ),
      });
    }
    await listen(server, options.apiPort ?? 3000);
  } catch (error) {
    stopReminders();
    await eventSources.stop();
    await runtime.close();
    await sqs.stop();
    await iam?.close();
    await Promise.all(faultProxies.map((proxy) => proxy.close()));
    await Promise.all([
      mailchimp.close(),
      secretsManager.stop(),
      kms.stop(),
      sandbox?.close(),
      idporten?.close(),
    ]);
    await emulators.stop();
    throw error;
  }
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stop = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    stopReminders();
    await eventSources.stop();
    await runtime.close();
    await iam?.close();
    await Promise.all(faultProxies.map((proxy) => proxy.close()));
    await Promise.all([
      mailchimp.close(),
      secretsManager.stop(),
      sqs.stop(),
      kms.stop(),
      sandbox?.close(),
      idporten?.close(),
    ]);
    await emulators.stop();
  };
  if (idporten !== undefined && idportenClientId !== undefined && idportenKey !== undefined) {
    try {
      await idporten.register({
        clientId: idportenClientId,
        redirectUri: `${apiUrl}/eid/callback`,
        publicJwk: idportenKey.publicJwk,
      });
    } catch (error) {
      await stop();
      throw error;
    }
  }
  // Staff upload manual exports from the console straight to S3: a cross-origin PUT needs CORS.
  await allowConsoleUploads({
    s3Endpoint: emulators.endpoints.s3,
    buckets: resources.buckets.filter((name) => /exportsbucket/i.test(name)),
    consoleOrigin: apiUrl,
  });
  return {
    apiUrl,
    policyFile,
    endpoints: {
      ...emulators.endpoints,
      secretsManager: secretsManager.endpoint,
      sqs: sqs.endpoint,
      kms: kms.endpoint,
    },
    mailchimp,
    resources,
    runtime,
    auth,
    awsEnvironment,
    strict,
    sesSandbox: sandbox === undefined ? undefined : verifiedIdentities,
    idporten: idporten === undefined ? undefined : { issuer: idporten.issuer },
    stop,
  };
}

/**
 * The policy file the template's functions bundle as `#policy` (lib/personvern-stack.ts records it). A
 * template without it was synthesized before the record existed: refused, rather than guessing a policy.
 */
function templatePolicyFile(template: CfnTemplate): string {
  const policyFile = template.Metadata?.[POLICY_FILE_METADATA];
  if (typeof policyFile !== 'string') {
    throw new Error(
      `The template names no policy file (Metadata "${POLICY_FILE_METADATA}"): synthesize it again`,
    );
  }
  return policyFile;
}

/**
 * The client id the local ID-porten registers, as the functions carry it (IDPORTEN_CLIENT_ID); undefined when
 * no local ID-porten is to run: the template's functions sign no one in with ID-porten (no IDPORTEN_ISSUER),
 * or the developer chose a real one (`-c idportenIssuer=…`, e.g. Digdir's test environment).
 */
function localIdportenClientId(
  resources: LocalResources,
  context: Record<string, unknown> | undefined,
): string | undefined {
  if (context?.idportenIssuer !== undefined) return undefined;
  const environments = [...resources.functions.values()].map((fn) => fn.environment);
  if (!environments.some((environment) => 'IDPORTEN_ISSUER' in environment)) return undefined;
  const clientIds = new Set(environments.flatMap((environment) => environment.IDPORTEN_CLIENT_ID ?? []));
  const [clientId, ...others] = clientIds;
  if (clientId === undefined || clientId === '' || others.length > 0) {
    throw new Error(
      `The template's functions give IDPORTEN_ISSUER, but ${clientId === undefined ? 'no' : 'not one'} ` +
        'IDPORTEN_CLIENT_ID: the local ID-porten registers one client. Synthesize the template again.',
    );
  }
  return clientId;
}

/**
 * The state machine whose running execution waits on a task token: AWS authorizes SendTask* against it. Read
 * through the emulator's public API (running executions and their open callback tasks); undefined for a token
 * that is not open, which the emulator then refuses on its own (InvalidToken, TaskTimedOut).
 */
function stateMachineOfTaskToken(
  stepFunctions: LocalStepFunctions,
  machines: readonly { readonly arn: string }[],
  token: string,
): string | undefined {
  for (const { arn } of machines) {
    let nextToken: string | undefined;
    do {
      const page = stepFunctions.listExecutions({
        stateMachineArn: arn,
        statusFilter: 'RUNNING',
        maxResults: 1000,
        ...(nextToken === undefined ? {} : { nextToken }),
      });
      for (const { executionArn } of page.executions ?? []) {
        if (executionArn === undefined) continue;
        if (stepFunctions.listPendingTasks(executionArn).some((task) => task.taskToken === token)) return arn;
      }
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
  }
  return undefined;
}

/**
 * The template resolves a queue's URL to a placeholder (`http://127.0.0.1/queue/<logical id>`); the functions
 * get the local queue's real URL instead.
 */
function useLocalQueueUrls(resources: LocalResources, queues: ReadonlyMap<string, { url: string }>): void {
  for (const [id, fn] of resources.functions) {
    const environment = Object.fromEntries(
      Object.entries(fn.environment).map(([name, value]) => {
        const queue = /^http:\/\/127\.0\.0\.1\/queue\/([A-Za-z0-9]+)$/.exec(value)?.[1];
        return [name, queue === undefined ? value : (queues.get(queue)?.url ?? value)];
      }),
    );
    resources.functions.set(id, { ...fn, environment });
  }
}

/**
 * Change notices pace themselves to the SES sending rate and back off for 30 s and more between retries;
 * `PERSONVERN_NOTICE_SEND_RATE` (emails a second per sender) and `PERSONVERN_NOTICE_RETRY_SECONDS` (the first
 * retry's delay) shorten that locally, e.g. for a 10,000-recipient run in a test. Same code, other numbers.
 */
function noticeTuning(): Record<string, string> {
  return {
    ...(process.env.PERSONVERN_NOTICE_SEND_RATE
      ? { NOTICE_SEND_RATE: process.env.PERSONVERN_NOTICE_SEND_RATE }
      : {}),
    ...(process.env.PERSONVERN_NOTICE_RETRY_SECONDS
      ? { NOTICE_RETRY_BASE_SECONDS: process.env.PERSONVERN_NOTICE_RETRY_SECONDS }
      : {}),
  };
}

function listen(server: ReturnType<typeof createLocalApi>, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError('local API', port, 'PORT') : error),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

/** Creates each table of the template with its keys and indexes; an existing table (persisted data) is kept. */
async function createTables(tables: LocalTable[], env: Record<string, string>): Promise<void> {
  const client = new DynamoDBClient({
    region: env.AWS_REGION,
    endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const { name, properties } of tables) {
      const p = properties as Record<string, never>;
      try {
        await client.send(
          new CreateTableCommand({
            TableName: name,
            KeySchema: p.KeySchema,
            AttributeDefinitions: p.AttributeDefinitions,
            GlobalSecondaryIndexes: p.GlobalSecondaryIndexes,
            BillingMode: 'PAY_PER_REQUEST',
          }),
        );
        // dynalite reports a new table ACTIVE a tick later: no handler may write to it before then.
        await waitUntilTableExists(
          { client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.5 },
          { TableName: name },
        );
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
        // A table kept from an earlier run: dynalite cannot add indexes to it, so say so plainly.
        const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
        const have = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
        const wanted = ((p.GlobalSecondaryIndexes ?? []) as { IndexName: string }[]).map(
          (index) => index.IndexName,
        );
        const missing = wanted.filter((index) => !have.has(index));
        if (missing.length > 0) throw new LocalDataOutdatedError(name, missing);
      }
    }
  } finally {
    client.destroy();
  }
}

/** The kept local data predates the template's tables: only a fresh start can give them their new indexes. */
export class LocalDataOutdatedError extends Error {
  override readonly name = 'LocalDataOutdatedError';

  constructor(table: string, missing: string[]) {
    super(
      `The local table ${table} was made before its indexes ${missing.join(', ')} existed, and the local ` +
        'DynamoDB cannot add them. Start again with `npm start -- --fresh` (this empties the local data).',
    );
  }
}
