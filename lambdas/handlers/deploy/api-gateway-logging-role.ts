import { APIGatewayClient, GetAccountCommand, UpdateAccountCommand } from '@aws-sdk/client-api-gateway';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { logger } from '../../adapters/observability/logger';

/**
 * A CloudFormation custom resource: makes sure the account has the role API Gateway writes logs with.
 *
 * The setting is one per account and region, shared by every API in it. CDK's `cloudWatchRole: true`
 * overwrites it with each stack's own role and deletes that role with the stack, which breaks the logging
 * of every other stack in the account (a test and a production stack side by side). So: a role that is
 * already set is left alone, ours is set only where none is, and nothing is undone on delete.
 */
export function loggingRoleToSet(currentRoleArn: string | undefined, ourRoleArn: string): string | undefined {
  return currentRoleArn === undefined || currentRoleArn === '' ? ourRoleArn : undefined;
}

const apiGateway = new APIGatewayClient();

export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  const physicalResourceId = 'api-gateway-account-logging-role';
  let status: 'SUCCESS' | 'FAILED' = 'SUCCESS';
  let reason = 'ok';
  try {
    if (event.RequestType !== 'Delete') {
      const ours = String(event.ResourceProperties.RoleArn);
      const { cloudwatchRoleArn } = await apiGateway.send(new GetAccountCommand({}));
      const toSet = loggingRoleToSet(cloudwatchRoleArn, ours);
      if (toSet !== undefined) {
        await apiGateway.send(
          new UpdateAccountCommand({
            patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: toSet }],
          }),
        );
      }
      reason = toSet === undefined ? 'the account already has a logging role' : 'set our logging role';
      logger.info('API Gateway logging role', { kept: toSet === undefined });
    }
  } catch (error) {
    status = 'FAILED';
    reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
    logger.error('API Gateway logging role', { error });
  }
  // CloudFormation waits for this answer on the presigned URL it gave; without it the deploy hangs for an hour.
  await fetch(event.ResponseURL, {
    method: 'PUT',
    headers: { 'content-type': '' },
    body: JSON.stringify({
      Status: status,
      Reason: reason,
      PhysicalResourceId: physicalResourceId,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
    }),
  });
}
