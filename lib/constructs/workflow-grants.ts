import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { CfnStateMachine, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';

/**
 * A state machine whose definition and execution history are encrypted with a customer-managed key
 * (`CustomerManagedEncryptionConfiguration`). Its ARN is the value of the encryption context Step Functions
 * passes to KMS, `aws:states:stateMachineArn`.
 */
export interface EncryptedWorkflow {
  readonly stateMachineArn: string;
  readonly keyArn: string;
}

/**
 * The machine's ARN and the key it is encrypted with, read from the machine itself so a grant cannot name
 * another key. `stateMachineArn` replaces the machine's own (a token) where that would make a circular
 * reference: a function the machine invokes that also resumes it must name the ARN by the machine's name.
 */
export function encryptedWorkflow(
  machine: StateMachine,
  stateMachineArn = machine.stateMachineArn,
): EncryptedWorkflow {
  const encryption = (machine.node.defaultChild as CfnStateMachine).encryptionConfiguration as
    | CfnStateMachine.EncryptionConfigurationProperty
    | undefined;
  if (encryption?.type !== 'CUSTOMER_MANAGED_KMS_KEY' || encryption.kmsKeyId === undefined) {
    throw new Error(`State machine ${machine.node.path} is not encrypted with a customer-managed key`);
  }
  return { stateMachineArn, keyArn: encryption.kmsKeyId };
}

/**
 * Step Functions encrypts with the caller's own permissions: `StartExecution` needs `kms:GenerateDataKey`
 * (the execution's input is encrypted), and `SendTaskSuccess`/`Failure`/`Heartbeat` need `kms:Decrypt` and
 * `kms:GenerateDataKey` (the task's output, error and cause are encrypted). CDK grants the state machine's
 * own role its key use, but not the callers'; without these, every call fails with KmsAccessDeniedException
 * on AWS while the local stack, which has no KMS, works. These functions are the only way we grant the
 * calls, so the key use cannot be forgotten. The key may be used for this state machine's data only.
 *
 * Starters also get `kms:Decrypt`: a Step Functions engineer lists it for StartExecution beside
 * `kms:GenerateDataKey` (aws-samples/aws-stepfunctions-examples#74), and data keys are reused for up to
 * five minutes. Without it every submission could fail on the first deploy; with it a starter can decrypt
 * nothing it could not already read, since it may not read the machine's history.
 */
export function grantStartEncrypted(workflow: EncryptedWorkflow, grantee: IGrantable): void {
  Grant.addToPrincipal({
    grantee,
    actions: ['states:StartExecution'],
    resourceArns: [workflow.stateMachineArn],
  });
  grantKeyFor(workflow, grantee, ['kms:Decrypt', 'kms:GenerateDataKey']);
}

export type TaskResponseAction = 'SendTaskSuccess' | 'SendTaskFailure' | 'SendTaskHeartbeat';

/** Resuming callback tasks; by default all three responses (as `grantTaskResponse` grants them). */
export function grantTaskResponseEncrypted(
  workflow: EncryptedWorkflow,
  grantee: IGrantable,
  actions: readonly TaskResponseAction[] = ['SendTaskSuccess', 'SendTaskFailure', 'SendTaskHeartbeat'],
): void {
  Grant.addToPrincipal({
    grantee,
    actions: actions.map((action) => `states:${action}`),
    resourceArns: [workflow.stateMachineArn],
  });
  grantKeyFor(workflow, grantee, ['kms:Decrypt', 'kms:GenerateDataKey']);
}

function grantKeyFor(workflow: EncryptedWorkflow, grantee: IGrantable, actions: string[]): void {
  Grant.addToPrincipal({
    grantee,
    actions,
    resourceArns: [workflow.keyArn],
    conditions: {
      StringEquals: { 'kms:EncryptionContext:aws:states:stateMachineArn': workflow.stateMachineArn },
    },
  });
}
