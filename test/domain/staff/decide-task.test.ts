/**
 * A manual collection's upload key is bound to the request and system it was issued for (pen test, issue
 * 17: staff approved their own task with another company's key, and that company's health data went into
 * their export), and another company's task answers like an unknown one.
 */
import { ConflictError, NotFoundError, ValidationError } from '../../../lambdas/domain/errors';
import { type DecideTaskDeps, decideTask } from '../../../lambdas/domain/staff/decide-task';
import type { IssuedUpload } from '../../../lambdas/domain/staff/uploads';
import type { Finding } from '../../../lambdas/domain/workflow/findings';
import type { StaffTask } from '../../../lambdas/domain/workflow/tasks';
import { sterkPolicy } from '../policy/sterk-fixture';

const MINE = '3f2c7a1e-8b4d-4c6e-9a10-5d7e2b9c1f00';
const SAME_COMPANY = '9b1d0c4e-2f3a-4e5b-8c6d-7e8f9a0b1c2d';
const OTHER_COMPANY = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const UNIQUE = '6f14d2b9-5006-486e-8d47-85bf1076234d';
const key = (requestId: string, systemId = 'pasientsky') =>
  `uploads/${requestId}/${systemId}/${UNIQUE}-journal.pdf`;
const HASLE = { username: 'staff-sterk-hasle', controllers: ['sterk-hasle'] };

const task: StaffTask = {
  taskId: `${MINE}.manual-collection.pasientsky`,
  requestId: MINE,
  controllerId: 'sterk-hasle',
  type: 'manual-collection',
  status: 'open',
  createdAt: '2026-03-02T09:00:00.000Z',
  systemId: 'pasientsky',
};

/** Keys the upload route issued: one for this task, the others for other requests and another system. */
const ISSUED: IssuedUpload[] = [
  [MINE, 'pasientsky'],
  [MINE, 'brp-systems'],
  [SAME_COMPANY, 'pasientsky'],
  [OTHER_COMPANY, 'pasientsky'],
].map(([requestId = '', systemId = '']) => ({
  requestId,
  systemId,
  key: key(requestId, systemId),
  issuedAt: '2026-03-02T09:10:00.000Z',
  issuedBy: 'someone',
}));

function setup(stored: StaffTask | undefined = task, issued: readonly IssuedUpload[] = ISSUED) {
  const writes: string[] = [];
  const findings: Finding[] = [];
  const looked: string[] = [];
  const deps = {
    policy: sterkPolicy(),
    tasks: {
      get: async (id: string) => (stored?.taskId === id ? stored : undefined),
      decide: async (t: StaffTask) => {
        writes.push('decide');
        return { decided: true as const, task: { ...t, status: 'decided' as const }, taskToken: 'token' };
      },
      reopen: async () => {
        writes.push('reopen');
      },
      markResumed: async () => {
        writes.push('resumed');
      },
      countInfoRequest: async () => {
        writes.push('info');
      },
    },
    requests: { get: async () => undefined },
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
    uploads: {
      find: async (requestId: string, k: string) => {
        looked.push(`${requestId} ${k}`);
        return issued.find((u) => u.requestId === requestId && u.key === k);
      },
    },
    audit: {
      append: async () => {
        writes.push('audit');
        return {} as never;
      },
      list: async () => [],
    },
    workflow: { resume: async () => true },
    mailer: { send: async () => ({ messageId: 'm' }) },
    mailFrom: 'personvern@example.no',
    clock: () => new Date('2026-03-02T10:00:00.000Z'),
  } as unknown as DecideTaskDeps;
  return { deps, writes, findings, looked };
}

