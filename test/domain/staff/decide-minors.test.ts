/**
 * A guardian's identity check where an age rule gives the child a say (issue 18 item 7): the answer staff
 * record decides which systems are withheld, and a missing or misplaced answer is refused before anything
 * is written.
 */
import { ValidationError } from '../../../lambdas/domain/errors';
import type { RequestRecord } from '../../../lambdas/domain/requests/record';
import { type DecideTaskDeps, decideTask } from '../../../lambdas/domain/staff/decide-task';
import type { Finding } from '../../../lambdas/domain/workflow/findings';
import { planRequest } from '../../../lambdas/domain/workflow/plan';
import type { StaffTask } from '../../../lambdas/domain/workflow/tasks';
import { sterkPolicy } from '../policy/sterk-fixture';

const TODAY = '2026-12-06';
const OFFICER = { username: 'personvernansvarlig', controllers: ['sterk-helse-og-trening'] };

function guardianRequest(childBirthDate: string, type: RequestRecord['type'] = 'access'): RequestRecord {
  const request: RequestRecord = {
    kind: 'request',
    id: 'req-minor',
    type,
    controllerId: 'sterk-helse-og-trening',
    lang: 'nb',
    receivedAt: `${TODAY}T09:00:00.000Z`,
    receivedDate: TODAY,
    dueDate: '2027-01-06',
    dueAt: '2027-01-06T22:59:59.999Z',
    status: 'verified',
    statusTokenHashes: [],
    policyVersion: '1.1.0',
    requester: { name: 'Kari Nordmann', email: 'kari@example.no' },
    onBehalfOf: { name: 'Ola Nordmann', birthDate: childBirthDate, relationship: 'guardian' },
  };
  return { ...request, plan: planRequest(sterkPolicy(), request, TODAY) };
}

function setup(request: RequestRecord, resume: () => Promise<boolean> = async () => true) {
  const findings: Finding[] = [];
  const audited: Record<string, unknown>[] = [];
  const task: StaffTask = {
    taskId: 'req-minor.identity-check',
    requestId: request.id,
    controllerId: request.controllerId,
    type: 'identity-check',
    status: 'open',
    createdAt: `${TODAY}T09:05:00.000Z`,
    reasons: request.plan?.reasons ?? [],
  };
  const deps = {
    policy: sterkPolicy(),
    tasks: {
      get: async () => task,
      decide: async (t: StaffTask) => ({
        decided: true as const,
        task: { ...t, status: 'decided' as const },
        taskToken: 'token',
      }),
      reopen: async () => undefined,
      markResumed: async () => undefined,
      countInfoRequest: async () => undefined,
    },
    requests: { get: async () => request },
    findings: {
      put: async (_: string, finding: Finding) => {
        findings.push(finding);
      },
      remove: async (_: string, systemId: string) => {
        findings.splice(
          findings.findIndex((f) => f.systemId === systemId),
          1,
        );
      },
      list: async () => findings,
    },
    uploads: { find: async () => undefined },
    audit: {
      append: async (_: string, event: { details: Record<string, unknown> }) => {
        audited.push(event.details);
        return {} as never;
      },
    },
    workflow: { resume },
    mailer: { send: async () => ({ messageId: 'm' }) },
    mailFrom: 'personvern@example.no',
    clock: () => new Date(`${TODAY}T10:00:00.000Z`),
  } as unknown as DecideTaskDeps;
  return { deps, findings, audited, taskId: task.taskId };
}

describe('Function: decideTask (a guardian’s identity check with the child’s say)', () => {
  it('withholds the journal system of a 17-year-old by default, and tells the guardian why with the law', async () => {
    // Prepare
    const { deps, findings, audited, taskId } = setup(guardianRequest('2009-03-01'));

    // Act
    await decideTask(taskId, { decision: 'approve' }, OFFICER, deps);

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({
        systemId: 'pasientsky',
        source: 'withheld',
        ageRuleId: 'own-record-rights-from-16',
      }),
    ]);
    expect(findings[0]?.explanation?.nb).toContain('pasient- og brukerrettighetsloven §§ 3-4, 4-3 og 5-1');
    expect(audited[0]).toMatchObject({ decision: 'approve', withheld: 'pasientsky' });
  });

  it('withholds nothing when staff record the 17-year-old’s consent', async () => {
    // Prepare
    const { deps, findings, audited, taskId } = setup(guardianRequest('2009-03-01', 'erasure'));

    // Act
    await decideTask(taskId, { decision: 'approve', youngPersonConsent: true }, OFFICER, deps);

    // Assess
    expect(findings).toEqual([]);
    expect(audited[0]).toMatchObject({ youngPersonConsent: true });
    expect(audited[0]).not.toHaveProperty('withheld');
  });

  it('refuses to approve a 14-year-old’s case without the child’s view, and writes nothing', async () => {
    // Prepare
    const { deps, findings, audited, taskId } = setup(guardianRequest('2012-01-15'));

    // Act
    const refused = decideTask(taskId, { decision: 'approve' }, OFFICER, deps);

    // Assess
    await expect(refused).rejects.toThrow(ValidationError);
    await expect(refused).rejects.toMatchObject({ fields: { childView: expect.any(String) } });
    expect(findings).toEqual([]);
    expect(audited).toEqual([]);
  });

  it.each([
    ['objects', ['pasientsky']],
    ['no-objection', []],
  ])('for a 14-year-old who %s, withholds %j', async (childView, withheld) => {
    // Prepare
    const { deps, findings, taskId } = setup(guardianRequest('2012-01-15'));

    // Act
    await decideTask(taskId, { decision: 'approve', childView }, OFFICER, deps);

    // Assess
    expect(findings.map((f) => f.systemId)).toEqual(withheld);
  });

  it('refuses a child’s say on a 10-year-old’s case, where no rule asks for it', async () => {
    // Prepare
    const { deps, taskId } = setup(guardianRequest('2016-05-05'));

    // Act
    const consent = decideTask(taskId, { decision: 'approve', youngPersonConsent: true }, OFFICER, deps);
    const view = decideTask(taskId, { decision: 'approve', childView: 'objects' }, OFFICER, deps);

    // Assess
    await expect(consent).rejects.toMatchObject({ fields: { youngPersonConsent: expect.any(String) } });
    await expect(view).rejects.toMatchObject({ fields: { childView: expect.any(String) } });
  });

  it('takes the withheld findings back when the workflow does not hear of the decision', async () => {
    // Prepare
    const { deps, findings, taskId } = setup(guardianRequest('2009-03-01'), async () => {
      throw new Error('Step Functions unavailable');
    });

    // Act
    const failed = decideTask(taskId, { decision: 'approve' }, OFFICER, deps);

    // Assess
    await expect(failed).rejects.toThrow('Step Functions unavailable');
    expect(findings).toEqual([]);
  });
});
