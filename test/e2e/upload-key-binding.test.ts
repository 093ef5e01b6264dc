/**
 * Pen test findings of issue 17, replayed on `npm start` over HTTP:
 * 1. staff of one company approved their own request's manual collection with the upload key of another
 *    company's request (or `uploads/../requests/<other id>/…`), and that company's health data ended up in
 *    their export. A decision now takes only a key issued for its own request and system.
 * 2. another company's request or task answered 403 where an unknown id answered 404, telling staff which
 *    ids exist. Both now answer the same 404.
 */
import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { unzip } from '../adapters/export/unzip';
import { useLocalStack } from '../support/local-stack-fixture';
import { type StaffTaskView, WorkflowDriver } from '../support/workflow-driver';

jest.setTimeout(240_000);

const fixture = useLocalStack();
let counter = 0;
const email = (name: string) => `${name}.${Date.now()}${counter++}@example.no`;
const run = randomUUID().slice(0, 8);
/** What each file holds: none of the others' may ever appear in the attacker's export. */
const VICTIM_DATA = `Journal (sterk-helse): diagnose for Vera Offer ${run}`;
const SAME_COMPANY_DATA = `Journal (sterk-hasle, another patient) ${run}`;
const OWN_DATA = `Journal (sterk-hasle, the requester's own) ${run}`;

interface Filed {
  readonly id: string;
  readonly tasks: StaffTaskView[];
}

