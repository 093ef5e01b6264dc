/**
 * The execution roles of the template's functions, with their identity policies resolved to the local names
 * and ARNs the local stack uses, so the local IAM check (local/iam) evaluates what AWS would evaluate.
 */
import {
  LOCAL_ACCOUNT,
  LOCAL_REGION,
  type LocalResolver,
  resolveIntrinsics,
  UnresolvableIntrinsicError,
} from './intrinsics';
import { localResolver } from './resources';
import type { CfnResource, CfnTemplate } from './types';

export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: readonly Record<string, unknown>[];
}

export interface ExecutionRole {
  /** The role's logical id; its name too, unless the template names it. */
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  /** Inline policies, AWS::IAM::Policy and AWS::IAM::ManagedPolicy resources attached to the role. */
  readonly policies: readonly { readonly name: string; readonly document: PolicyDocument }[];
  /** AWS managed policies (AWSLambdaBasicExecutionRole and the like), by ARN. */
  readonly managedPolicyArns: readonly string[];
  /** Statements that named something the local stack cannot resolve; they are left out (they grant nothing). */
  readonly unresolved: readonly string[];
}

/**
 * AWS managed policies are not in the template. The local check treats them as granting only what the ones
 * CDK attaches to functions grant (AWSLambdaBasicExecutionRole, AWSXRayDaemonWriteAccess): CloudWatch Logs and
 * X-Ray, neither of which the local stack checks. So no service the check covers is granted by one.
 */
export const MANAGED_POLICY_STAND_IN: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        'logs:CreateLogGroup',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
      ],
      Resource: '*',
    },
  ],
};

