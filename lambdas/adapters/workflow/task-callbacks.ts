import {
  InvalidToken,
  SendTaskSuccessCommand,
  type SFNClient,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { VerificationCallback } from '../../domain/requests/record';

/**
 * Completes a waiting workflow task. The output is empty: what the workflow needs next it reads from the
 * table by id, so nothing personal passes through the execution history.
 */
export class StepFunctionsCallback implements VerificationCallback {
  constructor(private readonly client: SFNClient) {}

  async resume(taskToken: string): Promise<boolean> {
    try {
      await this.client.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));
      return true;
    } catch (error) {
      // The task already ended: resumed by an earlier call, or timed out. Either way there is nothing to do.
      if (
        error instanceof TaskTimedOut ||
        error instanceof TaskDoesNotExist ||
        error instanceof InvalidToken
      ) {
        return false;
      }
      throw error;
    }
  }
}

/** Completes a staff task's callback state with the decision only: `{ decision }`, never the comment. */
export class StepFunctionsTaskResumer {
  constructor(private readonly client: SFNClient) {}

  async resume(taskToken: string, output: { decision: 'approve' | 'reject' }): Promise<boolean> {
    try {
      await this.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
      return true;
    } catch (error) {
      if (
        error instanceof TaskTimedOut ||
        error instanceof TaskDoesNotExist ||
        error instanceof InvalidToken
      ) {
        return false;
      }
      throw error;
    }
  }
}
