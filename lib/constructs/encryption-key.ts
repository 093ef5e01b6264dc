import { Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type CfnKey, Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The customer-managed key for everything Personvern keeps at rest: tables, buckets and log groups.
 * CloudWatch Logs may use it only for this stack's log groups.
 */
export class EncryptionKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new Key(this, 'Key', {
      description: 'Personvern data at rest',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:*`,
          },
        },
      }),
    );
    this.bindLogDeliveryToThisAccount(stack);
  }

  /**
   * A state machine that logs with its key encrypted makes CDK add `kms:Decrypt*` for the log delivery
   * service with no condition, so any account's log delivery could ask. The rendered policy gets the
   * conditions AWS documents for vended logs: this account, and log deliveries in this region of it.
   * Rendered at synth (a lazy value), when every construct has added its statements.
   */
  private bindLogDeliveryToThisAccount(stack: Stack): void {
    const cfnKey = this.key.node.defaultChild as CfnKey;
    const policy: unknown = cfnKey.keyPolicy;
    const condition = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:*` },
    };
    cfnKey.addPropertyOverride(
      'KeyPolicy',
      Lazy.any({
        produce: () => {
          const rendered = stack.resolve(policy) as { Statement: KeyPolicyStatement[] };
          return {
            ...rendered,
            Statement: rendered.Statement.map((statement) =>
              statement.Principal?.Service === 'delivery.logs.amazonaws.com' &&
              statement.Condition === undefined
                ? { ...statement, Condition: stack.resolve(condition) }
                : statement,
            ),
          };
        },
      }),
    );
  }
}

interface KeyPolicyStatement {
  readonly Principal?: { readonly Service?: unknown };
  readonly Condition?: unknown;
}