describe('Upload keys are bound to their request and system; other companies’ ids are 404 (issue 17)', () => {
  let driver: WorkflowDriver;
  let hasle = '';
  let helse = '';
  let victim: Filed;
  let sameCompany: Filed;
  let attacker: Filed;
  /** Keys the upload route issued, each with a file behind it. */
  let victimKey = '';
  let sameCompanyKey = '';
  let attackerOtherSystemKey = '';

  /** An access request, verified, identity approved, until its manual-collection tasks are open. */
  async function fileAccessRequest(token: string, controller: string, name: string, manual: number) {
    const { id } = await driver.submitVerified({
      type: 'access',
      name,
      email: email(name.split(' ')[0]?.toLowerCase() ?? 'x'),
      controller,
      lang: 'en',
    });
    const [identity] = await driver.openTasks(token, id, 'identity-check');
    const approved = await driver.decide(token, identity?.taskId ?? '', { decision: 'approve' });
    if (approved.status !== 200) throw new Error(`The identity check answered ${approved.status}`);
    return { id, tasks: await driver.openTasks(token, id, 'manual-collection', manual) };
  }

  const taskOf = (filed: Filed, systemId: string): string =>
    filed.tasks.find((task) => task.systemId === systemId)?.taskId ?? `missing ${systemId}`;

  beforeAll(async () => {
    driver = new WorkflowDriver(fixture());
    hasle = await driver.token('staff-sterk-hasle');
    helse = await driver.token('staff-sterk-helse');
    [victim, sameCompany, attacker] = await Promise.all([
      fileAccessRequest(helse, 'sterk-helse', 'Vera Offer', 2),
      fileAccessRequest(hasle, 'sterk-hasle', 'Sam Nabo', 3),
      fileAccessRequest(hasle, 'sterk-hasle', 'Ask Angriper', 3),
    ]);
    victimKey = await driver.uploadExport(helse, victim.id, 'pasientsky', VICTIM_DATA);
    sameCompanyKey = await driver.uploadExport(hasle, sameCompany.id, 'pasientsky', SAME_COMPANY_DATA);
    attackerOtherSystemKey = await driver.uploadExport(hasle, attacker.id, 'brp-systems', 'BRP export');
  }, 300_000);

  it('refuses another request’s issued key, dot segments and prefix tricks, writes nothing, and keeps the victim’s data out of the export', async () => {
    // Prepare
    const task = taskOf(attacker, 'pasientsky');
    const victimFile = victimKey.split('/').at(-1) ?? '';
    const attempts: [string, string, number][] = [
      ['(a) another company’s issued key', victimKey, 409],
      ['(b) another request’s issued key, same company', sameCompanyKey, 409],
      ['another system’s issued key, same request', attackerOtherSystemKey, 409],
      [
        'the victim’s file name under this request and system (never issued)',
        `uploads/${attacker.id}/pasientsky/${victimFile}`,
        409,
      ],
      [
        '(c) uploads/../requests/<victim>/collected/…',
        `uploads/../requests/${victim.id}/collected/pasientsky/records.jsonl`,
        400,
      ],
      [
        '(c) own prefix, then ../../<victim>',
        `uploads/${attacker.id}/pasientsky/../../${victim.id}/pasientsky/${victimFile}`,
        400,
      ],
      [
        '(c) own issued key, then /../ back out',
        `${attackerOtherSystemKey}/../../../${victim.id}/pasientsky/${victimFile}`,
        400,
      ],
      ['(c) the victim’s key behind ./', victimKey.replace('/pasientsky/', '/pasientsky/./'), 400],
      ['(c) an empty segment', victimKey.replace('/pasientsky/', '//pasientsky/'), 400],
      ['(c) encoded slashes', `uploads/${attacker.id}%2F..%2F${victim.id}/pasientsky/${victimFile}`, 400],
      ['(c) trailing junk', `${victimKey}\n`, 400],
      ['(c) a leading slash', `/${victimKey}`, 400],
      ['(c) the victim’s collected records', `requests/${victim.id}/collected/pasientsky/records.jsonl`, 400],
    ];

    // Act
    const outcomes: string[] = [];
    for (const [what, uploadKey] of attempts) {
      const answer = await driver.decide(hasle, task, { decision: 'approve', uploadKey });
      outcomes.push(`${what} → ${answer.status}`);
    }
    // Read once, not waited for: before the fix the first attack decided the task.
    const { tasks: stillOpen } = (await (await driver.staff(hasle, 'GET', '/staff/tasks')).json()) as {
      tasks: StaffTaskView[];
    };
    const before = (await driver.requestFile(hasle, attacker.id)) as { findings: { systemId: string }[] };
    const ownKey = await driver.uploadExport(hasle, attacker.id, 'pasientsky', OWN_DATA);
    const decided = [await driver.decide(hasle, task, { decision: 'approve', uploadKey: ownKey })];
    for (const systemId of ['brp-systems', 'melin-convene-medical']) {
      decided.push(
        await driver.decide(hasle, taskOf(attacker, systemId), {
          decision: 'approve',
          noDataFound: true,
          comment: 'Searched by name',
        }),
      );
    }
    const [review] = await driver.openTasks(hasle, attacker.id, 'review');
    decided.push(await driver.decide(hasle, review?.taskId ?? '', { decision: 'approve' }));
    const status = await driver.finished(hasle, attacker.id);
    const files = unzip(await driver.readExport(attacker.id));
    const everything = files.map((file) => file.data.toString('utf8')).join('\n');

    // Assess
    expect(outcomes).toEqual(attempts.map(([what, , code]) => `${what} → ${code}`));
    expect(stillOpen.map((t) => t.taskId)).toContain(task);
    expect(before.findings.map((f) => f.systemId)).not.toContain('pasientsky');
    expect(decided.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(status).toBe('completed');
    expect(everything).toContain(OWN_DATA);
    expect(everything).not.toContain(VICTIM_DATA);
    expect(everything).not.toContain(SAME_COMPANY_DATA);
    expect(everything).not.toContain(victim.id);
  });

  it('says why a foreign key is refused in words, and never 500', async () => {
    // Act
    const answer = await driver.decide(hasle, taskOf(sameCompany, 'pasientsky'), {
      decision: 'approve',
      uploadKey: victimKey,
    });
    const body = (await answer.json()) as { error: { code: string; message: string } };

    // Assess
    expect(answer.status).toBe(409);
    expect(body.error).toEqual({
      code: 'conflict',
      message:
        'This upload key was not issued for this request and system. Upload the export from this task and approve with the key you get.',
    });
  });

  it('(d) answers another company’s request and task ids with the same 404 as unknown ids, on every staff route', async () => {
    // Prepare
    const unknownRequest = randomUUID();
    const victimTask = taskOf(victim, 'melin-convene-medical');
    const unknownTask = `${randomUUID()}.manual-collection.melin-convene-medical`;
    const upload = { systemId: 'pasientsky', fileName: 'x.txt', contentType: 'text/plain', size: 5 };
    const routes: [string, string, (id: string) => string, unknown][] = [
      ['GET', 'request', (id) => `/staff/requests/${id}`, undefined],
      ['GET', 'request', (id) => `/staff/requests/${id}/audit`, undefined],
      ['GET', 'request', (id) => `/staff/requests/${id}/export-preview`, undefined],
      ['POST', 'request', (id) => `/staff/requests/${id}/uploads`, upload],
      ['POST', 'request', (id) => `/staff/requests/${id}/extension`, { reason: 'Many systems.' }],
      [
        'POST',
        'task',
        (id) => `/staff/tasks/${id}`,
        { decision: 'approve', noDataFound: true, comment: 'x' },
      ],
    ];

    // Act
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const [method, kind, path, body] of routes) {
      const [foreignId, unknownId] =
        kind === 'task' ? [victimTask, unknownTask] : [victim.id, unknownRequest];
      const foreign = await driver.staff(hasle, method, path(foreignId), body);
      const unknown = await driver.staff(hasle, method, path(unknownId), body);
      const said = async (answer: Response) => `${answer.status} ${await answer.text()}`;
      const route = `${method} ${path(`{${kind}}`)}`;
      outcomes.push(`${route} another company's: ${await said(foreign)}`);
      expected.push(`${route} another company's: ${await said(unknown)}`);
    }
    const stillOpen = await driver.openTasks(helse, victim.id, 'manual-collection', 1);
    const own = await driver.staff(helse, 'GET', `/staff/requests/${victim.id}`);

    // Assess
    expect(outcomes).toEqual(expected);
    expect(
      expected.every((line) =>
        / 404 \{"error":\{"code":"not_found","message":"No such (request|task)"\}\}$/.test(line),
      ),
    ).toBe(true);
    expect(stillOpen.map((t) => t.taskId)).toContain(victimTask);
    expect(own.status).toBe(200);
  });
});
