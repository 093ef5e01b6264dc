import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { WorkflowStarter } from '../../domain/ports/workflow-starter';

/**
 * Starts one execution per id, named by the id: Step Functions refuses a second execution with the
 * same name, which makes a retried start harmless. The input is the id only: personal data stays
 * in the table, never in execution history.
 */
export class StepFunctionsStarter implements WorkflowStarter {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
    private readonly inputKey: string,
  ) {}

  async start(id: string): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: id,
          input: JSON.stringify({ [this.inputKey]: id }),
        }),
      );
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return;
      throw error;
    }
  }
}
