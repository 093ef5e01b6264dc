/**
 * What a call to an emulated AWS service asks IAM for: the action (`dynamodb:PutItem`) and the resource ARN, one
 * check per resource (a BatchWriteItem over two tables needs the action on both). Built from the wire request the
 * SDK sent, the way the real service derives it. An operation this does not know is an UnmappedRequestError:
 * the check then refuses the call rather than letting it through unchecked.
 */
import { ciphertextKeyArn } from '../emulators/kms';
import type { TemplateEncryption } from '../template/encryption';
import { secretArn } from '../template/iam';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../template/intrinsics';

export type CheckedService = 'dynamodb' | 'stepfunctions' | 'ses' | 'sqs' | 'secretsmanager' | 'kms';

export interface AccessCheck {
  readonly action: string;
  readonly resource: string;
  /**
   * Request-specific condition keys the service supplies (S3's `s3:prefix` on a listing); a list for a
   * multivalued key (`kms:EncryptionContextKeys`).
   */
  readonly conditions?: Readonly<Record<string, string | string[]>>;
}

export interface WireRequest {
  readonly method: string;
  /** Path and query, as the HTTP request line has it. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface MappingContext {
  /** The state machine whose execution issued a task token, if the token is open (SendTask* calls). */
  readonly stateMachineOfTaskToken?: (taskToken: string) => string | undefined;
  /** The template's SES identities (`example.org`, or an address), to find the one a sender address uses. */
  readonly sesIdentities?: readonly string[];
  /**
   * The KMS keys of the template's queues and secrets: their calls need kms:* on the key as well. `keyArnOf`
   * names a key as policies do, from the form a handler has (`…:<logical id>`) or any other.
   */
  readonly encryption?: Pick<TemplateEncryption, 'queues' | 'secrets'> &
    Partial<Pick<TemplateEncryption, 'keyArnOf'>>;
}

export class UnmappedRequestError extends Error {
  override readonly name = 'UnmappedRequestError';
  constructor(service: CheckedService, operation: string) {
    super(`The local IAM check does not know which action ${service} ${operation} needs`);
  }
}

