/**
 * Task tokens and decisions pass through the state machines' execution history, so both machines are
 * encrypted with our key, and every caller of StartExecution or SendTask* may use that key for that
 * machine's data: Step Functions encrypts with the caller's permissions, which CDK grants only to the
 * machine's own role. A grant that is forgotten here works locally (no KMS) and fails on AWS.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../lib/app';

const { stack } = buildApp({ bundling: false });
const template = Template.fromStack(stack);

type Json = unknown;
interface Statement {
  Action: string | string[];
  Resource: Json;
  Condition?: Record<string, Record<string, Json>>;
}

const machines = template.findResources('AWS::StepFunctions::StateMachine');
const [keyId] = Object.keys(template.findResources('AWS::KMS::Key'));
const keyArn = { 'Fn::GetAtt': [keyId, 'Arn'] };
const policies = Object.entries(template.findResources('AWS::IAM::Policy')).map(([id, policy]) => ({
  id,
  roles: JSON.stringify(policy.Properties.Roles),
  statements: policy.Properties.PolicyDocument.Statement as Statement[],
}));
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

/** A machine's ARN as a caller's policy names it: a Ref, or (for a function the machine invokes) by name. */
function namesMachine(resource: Json, machineId: string): boolean {
  const name = machines[machineId]?.Properties.StateMachineName as string;
  const text = JSON.stringify(resource ?? null);
  return same(resource, { Ref: machineId }) || text.includes(`:stateMachine:${name}"`);
}

/** The key statements of one policy that allow `actions` on our key, for this machine's data only. */
function keyUseFor(statements: Statement[], machineId: string, actions: string[]): boolean {
  return actions.every((action) =>
    statements.some(
      (s) =>
        actionsOf(s).includes(action) &&
        same(s.Resource, keyArn) &&
        namesMachine(
          s.Condition?.StringEquals?.['kms:EncryptionContext:aws:states:stateMachineArn'],
          machineId,
        ),
    ),
  );
}

describe('Infrastructure: state machine encryption', () => {
  it('encrypts both state machines with the customer-managed key', () => {
    // Assess
    expect(Object.keys(machines)).toHaveLength(2);
    for (const [id, machine] of Object.entries(machines)) {
      expect({ id, encryption: machine.Properties.EncryptionConfiguration }).toEqual({
        id,
        encryption: expect.objectContaining({ Type: 'CUSTOMER_MANAGED_KMS_KEY', KmsKeyId: keyArn }),
      });
    }
  });

  it('names both machines, so their own roles may use the key for exactly their ARN', () => {
    // Assess
    for (const [id, machine] of Object.entries(machines)) {
      const name = machine.Properties.StateMachineName as string | undefined;
      expect({ id, named: typeof name === 'string' && name.length > 0 }).toEqual({ id, named: true });
      const ownPolicy = policies.find((p) => p.roles.includes(machine.Properties.RoleArn['Fn::GetAtt'][0]));
      expect({
        id,
        keyUse: keyUseFor(ownPolicy?.statements ?? [], id, ['kms:Decrypt', 'kms:GenerateDataKey']),
      }).toEqual({
        id,
        keyUse: true,
      });
    }
  });

  const callers = policies.flatMap(({ id, statements }) =>
    statements.flatMap((s) =>
      Object.keys(machines)
        .filter((machineId) => [s.Resource].flat().some((r) => namesMachine(r, machineId)))
        .flatMap((machineId) =>
          actionsOf(s)
            .filter((a) => a === 'states:StartExecution' || a.startsWith('states:SendTask'))
            .map((action) => ({ policy: id, machineId, action, statements })),
        ),
    ),
  );

  it('finds the callers: the two intake functions, verification, staff decisions and the code issuer', () => {
    // Assess
    expect(new Set(callers.map((c) => c.policy)).size).toBeGreaterThanOrEqual(5);
    expect(callers.filter((c) => c.action === 'states:StartExecution')).toHaveLength(2);
  });

  it('lets every caller of StartExecution generate data keys for that machine', () => {
    // Assess
    const without = callers
      .filter((c) => c.action === 'states:StartExecution')
      // kms:GenerateDataKey is what the encryption needs; kms:Decrypt too (workflow-grants.ts says why).
      .filter((c) => !keyUseFor(c.statements, c.machineId, ['kms:GenerateDataKey', 'kms:Decrypt']))
      .map((c) => c.policy);
    expect(without).toEqual([]);
  });

  it('lets every caller of SendTask* decrypt and generate data keys for that machine', () => {
    // Assess
    const without = callers
      .filter((c) => c.action.startsWith('states:SendTask'))
      .filter((c) => !keyUseFor(c.statements, c.machineId, ['kms:Decrypt', 'kms:GenerateDataKey']))
      .map((c) => c.policy);
    expect(callers.some((c) => c.action.startsWith('states:SendTask'))).toBe(true);
    expect(without).toEqual([]);
  });
});
