import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';

/** cdk-nag findings every state machine shares, each with the reason we accept it (listed in docs/security.md). */
export function acknowledgeWorkflowFindings(machine: StateMachine, invoked: IFunction[]): void {
  const role = machine.role;
  const ack = (id: string, reason: string) => Validations.of(role).acknowledge({ id, reason });
  ack(
    'AwsSolutions-IAM5[Resource::*]',
    'X-Ray tracing and CloudWatch Logs delivery for Step Functions support no resource-level permissions.',
  );
  for (const fn of invoked) {
    ack(
      `AwsSolutions-IAM5[Resource::<${Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
      'Step Functions invokes the function by a qualified ARN (version or alias); the wildcard covers qualifiers of this one function only.',
    );
  }
  for (const id of ['HIPAA.Security-IAMNoInlinePolicy', 'NIST.800.53.R5-IAMNoInlinePolicy']) {
    ack(
      id,
      "The state machine role's one inline policy is generated from CDK grants on the functions it invokes.",
    );
  }
}