const arn = (service: string, resource: string) =>
  `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;

export function accessChecks(
  service: CheckedService,
  request: WireRequest,
  context: MappingContext = {},
): AccessCheck[] {
  switch (service) {
    case 'dynamodb':
      return dynamodbChecks(request);
    case 'stepfunctions':
      return stepFunctionsChecks(request, context);
    case 'ses':
      return sesChecks(request, context);
    case 'sqs':
      return sqsChecks(request, context);
    case 'secretsmanager':
      return secretsManagerChecks(request, context);
    case 'kms':
      return kmsDirectChecks(request, context);
  }
}

type Body = Record<string, unknown>;

function jsonBody(request: WireRequest): Body {
  if (request.body.trim() === '') return {};
  try {
    const parsed = JSON.parse(request.body) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as Body) : {};
  } catch {
    return {};
  }
}

/** `X-Amz-Target: <Prefix>.<Operation>` of the JSON protocols. */
function targetOperation(request: WireRequest): string {
  const target = String(request.headers['x-amz-target'] ?? '');
  return target.slice(target.lastIndexOf('.') + 1);
}

const tableArn = (name: unknown) => {
  const table = String(name ?? '');
  return table.startsWith('arn:') ? table : arn('dynamodb', `table/${table}`);
};

const DYNAMODB_ACCOUNT_LEVEL = new Set(['ListTables', 'DescribeLimits', 'DescribeEndpoints', 'ListBackups']);
const TRANSACT_WRITE_ACTIONS: Readonly<Record<string, string>> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

function dynamodbChecks(request: WireRequest): AccessCheck[] {
  const operation = targetOperation(request);
  const body = jsonBody(request);
  const action = `dynamodb:${operation}`;
  switch (operation) {
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys((body.RequestItems as Body) ?? {}).map((table) => ({
        action,
        resource: tableArn(table),
      }));
    case 'TransactWriteItems':
      return ((body.TransactItems as Body[]) ?? []).flatMap((item) =>
        Object.entries(item).flatMap(([kind, detail]) => {
          const itemAction = TRANSACT_WRITE_ACTIONS[kind];
          if (itemAction === undefined) throw new UnmappedRequestError('dynamodb', `${operation} ${kind}`);
          return [{ action: itemAction, resource: tableArn((detail as Body).TableName) }];
        }),
      );
    case 'TransactGetItems':
      return ((body.TransactItems as { Get?: Body }[]) ?? []).map((item) => ({
        action: 'dynamodb:GetItem',
        resource: tableArn(item.Get?.TableName),
      }));
    case 'Query':
    case 'Scan': {
      const table = tableArn(body.TableName);
      return [
        {
          action,
          resource: typeof body.IndexName === 'string' ? `${table}/index/${body.IndexName}` : table,
        },
      ];
    }
  }
  if (DYNAMODB_ACCOUNT_LEVEL.has(operation)) return [{ action, resource: '*' }];
  if (operation !== '' && typeof body.TableName === 'string')
    return [{ action, resource: tableArn(body.TableName) }];
  throw new UnmappedRequestError('dynamodb', operation || String(request.headers['x-amz-target']));
}

const SEND_TASK = new Set(['SendTaskSuccess', 'SendTaskFailure', 'SendTaskHeartbeat']);

function stepFunctionsChecks(request: WireRequest, context: MappingContext): AccessCheck[] {
  const operation = targetOperation(request);
  const body = jsonBody(request);
  const action = `states:${operation}`;
  switch (operation) {
    case 'StartExecution':
    case 'StartSyncExecution':
    case 'ListExecutions':
    case 'DescribeStateMachine':
      return [{ action, resource: String(body.stateMachineArn ?? '') }];
    case 'DescribeExecution':
    case 'StopExecution':
    case 'GetExecutionHistory':
    case 'RedriveExecution':
    case 'DescribeStateMachineForExecution':
      return [{ action, resource: String(body.executionArn ?? '') }];
    case 'ListStateMachines':
    case 'ListActivities':
      return [{ action, resource: '*' }];
  }
  if (SEND_TASK.has(operation)) {
    // AWS checks SendTask* against the state machine whose execution issued the token (its AccessDenied names
    // `…:stateMachine:<name>`), although the Service Authorization Reference lists no resource type for them.
    // A token that is no longer open is left to the emulator, which answers InvalidToken or TaskTimedOut.
    const machine = context.stateMachineOfTaskToken?.(String(body.taskToken ?? ''));
    return machine === undefined ? [] : [{ action, resource: machine }];
  }
  throw new UnmappedRequestError('stepfunctions', operation || String(request.headers['x-amz-target']));
}

/** The address in `Name <address>` or a bare address. */
function emailAddress(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

function identityArn(from: string, context: MappingContext): string {
  const address = emailAddress(from).toLowerCase();
  const identities = (context.sesIdentities ?? []).map((identity) => identity.toLowerCase());
  // SES authorizes a sender against the identity that verifies it: the address itself if it is one, else its domain.
  const identity = identities.includes(address) ? address : address.slice(address.lastIndexOf('@') + 1);
  return arn('ses', `identity/${identity}`);
}

function sesChecks(request: WireRequest, context: MappingContext): AccessCheck[] {
  const path = new URL(request.url, 'http://localhost').pathname;
  const method = request.method.toUpperCase();
  if (method === 'POST' && path === '/') {
    // SES v1, the query protocol: Action=SendEmail&Source=…
    const form = new URLSearchParams(request.body);
    const operation = form.get('Action') ?? '';
    if (operation === 'SendEmail' || operation === 'SendRawEmail') {
      const source = form.get('SourceArn') ?? form.get('Source') ?? '';
      const resource = source.startsWith('arn:') ? source : identityArn(source, context);
      const configurationSet = form.get('ConfigurationSetName');
      return [
        { action: `ses:${operation}`, resource },
        ...(configurationSet
          ? [{ action: `ses:${operation}`, resource: arn('ses', `configuration-set/${configurationSet}`) }]
          : []),
      ];
    }
    throw new UnmappedRequestError('ses', operation || 'POST /');
  }
  if (method === 'GET' && path === '/v2/email/account') return [{ action: 'ses:GetAccount', resource: '*' }];
  if (
    method === 'POST' &&
    (path === '/v2/email/outbound-emails' || path === '/v2/email/outbound-bulk-emails')
  ) {
    const body = jsonBody(request);
    const action = path.endsWith('bulk-emails') ? 'ses:SendBulkEmail' : 'ses:SendEmail';
    const identity =
      typeof body.FromEmailAddressIdentityArn === 'string'
        ? body.FromEmailAddressIdentityArn
        : identityArn(String(body.FromEmailAddress ?? ''), context);
    const configurationSet = body.ConfigurationSetName;
    // SES v2 authorizes SendEmail against the sending identity and, when one is named, the configuration set.
    return [
      { action, resource: identity },
      ...(typeof configurationSet === 'string'
        ? [{ action, resource: arn('ses', `configuration-set/${configurationSet}`) }]
        : []),
    ];
  }
  const template = /^\/v2\/email\/templates(?:\/([^/]+))?(\/render)?$/.exec(path);
  if (template !== null) {
    const name = template[1] === undefined ? undefined : decodeURIComponent(template[1]);
    const named = (action: string, templateName: string | undefined) => [
      { action, resource: arn('ses', `template/${templateName ?? ''}`) },
    ];
    if (template[2] !== undefined) return named('ses:TestRenderEmailTemplate', name);
    if (method === 'GET' && name === undefined) return [{ action: 'ses:ListEmailTemplates', resource: '*' }];
    if (method === 'POST' && name === undefined)
      return named('ses:CreateEmailTemplate', String(jsonBody(request).TemplateName ?? ''));
    if (method === 'GET') return named('ses:GetEmailTemplate', name);
    if (method === 'PUT') return named('ses:UpdateEmailTemplate', name);
    if (method === 'DELETE') return named('ses:DeleteEmailTemplate', name);
  }
  throw new UnmappedRequestError('ses', `${method} ${path}`);
}

const SQS_BATCH_ACTIONS: Readonly<Record<string, string>> = {
  SendMessageBatch: 'SendMessage',
  DeleteMessageBatch: 'DeleteMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
};

/**
 * What KMS asks of the caller when a service uses a customer managed key on its behalf: the actions on the
 * key, with the condition keys KMS then supplies (kms:ViaService `<service>.<region>.amazonaws.com`,
 * kms:CallerAccount, and the service's encryption context). No key, no checks.
 */
export function kmsChecks(
  service: 's3' | 'sqs' | 'secretsmanager',
  keyArn: string | undefined,
  actions: readonly string[],
  encryptionContext: Readonly<Record<string, string>>,
): AccessCheck[] {
  if (keyArn === undefined) return [];
  const conditions = {
    'kms:ViaService': `${service}.${LOCAL_REGION}.amazonaws.com`,
    ...encryptionContextConditions(encryptionContext),
  };
  return actions.map((action) => ({ action, resource: keyArn, conditions }));
}

/**
 * The condition keys KMS supplies with every call on a symmetric key: the caller's account, the algorithm, each
 * pair of the encryption context as `kms:EncryptionContext:<key>` and its keys as `kms:EncryptionContextKeys`
 * (absent with no context, as in KMS, so ForAllValues holds and ForAnyValue does not).
 */
function encryptionContextConditions(
  encryptionContext: Readonly<Record<string, string>>,
): Record<string, string | string[]> {
  const keys = Object.keys(encryptionContext);
  return {
    'kms:CallerAccount': LOCAL_ACCOUNT,
    'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT',
    ...Object.fromEntries(
      Object.entries(encryptionContext).map(([key, value]) => [`kms:EncryptionContext:${key}`, value]),
    ),
    ...(keys.length === 0 ? {} : { 'kms:EncryptionContextKeys': keys }),
  };
}

/**
 * The checks of an SQS call on a queue: the action, and for a queue with a KMS key what SQS asks KMS for with
 * the caller's credentials: sending takes kms:GenerateDataKey and kms:Decrypt, receiving kms:Decrypt.
 */
export function sqsQueueChecks(
  operation: string,
  queueArn: string,
  context: MappingContext = {},
): AccessCheck[] {
  const action = `sqs:${SQS_BATCH_ACTIONS[operation] ?? operation}`;
  const key = context.encryption?.queues.get(queueArn);
  const kms =
    action === 'sqs:SendMessage'
      ? ['kms:GenerateDataKey', 'kms:Decrypt']
      : action === 'sqs:ReceiveMessage'
        ? ['kms:Decrypt']
        : [];
  return [{ action, resource: queueArn }, ...kmsChecks('sqs', key, kms, { 'aws:sqs:arn': queueArn })];
}

function sqsChecks(request: WireRequest, context: MappingContext): AccessCheck[] {
  const json = String(request.headers['x-amz-target'] ?? '').startsWith('AmazonSQS.');
  const form = json ? undefined : new URLSearchParams(request.body);
  const operation = json ? targetOperation(request) : (form?.get('Action') ?? '');
  const param = (name: string): string | undefined => {
    const value = json ? jsonBody(request)[name] : form?.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  if (operation === '') throw new UnmappedRequestError('sqs', `${request.method} ${request.url}`);
  const action = `sqs:${SQS_BATCH_ACTIONS[operation] ?? operation}`;
  if (operation === 'ListQueues') return [{ action, resource: '*' }];
  if (operation === 'GetQueueUrl' || operation === 'CreateQueue') {
    return [{ action, resource: arn('sqs', param('QueueName') ?? '') }];
  }
  // The query protocol may name the queue by the request's path instead (`/<account>/<queue>`).
  const queueUrl = param('QueueUrl') ?? new URL(request.url, 'http://localhost').href;
  const queueName = new URL(queueUrl, 'http://localhost').pathname.split('/').filter(Boolean).pop();
  if (queueName === undefined) throw new UnmappedRequestError('sqs', `${operation} without a queue`);
  return sqsQueueChecks(operation, arn('sqs', queueName), context);
}

/** Reading a secret decrypts it with its key, writing one makes a data key, through Secrets Manager. */
const SECRET_KMS_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  GetSecretValue: ['kms:Decrypt'],
  PutSecretValue: ['kms:GenerateDataKey'],
};

function secretsManagerChecks(request: WireRequest, context: MappingContext): AccessCheck[] {
  const withKey = (action: string, secret: string): AccessCheck[] => [
    { action, resource: secret },
    ...kmsChecks(
      'secretsmanager',
      context.encryption?.secrets.get(secret),
      SECRET_KMS_ACTIONS[action.slice(action.indexOf(':') + 1)] ?? [],
      { SecretARN: secret },
    ),
  ];
  const operation = targetOperation(request);
  const body = jsonBody(request);
  const action = `secretsmanager:${operation}`;
  if (operation === 'ListSecrets' || operation === 'GetRandomPassword') return [{ action, resource: '*' }];
  if (operation === 'BatchGetSecretValue') {
    return ((body.SecretIdList as unknown[]) ?? []).flatMap((id) =>
      withKey('secretsmanager:GetSecretValue', secretArn(String(id))),
    );
  }
  if (operation !== '' && typeof body.SecretId === 'string') return withKey(action, secretArn(body.SecretId));
  throw new UnmappedRequestError('secretsmanager', operation || String(request.headers['x-amz-target']));
}

/** The operations of the local KMS that act on one key, named by KeyId. */
const KMS_KEY_OPERATIONS = new Set(['GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'Encrypt']);

/** A key reference as policies name it: the template's key if it is one, else its ARN as KMS would write it. */
function kmsKeyArn(reference: string, context: MappingContext): string {
  const known = context.encryption?.keyArnOf?.(reference);
  if (known !== undefined) return known;
  if (reference.startsWith('arn:')) return reference;
  return arn('kms', reference.startsWith('alias/') ? reference : `key/${reference}`);
}

/**
 * A function's own call to KMS (the national identity number's envelope): the action on the key, with the
 * encryption context as condition keys. Decrypt is authorized against the key the ciphertext names, as KMS
 * does, not against KeyId, which only has to agree with it; a blob that names no key is let through to the
 * stand-in, which can decrypt nothing without a key and answers InvalidCiphertextException, as KMS does.
 */
function kmsDirectChecks(request: WireRequest, context: MappingContext): AccessCheck[] {
  const operation = targetOperation(request);
  const body = jsonBody(request);
  const encryptionContext =
    body.EncryptionContext !== null && typeof body.EncryptionContext === 'object'
      ? Object.fromEntries(
          Object.entries(body.EncryptionContext as Body).map(([key, value]) => [key, String(value)]),
        )
      : {};
  const check = (reference: string): AccessCheck[] => [
    {
      action: `kms:${operation}`,
      resource: kmsKeyArn(reference, context),
      conditions: encryptionContextConditions(encryptionContext),
    },
  ];
  if (operation === 'Decrypt') {
    const blob =
      typeof body.CiphertextBlob === 'string' ? Buffer.from(body.CiphertextBlob, 'base64') : undefined;
    const named = blob === undefined ? undefined : ciphertextKeyArn(blob);
    return named === undefined ? [] : check(named);
  }
  if (KMS_KEY_OPERATIONS.has(operation) && typeof body.KeyId === 'string') return check(body.KeyId);
  throw new UnmappedRequestError('kms', operation || String(request.headers['x-amz-target']));
}
