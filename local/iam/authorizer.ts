/**
 * Evaluates a function's call against its execution role's identity policies with @cloud-copilot/iam-simulate
 * (IAM's evaluation logic: explicit Deny, Allow, implicit deny; wildcards in actions and ARNs; condition
 * operators; the Service Authorization Reference for valid actions and resource types). Only identity policies
 * take part: the calls checked here stay in the account, where an identity-based Allow is enough (DynamoDB,
 * Step Functions, SES, SQS, Secrets Manager, S3 on the account's own buckets); resource policies (bucket
 * policies included), SCPs and permission boundaries are not modelled, except KMS key policies, without whose
 * allowing an identity policy grants nothing on a key.
 */
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { type ExecutionRole, MANAGED_POLICY_STAND_IN, type PolicyDocument } from '../template/iam';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../template/intrinsics';
import type { AccessCheck } from './requests';

export interface Decision {
  readonly allowed: boolean;
  /** The caller as AWS names it: `arn:aws:sts::<account>:assumed-role/<role>/<function>`. */
  readonly principal: string;
  /** AWS's AccessDenied message, when denied. */
  readonly message?: string;
}

/**
 * Actions AWS authorizes against a resource although the Service Authorization Reference says they take `*`
 * only (so the evaluator refuses to simulate them on an ARN): SendTask* are checked against the state machine
 * whose execution issued the token, which is how CDK's grantTaskResponse grants them.
 */
const RESOURCE_LEVEL_DESPITE_REFERENCE = new Set([
  'states:SendTaskSuccess',
  'states:SendTaskFailure',
  'states:SendTaskHeartbeat',
]);

/**
 * `kms:EncryptionContext:<key>`: iam-simulate knows the key but recognises variable keys only in the
 * `<prefix>/<name>` form (`aws:ResourceTag/<tag>`) and drops this one from the request, so a statement
 * conditioned on the encryption context would never apply. Such condition entries are decided before the
 * simulation instead (decideEncryptionContext).
 */
const ENCRYPTION_CONTEXT_KEY = /^kms:EncryptionContext:/i;

/**
 * Decisions kept at most: a KMS call's encryption context (a request id) makes most of its checks unique, and
 * a long local session must not keep every one.
 */
const CACHE_LIMIT = 10_000;

export class IamAuthorizer {
  private readonly cache = new Map<string, Promise<Decision>>();

  /**
   * `keyPolicies`: the template's KMS keys' key policies by key ARN. A kms:* call on one of them is evaluated
   * with its key policy as KMS does: the key policy must allow the call, itself or by trusting the account's
   * IAM policies (the usual root-account `kms:*` statement), and then the role's policies must too.
   */
  constructor(
    private readonly roles: ReadonlyMap<string, ExecutionRole>,
    private readonly keyPolicies: ReadonlyMap<string, PolicyDocument> = new Map(),
  ) {}

  /** The function's execution role, if the template gives it one. */
  roleOf(functionLogicalId: string): ExecutionRole | undefined {
    return this.roles.get(functionLogicalId);
  }

