/**
 * The evaluation against the roles of the real synthesized template: what the functions are granted passes,
 * what they are not is denied with AWS's message, so a missing or too-wide grant shows up locally.
 */
import { IamAuthorizer } from '../../../local/iam/authorizer';
import { type ExecutionRole, readExecutionRoles } from '../../../local/template/iam';
import { readLocalResources } from '../../../local/template/resources';
import { synthTemplate } from '../../../local/template/synth';
import type { CfnTemplate } from '../../../local/template/types';

const arn = (service: string, rest: string) => `arn:aws:${service}:eu-north-1:000000000000:${rest}`;

let template: CfnTemplate;
let roles: Map<string, ExecutionRole>;
let authorizer: IamAuthorizer;
const fn = (prefix: string) => {
  const id = [...roles.keys()].find((key) => new RegExp(`^${prefix}[0-9A-F]{8}$`).test(key));
  if (id === undefined) throw new Error(`No function ${prefix} in the template`);
  return id;
};
const table = () => {
  const [id, resource] =
    Object.entries(template.Resources).find(([, r]) => r.Type === 'AWS::DynamoDB::Table') ?? [];
  return arn('dynamodb', `table/${String(resource?.Properties?.TableName ?? id)}`);
};
const machine = (prefix: string) =>
  arn(
    'states',
    `stateMachine:${Object.keys(template.Resources).find((id) => id.startsWith(prefix) && template.Resources[id]?.Type === 'AWS::StepFunctions::StateMachine')}`,
  );

beforeAll(() => {
  template = synthTemplate();
  roles = readExecutionRoles(template);
  authorizer = new IamAuthorizer(roles);
}, 120_000);

describe('reading the roles from the template', () => {
  it('resolves SES identities, secrets and queues to the ARNs the calls are checked on', () => {
    const statements = (id: string) => JSON.stringify(roles.get(id)?.policies.map((p) => p.document));
    expect(statements(fn('RequestsResendCode'))).toContain(arn('ses', 'identity/example.org'));
    expect(statements(fn('RequestWorkflowCollectFromSystem'))).toMatch(
      /arn:aws:secretsmanager:eu-north-1:000000000000:secret:RequestWorkflowMailchimpCredentials/,
    );
    expect(statements(fn('ChangeNoticesSendNotices'))).toMatch(
      /arn:aws:sqs:eu-north-1:000000000000:ChangeNoticesQueue[0-9A-F]{8}"/,
    );
  });
});

describe('evaluating a function call', () => {
  it("allows the intake function's PutItem on the table and StartExecution on the request workflow", async () => {
    const intake = fn('RequestsPostRequest');
    expect(
      (await authorizer.authorize(intake, { action: 'dynamodb:PutItem', resource: table() })).allowed,
    ).toBe(true);
    const start = { action: 'states:StartExecution', resource: machine('RequestWorkflow') };
    expect((await authorizer.authorize(intake, start)).allowed).toBe(true);
  });

  it('denies what the role does not grant, with the message AWS gives', async () => {
    const status = fn('RequestsGetRequestStatus');
    const decision = await authorizer.authorize(status, { action: 'dynamodb:PutItem', resource: table() });
    expect(decision.allowed).toBe(false);
    expect(decision.message).toBe(
      `User: arn:aws:sts::000000000000:assumed-role/${roles.get(status)?.name}/${status} is not authorized to perform: dynamodb:PutItem on resource: ${table()} because no identity-based policy allows the dynamodb:PutItem action`,
    );
  });

  it('keeps a grant on one index to that index', async () => {
    const list = fn('StaffMessagesListMessages');
    const onIndex = { action: 'dynamodb:Query', resource: `${table()}/index/MessagesByController` };
    const onTable = { action: 'dynamodb:Query', resource: table() };
    expect((await authorizer.authorize(list, onIndex)).allowed).toBe(true);
    expect((await authorizer.authorize(list, onTable)).allowed).toBe(false);
  });

  it('checks SendTaskSuccess on the state machine (grantTaskResponse), not on every machine', async () => {
    const verify = fn('RequestsVerifyRequest');
    const own = { action: 'states:SendTaskSuccess', resource: machine('RequestWorkflow') };
    const other = { action: 'states:SendTaskSuccess', resource: machine('ContactWorkflow') };
    expect((await authorizer.authorize(verify, own)).allowed).toBe(true);
    expect((await authorizer.authorize(verify, other)).allowed).toBe(false);
  });

  it('allows SendEmail only from the verified identity and its configuration set', async () => {
    const resend = fn('RequestsResendCode');
    const from = (identity: string) => ({
      action: 'ses:SendEmail',
      resource: arn('ses', `identity/${identity}`),
    });
    expect((await authorizer.authorize(resend, from('example.org'))).allowed).toBe(true);
    expect((await authorizer.authorize(resend, from('elsewhere.example'))).allowed).toBe(false);
  });

  it('denies every call of a function the template gives no role', async () => {
    const decision = await authorizer.authorize('NoSuchFunction', {
      action: 'dynamodb:GetItem',
      resource: table(),
    });
    expect(decision.allowed).toBe(false);
  });
});

