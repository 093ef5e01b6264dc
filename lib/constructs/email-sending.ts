import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, EmailIdentity, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface EmailSendingProps {
  /** The address mail is sent from; its domain becomes the verified SES identity. */
  readonly mailFrom: string;
}

/** The SES identity and configuration set every email goes through, with bounce/complaint suppression. */
export class EmailSending extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly mailFrom: string;
  private readonly identity: EmailIdentity;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    this.mailFrom = props.mailFrom;
    const domain = props.mailFrom.split('@')[1] ?? props.mailFrom;
    this.identity = new EmailIdentity(this, 'Identity', { identity: Identity.domain(domain) });
    // Kept when the stack is deleted: its DKIM tokens are published in the domain's DNS, and a new
    // identity would get new ones and send unsigned mail until the DNS is changed again.
    this.identity.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
  }

  /** Lets `grantee` send through this identity and configuration set only. */
  grantSend(grantee: IGrantable): void {
    const configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail'],
      resourceArns: [this.identity.emailIdentityArn, configurationSetArn],
    });
  }
}
