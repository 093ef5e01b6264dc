import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DynamoStaffTasks } from '../../adapters/store/dynamo-staff-tasks';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { WorkflowStepEnv } from '../../config/environments';
import { openTaskStep } from '../../domain/workflow/steps';
import type { StaffTaskType } from '../../domain/workflow/tasks';
import { workflowTask } from './task';

const env = WorkflowStepEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  tasks: new DynamoStaffTasks(documents, env.TABLE_NAME),
  progress: new DynamoWorkflow(documents, env.TABLE_NAME).progress,
  clock: () => new Date(),
};

interface OpenTaskInput {
  requestId: string;
  type: StaffTaskType;
  systemId?: string;
  stage?: string;
  taskToken: string;
}

/** A `.waitForTaskToken` task: opens the staff task and keeps the token on it, out of every log. */
export const handler = workflowTask('OpenStaffTask', (input: OpenTaskInput) => openTaskStep(input, deps));
