import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface PseudonymKeyProps {
  readonly key: IKey;
}

/**
 * The secret key behind every pseudonym of an email or client address (lambdas/domain/pseudonyms.ts).
 * CloudFormation has Secrets Manager generate it at the first deploy, so it is never in the template, the
 * repository or a deployer's shell. It is kept when the stack is deleted and never rotated: a new key
 * would leave every stored pseudonym (requests, holds, suppressions, notice consents) unfindable.
 */
export class PseudonymKey extends Construct {
  readonly secret: Secret;
  /** The variable that tells a handler where the key is (config/environments.ts, PseudonymKeyEnv). */
  readonly environment: { readonly PSEUDONYM_KEY_SECRET_ARN: string };

  constructor(scope: Construct, id: string, props: PseudonymKeyProps) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description:
        'Key of the pseudonyms by which items about a person are found (HMAC-SHA-256). Never rotate.',
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
      // 64 characters from 62 letters and digits: about 381 bits, more than HMAC-SHA-256's 256.
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    for (const ruleId of [
      'AwsSolutions-SMG4',
      'NIST.800.53.R5-SecretsManagerRotationEnabled',
      'HIPAA.Security-SecretsManagerRotationEnabled',
    ]) {
      Validations.of(this.secret).acknowledge({
        id: ruleId,
        reason:
          'Rotating the pseudonym key would orphan every stored pseudonym; it is a long-lived key by design (docs/security.md).',
      });
    }
    this.environment = { PSEUDONYM_KEY_SECRET_ARN: this.secret.secretArn };
  }

  /** Lets `fn` read the key (GetSecretValue, and kms:Decrypt through Secrets Manager only). */
  grantUse(fn: IGrantable): void {
    this.secret.grantRead(fn);
  }
}