describe('Function: decideTask (manual collection with an upload key)', () => {
  it('records the key issued for this request and system as the system’s finding', async () => {
    // Prepare
    const { deps, findings, writes } = setup();

    // Act
    const outcome = await decideTask(task.taskId, { decision: 'approve', uploadKey: key(MINE) }, HASLE, deps);

    // Assess
    expect(outcome.status).toBe('decided');
    expect(findings).toEqual([expect.objectContaining({ systemId: 'pasientsky', objectKey: key(MINE) })]);
    expect(writes).toEqual(['decide', 'resumed', 'audit']);
  });

  it.each([
    ['another company’s request', key(OTHER_COMPANY)],
    ['another request of the same company', key(SAME_COMPANY)],
    ['another system of this request', key(MINE, 'brp-systems')],
    ['this request and system, but never issued', `uploads/${MINE}/pasientsky/${UNIQUE}-other.pdf`],
  ])('refuses a key issued for %s with 409, and writes nothing', async (_, uploadKey) => {
    // Prepare
    const { deps, findings, writes } = setup();

    // Act
    const attempt = decideTask(task.taskId, { decision: 'approve', uploadKey }, HASLE, deps);

    // Assess
    await expect(attempt).rejects.toThrow(ConflictError);
    await expect(attempt).rejects.toThrow(/^This upload key was not issued for this request and system\./);
    expect(findings).toEqual([]);
    expect(writes).toEqual([]);
  });

  it('does not look up another request’s key at all (its answer cannot tell whether it was issued)', async () => {
    // Prepare
    const { deps, looked } = setup();

    // Act
    const issued = decideTask(
      task.taskId,
      { decision: 'approve', uploadKey: key(OTHER_COMPANY) },
      HASLE,
      deps,
    );
    const never = decideTask(
      task.taskId,
      { decision: 'approve', uploadKey: `uploads/${OTHER_COMPANY}/pasientsky/${UNIQUE}-x.pdf` },
      HASLE,
      deps,
    );

    // Assess
    const [a, b] = await Promise.allSettled([issued, never]);
    expect(a).toEqual(b);
    expect(looked).toEqual([]);
  });

  it('refuses a record whose system is not the task’s, even under this request and key', async () => {
    // Prepare
    const forged = [{ ...(ISSUED[0] as IssuedUpload), systemId: 'brp-systems' }];
    const { deps, writes } = setup(task, forged);

    // Act
    const attempt = decideTask(task.taskId, { decision: 'approve', uploadKey: key(MINE) }, HASLE, deps);

    // Assess
    await expect(attempt).rejects.toThrow(ConflictError);
    expect(writes).toEqual([]);
  });

  it.each([
    `uploads/../requests/${OTHER_COMPANY}/collected/pasientsky/journal.jsonl`,
    `uploads/${MINE}/pasientsky/../../${OTHER_COMPANY}/pasientsky/${UNIQUE}-journal.pdf`,
    `uploads/${MINE}/pasientsky/${UNIQUE}-journal.pdf/../../../${OTHER_COMPANY}/pasientsky/${UNIQUE}-journal.pdf`,
    `uploads/${MINE}/pasientsky/${UNIQUE}-journal.pdf%2F..`,
  ])('refuses %j as a bad shape (400), and writes nothing', async (uploadKey) => {
    // Prepare
    const { deps, writes, looked } = setup();

    // Act
    const attempt = decideTask(task.taskId, { decision: 'approve', uploadKey }, HASLE, deps);

    // Assess
    await expect(attempt).rejects.toThrow(ValidationError);
    expect(writes).toEqual([]);
    expect(looked).toEqual([]);
  });
});

describe('Function: decideTask (who may decide)', () => {
  it('answers another company’s task exactly like an unknown task: 404, before reading the body', async () => {
    // Prepare
    const { deps, writes } = setup({ ...task, controllerId: 'sterk-helse' });

    // Act
    const foreign = decideTask(task.taskId, { nonsense: true }, HASLE, deps);
    const unknown = decideTask(`${MINE}.review`, { nonsense: true }, HASLE, deps);

    // Assess
    const [a, b] = await Promise.allSettled([foreign, unknown]);
    expect(a.status).toBe('rejected');
    expect(a).toEqual(b);
    await expect(foreign).rejects.toThrow(NotFoundError);
    await expect(foreign).rejects.toThrow(/^No such task$/);
    expect(writes).toEqual([]);
  });
});
