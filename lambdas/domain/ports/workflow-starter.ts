/**
 * The port through which the domain starts a workflow: the contact emails for a message, the request
 * workflow for a request (adapters/workflow/step-functions-starter.ts on AWS).
 */
export interface WorkflowStarter {
  /** Starts the workflow for this id; starting it again for the same id is a no-op. */
  start(id: string): Promise<void>;
}
