import type { CfnResource } from 'aws-cdk-lib';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { EidCallbackEnv, StaffApiEnv, StartEidEnv } from '../../lambdas/config/environments';
import { AppFunction } from './app-function';
import type { PseudonymKey } from './pseudonym-key';
import type { PublicApi } from './public-api';
import { grantTable } from './table-grants';
import { encryptedWorkflow, grantTaskResponseEncrypted } from './workflow-grants';

/** Which ID-porten, and who we are there (settings `idportenIssuer`, `idportenClientId`). */
export interface IdportenSettings {
  readonly issuer: string;
  readonly clientId: string;
}

export interface EidSignInProps {
  readonly api: PublicApi;
  readonly table: ITable;
  readonly key: IKey;
  readonly pseudonymKey: PseudonymKey;
  readonly publicBaseUrl: string;
  /** The request workflow, which a sign-in that completes verification resumes. */
  readonly workflow: StateMachine;
  readonly idporten: IdportenSettings;
  /** Staff routes' Cognito authorizer: the number is shown to staff on demand. */
  readonly staffAuthorizer: IAuthorizer;
}

/**
 * Requesters prove who they are with ID-porten (docs/id-porten.md): `GET /requests/{id}/eid` starts the
 * sign-in, `GET /eid/callback` finishes it. Only the callback holds the client key (`private_key_jwt`),
 * kept in a secret that operators fill with `personvern idporten keygen` after registering with Digdir.
 */
export class EidSignIn extends Construct {
  readonly clientKey: Secret;
  /**
   * The national identity number's own key. The stack's data key cannot protect it: every function with
   * table access may decrypt under that one (docs/id-porten.md, finding 5). Two roles only, each for one
   * action, and only with the number's encryption context.
   */
  readonly nationalIdKey: Key;

  constructor(scope: Construct, id: string, props: EidSignInProps) {
    super(scope, id);
    const { table, key } = props;
    this.clientKey = new Secret(this, 'IdportenClientKey', {
      description: 'ID-porten client key for private_key_jwt: {"kid","privateJwk"}; set after registering.',
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const ruleId of [
      'AwsSolutions-SMG4',
      'NIST.800.53.R5-SecretsManagerRotationEnabled',
      'HIPAA.Security-SecretsManagerRotationEnabled',
    ]) {
      Validations.of(this.clientKey).acknowledge({
        id: ruleId,
        reason:
          'The key pair is registered in Digdir’s self-service; no rotation Lambda can register a new public key there. Operators rotate it by hand (docs/id-porten.md).',
      });
    }
    // The local stack fills it with a key pair its local provider trusts (local/stack.ts).
    (this.clientKey.node.defaultChild as CfnResource).addMetadata('personvern:local-fake', 'idporten');

    this.nationalIdKey = new Key(this, 'NationalIdKey', {
      description: 'Personvern: national identity numbers from ID-porten (envelope encryption)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const environment = {
      TABLE_NAME: table.tableName,
      PUBLIC_BASE_URL: props.publicBaseUrl,
      IDPORTEN_ISSUER: props.idporten.issuer,
      IDPORTEN_CLIENT_ID: props.idporten.clientId,
      ...props.pseudonymKey.environment,
    };
    const start = new AppFunction(this, 'StartEid', {
      entry: 'lambdas/handlers/api/start-eid.ts',
      description: 'GET /requests/{id}/eid: starts an ID-porten sign-in bound to the request and the browser',
      envSchema: StartEidEnv,
      environment,
      reservedConcurrentExecutions: 5,
      logKey: key,
    });
    // The request (GetItem), the flow (PutItem), the rate counters (UpdateItem).
    grantTable(table, key, start, ['GetItem', 'PutItem', 'UpdateItem']);
    props.pseudonymKey.grantUse(start);
    props.api.addPublicRoute('GET', 'requests/{id}/eid', start);

    const callback = new AppFunction(this, 'EidCallback', {
      entry: 'lambdas/handlers/api/eid-callback.ts',
      description: 'GET /eid/callback: checks the ID-porten sign-in and records it on the request',
      envSchema: EidCallbackEnv,
      environment: {
        ...environment,
        IDPORTEN_CLIENT_KEY_SECRET_ARN: this.clientKey.secretArn,
        NATIONAL_ID_KEY_ARN: this.nationalIdKey.keyArn,
      },
      // A cold callback calls ID-porten up to three times in a row (discovery, token, keys), 5 s each at most.
      timeout: Duration.seconds(20),
      reservedConcurrentExecutions: 5,
      logKey: key,
    });
    // The flow and the request (GetItem, UpdateItem); Query and PutItem to append to the audit trail.
    grantTable(table, key, callback, ['GetItem', 'UpdateItem', 'Query', 'PutItem']);
    props.pseudonymKey.grantUse(callback);
    this.clientKey.grantRead(callback);
    grantTaskResponseEncrypted(encryptedWorkflow(props.workflow), callback);
    this.grantNationalId(callback.executionRole, 'kms:GenerateDataKey');
    props.api.addPublicRoute('GET', 'eid/callback', callback);

    const reveal = new AppFunction(this, 'RevealNationalId', {
      entry: 'lambdas/handlers/staff/reveal-national-id.ts',
      description: 'Staff API: POST /staff/requests/{id}/national-id (audited before it is opened)',
      envSchema: StaffApiEnv,
      environment: { TABLE_NAME: table.tableName },
      reservedConcurrentExecutions: 5,
      logKey: key,
    });
    // The request (GetItem) and the sealed number (GetItem); Query and PutItem to append the view to the trail.
    grantTable(table, key, reveal, ['GetItem', 'Query', 'PutItem']);
    this.grantNationalId(reveal.executionRole, 'kms:Decrypt');
    props.api.addStaffRoute('POST', 'staff/requests/{id}/national-id', reveal, props.staffAuthorizer);
  }

  /** One KMS action on the number's key, for the number's purpose only (the encryption context). */
  private grantNationalId(role: IRole, action: 'kms:GenerateDataKey' | 'kms:Decrypt'): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [action],
        resources: [this.nationalIdKey.keyArn],
        conditions: { StringEquals: { 'kms:EncryptionContext:purpose': 'national-id' } },
      }),
    );
  }
}