  /** Decisions depend only on the role, the action, the resource and the request's own condition keys. */
  authorize(functionLogicalId: string, check: AccessCheck): Promise<Decision> {
    const key = `${functionLogicalId}\n${check.action}\n${check.resource}\n${JSON.stringify(check.conditions ?? {})}`;
    let decision = this.cache.get(key);
    if (decision === undefined) {
      decision = this.evaluate(functionLogicalId, check);
      // A Map iterates in insertion order: the first key is the oldest.
      if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value ?? '');
      this.cache.set(key, decision);
    }
    return decision;
  }

  private async evaluate(
    functionLogicalId: string,
    { action, resource, conditions = {} }: AccessCheck,
  ): Promise<Decision> {
    const role = this.roles.get(functionLogicalId);
    const principal = `arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/${role?.name ?? 'none'}/${functionLogicalId}`;
    const denied = (reason: string): Decision => ({
      allowed: false,
      principal,
      message: `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} ${reason}`,
    });
    const implicit = `because no identity-based policy allows the ${action} action`;
    if (role === undefined) return denied(implicit);
    const request: Simulation['request'] = {
      principal,
      action,
      // S3's ARNs have no account; the bucket is the local account's.
      resource: { resource, accountId: LOCAL_ACCOUNT },
      contextVariables: {
        'aws:PrincipalArn': role.arn,
        'aws:PrincipalAccount': LOCAL_ACCOUNT,
        'aws:RequestedRegion': LOCAL_REGION,
        'aws:SecureTransport': 'true',
        'aws:CurrentTime': new Date().toISOString(),
        ...conditions,
      },
    };
    const kms = action.startsWith('kms:');
    // Each encryption-context condition entry decided by the library's own operators: a simulation of one
    // statement with that entry alone (the unsafe run keeps every condition key of the request as given), on
    // `*`, where KMS needs no key policy to trust the account.
    const decide = (operator: string, key: string, values: unknown): boolean =>
      runUnsafeSimulation(
        {
          request: { ...request, resource: { resource: '*', accountId: LOCAL_ACCOUNT } },
          identityPolicies: [
            {
              name: 'encryption-context',
              policy: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: action,
                    Resource: '*',
                    Condition: { [operator]: { [key]: values } },
                  },
                ],
              },
            },
          ],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
        },
        { simulationMode: 'Strict' },
      ) === 'Allowed';
    const decided = (document: PolicyDocument) =>
      kms ? decideEncryptionContext(document, decide) : document;
    const simulation: Simulation = {
      request,
      identityPolicies: [
        ...role.policies.map(({ name, document }) => ({ name, policy: decided(document) })),
        ...(role.managedPolicyArns.length > 0 ? [{ name: 'managed', policy: MANAGED_POLICY_STAND_IN }] : []),
      ],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    };
    const keyPolicy = kms ? this.keyPolicies.get(resource) : undefined;
    const run = async (resourcePolicy?: PolicyDocument): Promise<string> => {
      const withPolicy =
        resourcePolicy === undefined
          ? simulation
          : { ...simulation, resourcePolicy: decided(resourcePolicy) };
      if (RESOURCE_LEVEL_DESPITE_REFERENCE.has(action))
        return runUnsafeSimulation(withPolicy, { simulationMode: 'Strict' });
      const outcome = await runSimulation(withPolicy, { simulationMode: 'Strict' });
      // The mapping asked for something IAM does not know (an action, a resource type): refuse, and say why.
      if (outcome.resultType === 'error') throw new CannotEvaluateError(outcome.errors.message);
      return outcome.overallResult;
    };
    let result: string;
    try {
      result = await run(keyPolicy);
      if (result === 'Allowed') return { allowed: true, principal };
      if (result === 'ExplicitlyDenied') return denied('with an explicit deny in an identity-based policy');
      // Which policy failed to allow, as KMS says: the role's, or (if the role's would) the key policy.
      if (keyPolicy !== undefined && (await run(TRUSTING_THE_ACCOUNT)) === 'Allowed')
        return denied(`because no resource-based policy allows the ${action} action`);
    } catch (error) {
      if (!(error instanceof CannotEvaluateError)) throw error;
      return denied(`because the local IAM check could not evaluate it (${error.message})`);
    }
    return denied(implicit);
  }
}

/** A key policy that leaves the decision to the account's IAM policies: whether they allow a kms:* call. */
const TRUSTING_THE_ACCOUNT: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${LOCAL_ACCOUNT}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
};

class CannotEvaluateError extends Error {}

/**
 * The document with its `kms:EncryptionContext:<key>` condition entries decided: a statement whose entries
 * hold keeps its other conditions (every entry of a Condition block must hold), one with an entry that fails
 * cannot apply to this request and is left out, whether it allows or denies.
 */
function decideEncryptionContext(
  document: PolicyDocument,
  decide: (operator: string, key: string, values: unknown) => boolean,
): PolicyDocument {
  const statements = document.Statement.flatMap((statement) => {
    const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined;
    if (condition === undefined) return [statement];
    const kept: Record<string, Record<string, unknown>> = {};
    for (const [operator, entries] of Object.entries(condition)) {
      const others: Record<string, unknown> = {};
      for (const [key, values] of Object.entries(entries)) {
        if (!ENCRYPTION_CONTEXT_KEY.test(key)) others[key] = values;
        else if (!decide(operator, key, values)) return [];
      }
      if (Object.keys(others).length > 0) kept[operator] = others;
    }
    const { Condition: _decided, ...rest } = statement;
    return [Object.keys(kept).length > 0 ? { ...rest, Condition: kept } : rest];
  });
  return { ...document, Statement: statements };
}
