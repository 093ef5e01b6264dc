import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EncryptionKey } from './constructs/encryption-key';
import { PolicyService } from './constructs/policy-service';
import { PublicApi } from './constructs/public-api';

export interface PersonvernStackProps extends StackProps {
  /** The policy document to serve, relative to the repository root. */
  readonly policyFile?: string;
}

/** Wires the capabilities together; each construct owns its own resources and grants. */
export class PersonvernStack extends Stack {
  readonly api: PublicApi;

  constructor(scope: Construct, id: string, props: PersonvernStackProps = {}) {
    super(scope, id, props);
    const { key } = new EncryptionKey(this, 'Encryption');
    this.api = new PublicApi(this, 'PublicApi', { logKey: key });
    new PolicyService(this, 'Policy', {
      api: this.api,
      logKey: key,
      policyFile: props.policyFile ?? 'policy/sterk.json',
    });
  }
}