describe('evaluation rules, on hand-written roles', () => {
  const role = (statements: Record<string, unknown>[]): ExecutionRole => ({
    logicalId: 'R',
    name: 'R',
    arn: 'arn:aws:iam::000000000000:role/R',
    policies: [{ name: 'p', document: { Version: '2012-10-17', Statement: statements } }],
    managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    unresolved: [],
  });
  const put = { action: 'dynamodb:PutItem', resource: arn('dynamodb', 'table/t') };

  it('lets an explicit Deny win over an Allow, and says so', async () => {
    const denying = new IamAuthorizer(
      new Map([
        [
          'F',
          role([
            { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' },
            { Effect: 'Deny', Action: 'dynamodb:PutItem', Resource: put.resource },
          ]),
        ],
      ]),
    );
    const decision = await denying.authorize('F', put);
    expect(decision.allowed).toBe(false);
    expect(decision.message).toMatch(/with an explicit deny in an identity-based policy$/);
  });

  it('never lets a condition on a key the local stack does not supply (aws:SourceArn) allow a call', async () => {
    const conditional = new IamAuthorizer(
      new Map([
        [
          'F',
          role([
            {
              Effect: 'Allow',
              Action: 'dynamodb:PutItem',
              Resource: '*',
              Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:states:*' } },
            },
          ]),
        ],
      ]),
    );
    expect((await conditional.authorize('F', put)).allowed).toBe(false);
  });

  it('treats AWS managed policies as granting Logs and X-Ray only', async () => {
    const managedOnly = new IamAuthorizer(new Map([['F', role([])]]));
    expect((await managedOnly.authorize('F', put)).allowed).toBe(false);
  });
});

describe('the state machines’ roles (Step Functions invoking the functions)', () => {
  it('let each state machine invoke every function its definition calls, and no function it does not', async () => {
    // Prepare
    const { stateMachines, functions } = readLocalResources(template);
    const invoked = (definition: unknown) =>
      new Set(JSON.stringify(definition).match(/arn:aws:lambda:[^"]+:function:[A-Za-z0-9]+/g) ?? []);
    const intake = functions.get(fn('RequestsPostRequest'))?.arn ?? '';

    // Act
    const decisions = await Promise.all(
      stateMachines.flatMap((machine) =>
        [...invoked(machine.definition)].map(async (functionArn) => ({
          machine: machine.name,
          functionArn,
          allowed: (
            await authorizer.authorize(machine.name, {
              action: 'lambda:InvokeFunction',
              resource: functionArn,
            })
          ).allowed,
        })),
      ),
    );
    const strangers = await Promise.all(
      stateMachines.map(
        async (machine) =>
          (await authorizer.authorize(machine.name, { action: 'lambda:InvokeFunction', resource: intake }))
            .allowed,
      ),
    );

    // Assess
    expect(stateMachines.length).toBeGreaterThanOrEqual(2);
    expect(decisions.length).toBeGreaterThanOrEqual(10);
    expect(decisions.filter((decision) => !decision.allowed)).toEqual([]);
    expect(strangers.every((allowed) => !allowed)).toBe(true);
  });
});
