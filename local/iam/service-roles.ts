/**
 * The calls AWS services make for us with a role of the template's, which no function signs and so no proxy
 * sees: Step Functions invoking a Task's function with the state machine's role, EventBridge Scheduler invoking
 * its target with the schedule's role, and Lambda's SQS event source polling and deleting with the function's
 * own execution role. The local stack makes these calls in-process; it asks this first, with the same
 * authorizer as for the functions' own calls, and a denial is logged as one (the caller, the action, the
 * resource) and fails the way the service fails it.
 */
import type { EventSourceCall } from '../emulators/sqs-event-sources';
import type { CfnTemplate } from '../template/types';
import type { IamAuthorizer } from './authorizer';
import type { Denial } from './proxy';
import { type AccessCheck, type MappingContext, sqsQueueChecks } from './requests';

/**
 * The template's schedules by the function each one invokes (a schedule's `Target.Arn` is the function's
 * `Fn::GetAtt Arn`): the logical id of each schedule, whose role must allow lambda:InvokeFunction on it.
 */
export function schedulesByFunction(template: CfnTemplate): Map<string, string[]> {
  const schedules = new Map<string, string[]>();
  for (const [scheduleId, schedule] of Object.entries(template.Resources)) {
    if (schedule.Type !== 'AWS::Scheduler::Schedule') continue;
    const target = schedule.Properties?.Target as { Arn?: { 'Fn::GetAtt'?: [string, string] } } | undefined;
    const functionId = target?.Arn?.['Fn::GetAtt']?.[0];
    if (functionId === undefined || template.Resources[functionId]?.Type !== 'AWS::Lambda::Function')
      continue;
    schedules.set(functionId, [...(schedules.get(functionId) ?? []), scheduleId]);
  }
  return schedules;
}

/** Lambda's answer when the caller's role may not invoke the function, as the calling service reports it. */
export class LambdaAccessDeniedError extends Error {
  override readonly name = 'Lambda.AWSLambdaException';
  constructor(message: string) {
    super(`AccessDeniedException: ${message}`);
  }
}

export class ServiceRoles {
  constructor(
    private readonly authorizer: IamAuthorizer,
    private readonly onDenied: (denial: Denial) => void,
    /** The template's queue keys: receiving from an encrypted queue takes kms:Decrypt on its key too. */
    private readonly context: MappingContext = {},
  ) {}

  /**
   * The first of the checks the principal's role (a function's, a state machine's or a schedule's, by logical
   * id) is denied, logged; undefined when all are allowed.
   */
  async denial(principal: string, checks: readonly AccessCheck[]): Promise<Denial | undefined> {
    for (const check of checks) {
      const decision = await this.authorizer.authorize(principal, check);
      if (decision.allowed) continue;
      const denial: Denial = {
        functionLogicalId: principal,
        role: this.authorizer.roleOf(principal)?.name ?? 'none',
        action: check.action,
        resource: check.resource,
        message: decision.message ?? `${principal} may not ${check.action} on ${check.resource}`,
      };
      this.onDenied(denial);
      return denial;
    }
    return undefined;
  }

  /**
   * A call of Lambda's SQS poller, with the function's execution role: receiving takes sqs:ReceiveMessage and
   * sqs:GetQueueAttributes (which Lambda calls to scale its pollers), and kms:Decrypt on the queue's key if it
   * has one; deleting sqs:DeleteMessage.
   */
  async eventSource(functionLogicalId: string, call: EventSourceCall, queueArn: string): Promise<boolean> {
    const checks =
      call === 'ReceiveMessage'
        ? [
            { action: 'sqs:GetQueueAttributes', resource: queueArn },
            ...sqsQueueChecks(call, queueArn, this.context),
          ]
        : sqsQueueChecks(call, queueArn, this.context);
    return (await this.denial(functionLogicalId, checks)) === undefined;
  }

  /**
   * lambda:InvokeFunction on the function with the principal's role, as Step Functions and EventBridge
   * Scheduler ask Lambda; denied, it throws Lambda's AccessDeniedException as the service reports it.
   */
  async invoke(principal: string, functionArn: string): Promise<void> {
    const denial = await this.denial(principal, [{ action: 'lambda:InvokeFunction', resource: functionArn }]);
    if (denial !== undefined) throw new LambdaAccessDeniedError(denial.message);
  }
}