const arn = (service: string, resource: string) =>
  `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;

/**
 * Ref and Fn::GetAtt as they must resolve inside policies. The local stack's resolver gives the names the
 * handlers receive; where AWS's Ref or Arn means something else in a policy, this says what:
 * - an SES email identity's Ref is the identity itself (`example.org`), as SES puts it in the identity's ARN;
 * - a secret's Ref is its ARN (the handlers get the logical id as SecretId, which the check turns into it);
 * - a queue's Arn carries the queue's name (its logical id locally), not its URL.
 */
export function policyResolver(resources: Record<string, CfnResource>): LocalResolver {
  const base = localResolver(resources);
  return {
    ref: (id) => {
      const resource = resources[id];
      switch (resource?.Type) {
        case 'AWS::SES::EmailIdentity':
          return String(resource.Properties?.EmailIdentity ?? id);
        case 'AWS::SES::ConfigurationSet':
          return String(resource.Properties?.Name ?? base.ref(id));
        case 'AWS::SecretsManager::Secret':
          return secretArn(base.ref(id));
        case 'AWS::IAM::Role':
          return String(resource.Properties?.RoleName ?? id);
        default:
          return base.ref(id);
      }
    },
    getAtt: (id, attribute) => {
      const resource = resources[id];
      if (attribute === 'Arn') {
        switch (resource?.Type) {
          case 'AWS::SQS::Queue':
            return arn('sqs', String(resource.Properties?.QueueName ?? id));
          case 'AWS::IAM::Role':
            return `arn:aws:iam::${LOCAL_ACCOUNT}:role/${String(resource.Properties?.RoleName ?? id)}`;
          case 'AWS::KMS::Key':
            return arn('kms', `key/${id}`);
          case 'AWS::Logs::LogGroup':
            return arn('logs', `log-group:${String(resource.Properties?.LogGroupName ?? id)}:*`);
        }
      }
      return base.getAtt(id, attribute);
    },
  };
}

/** A secret's local ARN, from the id handlers use (its logical id) or the ARN itself. */
export function secretArn(secretId: string): string {
  return secretId.startsWith('arn:') ? secretId : arn('secretsmanager', `secret:${secretId}`);
}

/**
 * The role of each of the template's functions (its execution role, which Lambda's SQS event source polls
 * with too), state machines (the role Step Functions assumes to invoke them) and schedules (the role
 * EventBridge Scheduler assumes to invoke the target), by the function's, state machine's or schedule's
 * logical id.
 */
export function readExecutionRoles(template: CfnTemplate): Map<string, ExecutionRole> {
  const resources = template.Resources;
  const resolver = policyResolver(resources);
  const roleIdOf = (value: unknown): string | undefined => {
    const ref = (value as { Ref?: unknown } | undefined)?.Ref;
    const getAtt = (value as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
    if (typeof ref === 'string') return ref;
    if (Array.isArray(getAtt) && getAtt[1] === 'Arn') return String(getAtt[0]);
    return undefined;
  };

  const roles = new Map<string, ExecutionRole>();
  const roleById = (id: string): ExecutionRole | undefined => {
    const known = roles.get(id);
    if (known !== undefined) return known;
    const resource = resources[id];
    if (resource?.Type !== 'AWS::IAM::Role') return undefined;
    const props = resource.Properties ?? {};
    const unresolved: string[] = [];
    const policies: { name: string; document: PolicyDocument }[] = [];
    for (const inline of (props.Policies as { PolicyName?: unknown; PolicyDocument?: unknown }[]) ?? []) {
      policies.push({
        name: String(inline.PolicyName ?? `${id}-inline`),
        document: resolveDocument(inline.PolicyDocument, resolver, unresolved),
      });
    }
    for (const [policyId, policy] of Object.entries(resources)) {
      if (policy.Type !== 'AWS::IAM::Policy' && policy.Type !== 'AWS::IAM::ManagedPolicy') continue;
      const attached = ((policy.Properties?.Roles as unknown[]) ?? []).map(roleIdOf);
      if (!attached.includes(id)) continue;
      policies.push({
        name: policyId,
        document: resolveDocument(policy.Properties?.PolicyDocument, resolver, unresolved),
      });
    }
    const managedPolicyArns = ((props.ManagedPolicyArns as unknown[]) ?? []).map((value) => {
      try {
        return String(resolveIntrinsics(value, resolver));
      } catch {
        return JSON.stringify(value);
      }
    });
    const name = String(props.RoleName ?? id);
    const role: ExecutionRole = {
      logicalId: id,
      name,
      arn: `arn:aws:iam::${LOCAL_ACCOUNT}:role/${name}`,
      policies,
      managedPolicyArns,
      unresolved,
    };
    roles.set(id, role);
    return role;
  };

  const byFunction = new Map<string, ExecutionRole>();
  for (const [functionId, fn] of Object.entries(resources)) {
    if (fn.Type !== 'AWS::Lambda::Function') continue;
    const roleId = roleIdOf(fn.Properties?.Role);
    const role = roleId === undefined ? undefined : roleById(roleId);
    if (role !== undefined) byFunction.set(functionId, role);
  }
  for (const [machineId, machine] of Object.entries(resources)) {
    if (machine.Type !== 'AWS::StepFunctions::StateMachine') continue;
    const roleId = roleIdOf(machine.Properties?.RoleArn);
    const role = roleId === undefined ? undefined : roleById(roleId);
    if (role !== undefined) byFunction.set(machineId, role);
  }
  for (const [scheduleId, schedule] of Object.entries(resources)) {
    if (schedule.Type !== 'AWS::Scheduler::Schedule') continue;
    const roleId = roleIdOf((schedule.Properties?.Target as { RoleArn?: unknown } | undefined)?.RoleArn);
    const role = roleId === undefined ? undefined : roleById(roleId);
    if (role !== undefined) byFunction.set(scheduleId, role);
  }
  return byFunction;
}

/**
 * Resolves a policy document statement by statement. A statement naming something the local stack cannot
 * resolve is left out and reported: it can only make the local check stricter than AWS, never looser, as long
 * as the template has no Deny statements with such references (it has none; a Deny that cannot be resolved
 * is kept as a Deny on every resource, which is stricter still).
 */
export function resolveDocument(
  document: unknown,
  resolver: LocalResolver,
  unresolved: string[],
): PolicyDocument {
  const doc = (document ?? {}) as { Version?: string; Statement?: unknown };
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  const resolved: Record<string, unknown>[] = [];
  for (const statement of statements as Record<string, unknown>[]) {
    try {
      resolved.push(resolveIntrinsics(statement, resolver) as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof UnresolvableIntrinsicError)) throw error;
      unresolved.push(`${JSON.stringify(statement.Action)}: ${error.message}`);
      if (statement.Effect === 'Deny') {
        const { Resource: _resource, Condition: _condition, ...rest } = statement;
        resolved.push({ ...rest, Resource: '*' });
      }
    }
  }
  return { Version: doc.Version ?? '2012-10-17', Statement: resolved };
}
