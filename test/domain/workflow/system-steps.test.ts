/**
 * The per-system steps as one callback state each (issue 22): the step resumes the workflow itself when no
 * one needs to step in, or opens the staff task that keeps the token; and the plan names the systems the
 * answer acts in, none for a type whose answer is the export.
 */

import { REQUEST_TYPES } from '../../../lambdas/domain/policy/schema';
import { fulfilPlan } from '../../../lambdas/domain/workflow/answer';
import { answersInSystems } from '../../../lambdas/domain/workflow/answer-scope';
import type { Finding } from '../../../lambdas/domain/workflow/findings';
import {
  finishSystemStep,
  planStep,
  type StaffTaskStore,
  type SystemTaskDeps,
} from '../../../lambdas/domain/workflow/steps';
import type { StaffTask } from '../../../lambdas/domain/workflow/tasks';
import { requestRecord } from '../../adapters/store/request-store-contract';
import { InMemoryRequests } from '../../support/in-memory-requests';
import { sterkPolicy } from '../policy/sterk-fixture';

const NOW = new Date('2026-03-02T10:00:00.000Z');

async function harness(type: RequestRecord['type'] = 'access') {
  const requests = new InMemoryRequests();
  await requests.create(requestRecord('req-1', { type }), { key: 'k', until: '2026-04-02' }, 'subject-1');
  const opened: { task: StaffTask; token: string }[] = [];
  const tasks: StaffTaskStore = {
    open: async (task, token) => {
      opened.push({ task, token });
    },
    get: async (taskId) => opened.find((o) => o.task.taskId === taskId)?.task,
  };
  const resumed: string[] = [];
  const plans: unknown[] = [];
  const deps: SystemTaskDeps = {
    requests,
    tasks,
    progress: {
      setPlan: async (_id, plan) => {
        plans.push(plan);
      },
      setStage: async () => undefined,
      flagAttention: async () => undefined,
      finish: async () => undefined,
    },
    callback: {
      resume: async (token) => {
        resumed.push(token);
        return true;
      },
    },
    clock: () => NOW,
  };
  return { deps, opened, resumed, plans };
}

type RequestRecord = ReturnType<typeof requestRecord>;

describe('Function: finishSystemStep', () => {
  it('resumes the workflow at once when the system needs no staff, and opens no task', async () => {
    // Prepare
    const h = await harness();

    // Act
    const result = await finishSystemStep(
      { requestId: 'req-1', systemId: 'mailchimp', taskToken: 'token-1' },
      'manual-collection',
      false,
      h.deps,
    );

    // Assess
    expect(result).toEqual({ needsStaff: false });
    expect(h.resumed).toEqual(['token-1']);
    expect(h.opened).toEqual([]);
  });

  it('leaves the token on a staff task for the system, and does not resume', async () => {
    // Prepare
    const h = await harness();

    // Act
    const result = await finishSystemStep(
      { requestId: 'req-1', systemId: 'pasientsky', taskToken: 'token-1' },
      'manual-action',
      true,
      h.deps,
    );

    // Assess
    expect(result).toEqual({ needsStaff: true, taskId: 'req-1.manual-action.pasientsky' });
    expect(h.resumed).toEqual([]);
    expect(h.opened).toEqual([
      {
        task: expect.objectContaining({
          taskId: 'req-1.manual-action.pasientsky',
          type: 'manual-action',
          systemId: 'pasientsky',
          status: 'open',
        }),
        token: 'token-1',
      },
    ]);
  });
});

describe('Function: planStep (the systems of the answer)', () => {
  const plan = async (type: RequestRecord['type']) => {
    const h = await harness(type);
    return planStep('req-1', { ...h.deps, policy: sterkPolicy() });
  };

  it('names no system for the answer to access or portability, whose answer is the export', async () => {
    // Act
    const access = await plan('access');
    const portability = await plan('portability');

    // Assess
    expect(access.systems.length).toBeGreaterThan(0);
    expect(access.answerSystems).toEqual([]);
    expect(portability.answerSystems).toEqual([]);
  });

  it('names every planned system for an erasure but those that cannot be linked to the person', async () => {
    // Act
    const erasure = await plan('erasure');

    // Assess
    expect(erasure.answerSystems).toEqual(erasure.systems.filter((s) => s.handling !== 'not-linkable'));
    expect(erasure.systems.some((s) => s.handling === 'not-linkable')).toBe(true);
  });

  it('skips only what fulfilPlan would do nothing in, whatever was found', () => {
    // Prepare
    const policy = sterkPolicy();
    const found = (systemId: string, source: Finding['source']): Finding => ({
      systemId,
      source,
      categories: [],
      recordCount: 3,
      collectedAt: NOW.toISOString(),
    });

    // Act
    const skippedButActing = REQUEST_TYPES.flatMap((type) =>
      policy.systems.flatMap((system) => {
        const skipped = !answersInSystems(type) || system.handling.kind === 'not-linkable';
        const plans = [found(system.id, 'connector'), found(system.id, 'staff-upload'), undefined].map(
          (finding) => fulfilPlan(type, system, finding, []),
        );
        return skipped && plans.some((p) => p !== 'none') ? [`${type} in ${system.id}`] : [];
      }),
    );

    // Assess
    expect(skippedButActing).toEqual([]);
  });
});
