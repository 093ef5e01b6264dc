/**
 * The request workflow end to end on `npm start`: the synthesized state machine on the local Step
 * Functions, the real handlers, the fake Mailchimp, the staff API with local sign-in. Each test plays the
 * requester and the staff over HTTP and checks what people get: emails, the export, the staff view.
 */
import { jest } from '@jest/globals';
import { unzip } from '../adapters/export/unzip';
import { useLocalStack } from '../support/local-stack-fixture';
import { WorkflowDriver } from '../support/workflow-driver';

jest.setTimeout(180_000);

const fixture = useLocalStack();
let counter = 0;
const addresses: string[] = [];
const email = (name: string) => {
  const address = `${name}.${Date.now()}${counter++}@example.no`;
  addresses.push(address);
  return address;
};

describe('Request workflow, end to end', () => {
  it('answers an access request with an export holding the earlier contact message and the Art. 15 information', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const address = email('ola');
    await driver.sendContact({
      name: 'Ola Nordmann',
      email: address,
      message: 'Kan jeg flytte timen min til fredag?',
    });
    await driver.seedMailchimpMember(address, { FNAME: 'Ola', LNAME: 'Nordmann' });
    const officer = await driver.token('personvernombud');

    // Act
    const { id, statusUrl } = await driver.submitVerified({
      type: 'access',
      name: 'Ola Nordmann',
      email: address,
      lang: 'en',
    });
    const [identity] = await driver.openTasks(officer, id, 'identity-check');
    await driver.decide(officer, identity?.taskId ?? '', {
      decision: 'approve',
      comment: 'Called the patient',
    });
    const manual = await driver.openTasks(officer, id, 'manual-collection', 3);
    for (const task of manual) {
      await driver.decide(officer, task.taskId, {
        decision: 'approve',
        noDataFound: true,
        comment: 'Searched by name',
      });
    }
    const [review] = await driver.openTasks(officer, id, 'review');
    await driver.decide(officer, review?.taskId ?? '', { decision: 'approve' });
    const status = await driver.finished(officer, id);
    const emails = await driver.emailsAbout(id, 2);
    const files = unzip(await driver.readExport(id));
    const downloadUrl = statusUrl.replace('/status?', '/download?');
    const asked = await fetch(downloadUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{}',
    });
    const codeEmail = (await driver.emailsAbout(id, 3)).find(
      (e) => e.subject === 'Your code to download your information',
    );
    const code = /^\s+(\d{6})$/m.exec(codeEmail?.body.text ?? '')?.[1] ?? '';
    const redeemed = await fetch(downloadUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code }),
    });
    const { url } = (await redeemed.json()) as { url: string };
    const downloaded = await fetch(url);
    const again = await fetch(downloadUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code }),
    });

    // Assess
    expect(identity?.type).toBe('identity-check');
    expect(manual.map((t) => t.systemId).sort()).toEqual([
      'brp-systems',
      'melin-convene-medical',
      'pasientsky',
    ]);
    expect(status).toBe('completed');
    const answer = emails.find((e) => e.subject === 'The answer to your request');
    expect(answer?.destination.to).toEqual([address]);
    expect(answer?.body.text).toContain('/status?token=');
    const names = files.map((f) => f.path);
    expect(names).toEqual(expect.arrayContaining(['index.html', 'data.json']));
    const data = files.find((f) => f.path === 'data.json')?.data.toString('utf8') ?? '';
    expect(data).toContain('Kan jeg flytte timen min til fredag?');
    expect(data).toContain(address);
    const index = files.find((f) => f.path === 'index.html')?.data.toString('utf8') ?? '';
    expect(index).toContain('<html lang="en"');
    expect(index).toContain('Datatilsynet');
    expect(asked.status).toBe(202);
    expect(redeemed.status).toBe(200);
    expect(url).toContain('X-Amz-Expires=900');
    expect(downloaded.status).toBe(200);
    expect(unzip(Buffer.from(await downloaded.arrayBuffer())).map((f) => f.path)).toContain('data.json');
    expect(again.status).toBe(429);
  });

  it('erases what may be erased, asks what was decided for the journal and the running membership, and reports each', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const address = email('kari');
    await driver.sendContact({ name: 'Kari Nordmann', email: address, message: 'Slett meg, takk.' });
    await driver.seedMailchimpMember(address, { FNAME: 'Kari', LNAME: 'Nordmann' });
    const officer = await driver.token('personvernombud');

    // Act
    const { id } = await driver.submitVerified({
      type: 'erasure',
      name: 'Kari Nordmann',
      email: address,
      lang: 'en',
    });
    const [identity] = await driver.openTasks(officer, id, 'identity-check');
    await driver.decide(officer, identity?.taskId ?? '', { decision: 'approve' });
    const manual = await driver.openTasks(officer, id, 'manual-collection', 3);
    for (const task of manual) {
      const decision =
        task.systemId === 'pasientsky' || task.systemId === 'brp-systems'
          ? {
              decision: 'approve',
              uploadKey: await driver.uploadExport(officer, id, task.systemId, 'Journal: 3 notes'),
            }
          : { decision: 'approve', noDataFound: true, comment: 'Searched' };
      await driver.decide(officer, task.taskId, decision);
    }
    const [review] = await driver.openTasks(officer, id, 'review');
    await driver.decide(officer, review?.taskId ?? '', { decision: 'approve' });
    // Erasing journal entries is the responsible practitioner's decision (helsepersonelloven §§ 43–44).
    // So is erasing a member's data while the membership runs (Art. 17(1)(a)).
    const actions = await driver.openTasks(officer, id, 'manual-action', 2);
    const journal = actions.find((t) => t.systemId === 'pasientsky');
    const membership = actions.find((t) => t.systemId === 'brp-systems');
    const asked = await driver.requestFile(officer, id);
    const undecided = await driver.decide(officer, journal?.taskId ?? '', {
      decision: 'approve',
      comment: 'Looked at it',
    });
    const decided = await driver.decide(officer, journal?.taskId ?? '', {
      decision: 'approve',
      comment: 'The practitioner keeps the notes: needed for further treatment',
      erasureOutcome: 'kept',
    });
    await driver.decide(officer, membership?.taskId ?? '', {
      decision: 'approve',
      comment: 'Active membership until June',
      erasureOutcome: 'kept',
    });
    await driver.finished(officer, id);
    const emails = await driver.emailsAbout(id, 2);
    const file = await driver.requestFile(officer, id);

    // Assess
    expect(actions.map((t) => t.systemId).sort()).toEqual(['brp-systems', 'pasientsky']);
    const questions = (asked.openTasks as { type: string; question?: { field: string } }[])
      .filter((t) => t.type === 'manual-action')
      .map((t) => t.question?.field);
    expect(questions).toEqual(['erasureOutcome', 'erasureOutcome']);
    expect(undecided.status).toBe(400);
    expect(decided.status).toBe(200);
    expect(await driver.mailchimpMember(address)).toBeUndefined();
    expect(await stack.countItems((i) => i.kind === 'contact-message' && i.sender?.email === address)).toBe(
      0,
    );
    const report = (emails.find((e) => e.subject === 'The answer to your request')?.body.text ?? '').replace(
      /\s+/g,
      ' ',
    );
    expect(report).toContain('Mailchimp: erased.');
    expect(report).toContain(
      'PasientSky: Your request was considered under Health Personnel Act (helsepersonelloven) sections 43 and 44, and the information stays: The responsible practitioner concluded that they must stay in the record',
    );
    expect(report).toContain(
      'BRP Systems: Your request was considered under GDPR Article 17(1)(a) and Article 6(1)(b), and the information stays: Your membership is still running',
    );
    expect(report).toContain('GDPR Article 5(2)');
    const retention = file.retention as { systemId: string; categoryId: string; action: string }[];
    expect(retention).toContainEqual(
      expect.objectContaining({ systemId: 'pasientsky', categoryId: 'health-record', action: 'retain' }),
    );
  });

  it('tells the requester why when staff reject the request, and about Datatilsynet', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const address = email('per');
    const officer = await driver.token('personvernombud');

    // Act
    const { id } = await driver.submitVerified({
      type: 'objection',
      name: 'Per Hansen',
      email: address,
      lang: 'en',
    });
    const [review] = await driver.openTasks(officer, id, 'review');
    const rejected = await driver.decide(officer, review?.taskId ?? '', {
      decision: 'reject',
      comment:
        'We hold no marketing data about this address, and the request repeats one answered last week.',
    });
    const status = await driver.finished(officer, id);
    const emails = await driver.emailsAbout(id, 2);

    // Assess
    expect(rejected.status).toBe(200);
    expect(status).toBe('rejected');
    const refusal = emails.find((e) => e.subject === 'We cannot carry out your request')?.body.text ?? '';
    expect(refusal).toContain('repeats one answered last week');
    expect(refusal).toContain('Datatilsynet');
  });

  it('accepts exactly one of many concurrent decisions on one task; the others get 409', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const officer = await driver.token('personvernombud');
    const { id } = await driver.submitVerified({
      type: 'objection',
      name: 'Per Hansen',
      email: email('race'),
    });
    const [review] = await driver.openTasks(officer, id, 'review');

    // Act
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => driver.decide(officer, review?.taskId ?? '', { decision: 'approve' })),
    );

    // Assess
    const codes = answers.map((a) => a.status).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
  });

  it('keeps one company’s staff out of another company’s requests, and everyone out without a token', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const { id } = await driver.submitVerified({
      type: 'objection',
      name: 'Per Hansen',
      email: email('scope'),
      controller: 'sterk-hasle',
    });
    const outsider = await driver.token('staff-sterk-helse');
    const insider = await driver.token('staff-sterk-hasle');
    const [review] = await driver.openTasks(insider, id, 'review');

    // Act
    const view = await driver.staff(outsider, 'GET', `/staff/requests/${id}`);
    const decision = await driver.decide(outsider, review?.taskId ?? '', { decision: 'approve' });
    const list = (await (await driver.staff(outsider, 'GET', '/staff/requests')).json()) as {
      requests: { id: string }[];
    };
    const anonymous = await fetch(`${stack.apiUrl}/staff/requests/${id}`);
    const own = await driver.staff(insider, 'GET', `/staff/requests/${id}`);

    // Assess
    // 404 like an unknown id: a 403 would tell them the id exists (pen test, issue 17).
    expect(view.status).toBe(404);
    expect(decision.status).toBe(404);
    expect(list.requests.map((r) => r.id)).not.toContain(id);
    expect(anonymous.status).toBe(401);
    expect(own.status).toBe(200);
  });

  it("names the child of a guardian's request in the inbox, to the child's company only, and audits each showing", async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const { id } = await driver.submitVerified({
      type: 'access',
      name: 'Kari Nordmann',
      email: email('inbox-child'),
      controller: 'sterk-hasle',
      onBehalfOf: { name: 'Ola Nordmann', birthDate: '2016-03-09', relationship: 'guardian' },
    });
    const insider = await driver.token('staff-sterk-hasle');
    const outsider = await driver.token('staff-sterk-helse');
    const inbox = async (token: string) =>
      (
        (await (await driver.staff(token, 'GET', '/staff/requests')).json()) as {
          requests: { id: string; childName?: string }[];
        }
      ).requests;

    // Act
    const first = await inbox(insider);
    await inbox(insider);
    const outsiders = await inbox(outsider);
    const file = await driver.requestFile(insider, id);

    // Assess
    expect(first.find((row) => row.id === id)?.childName).toBe('Ola Nordmann');
    expect(JSON.stringify(first.find((row) => row.id === id))).not.toContain('Kari');
    expect(outsiders.map((row) => row.id)).not.toContain(id);
    const events = file.timeline as { action: string; actor?: { id: string } }[];
    expect(events.filter((e) => e.action === 'named-in-inbox').map((e) => e.actor?.id)).toEqual([
      'staff-sterk-hasle',
      'staff-sterk-hasle',
    ]);
  });

  it("finds a person's requests by their exact email, only in the searcher's company, and audits the search", async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const address = email('search');
    const { id } = await driver.submitVerified({
      type: 'objection',
      name: 'Per Hansen',
      email: address,
      controller: 'sterk-hasle',
    });
    const insider = await driver.token('staff-sterk-hasle');
    const outsider = await driver.token('staff-sterk-helse');
    const search = async (token: string, q: string) =>
      (
        (await (await driver.staff(token, 'GET', `/staff/requests?q=${encodeURIComponent(q)}`)).json()) as {
          requests: { id: string }[];
        }
      ).requests.map((r) => r.id);

    // Act
    const byAddress = await search(insider, ` ${address.toUpperCase()} `);
    const byOutsider = await search(outsider, address);
    const byIdStart = await search(insider, id.slice(0, 8));
    const file = await driver.requestFile(insider, id);

    // Assess
    expect(byAddress).toEqual([id]);
    expect(byOutsider).toEqual([]);
    expect(byIdStart).toContain(id);
    const events = file.timeline as { action: string; actor?: { id: string } }[];
    expect(events.filter((e) => e.action === 'found-by-email-search').map((e) => e.actor?.id)).toEqual([
      'staff-sterk-hasle',
    ]);
  });

  it('retries Mailchimp through its 429s and collects once it recovers', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const address = email('retry');
    await driver.seedMailchimpMember(address, { FNAME: 'Retry', LNAME: 'Person' });
    const officer = await driver.token('personvernombud');
    await driver.failMailchimp(429, 3);

    // Act
    const { id } = await driver.submitVerified({ type: 'objection', name: 'Retry Person', email: address });
    await driver.openTasks(officer, id, 'review');
    const file = await driver.requestFile(officer, id);

    // Assess
    const findings = file.findings as { systemId: string; source: string; recordCount: number }[];
    expect(findings.find((f) => f.systemId === 'mailchimp')).toMatchObject({ source: 'connector' });
    expect(findings.find((f) => f.systemId === 'mailchimp')?.recordCount).toBeGreaterThan(0);
    expect((file.tasks as { type: string }[]).some((t) => t.type === 'manual-collection')).toBe(false);
  });

  it('records every staff view and decision in a hash chain that verifies', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const officer = await driver.token('personvernombud');
    const { id } = await driver.submitVerified({
      type: 'objection',
      name: 'Per Hansen',
      email: email('audit'),
    });
    const [review] = await driver.openTasks(officer, id, 'review');
    await driver.decide(officer, review?.taskId ?? '', { decision: 'approve' });
    await driver.finished(officer, id);

    // Act
    const file = await driver.requestFile(officer, id);
    const check = (await (await driver.staff(officer, 'GET', `/staff/requests/${id}/audit`)).json()) as {
      ok: boolean;
      length: number;
    };

    // Assess
    const actions = (file.timeline as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['task-decided', 'request-viewed']));
    expect(check.ok).toBe(true);
    expect(check.length).toBeGreaterThanOrEqual(3);
  });
  it('asks staff to check a guardian acting for a 17-year-old, records her consent, and carries out a rectification through staff', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const officer = await driver.token('personvernombud');
    const address = email('guardian');
    await driver.seedMailchimpMember(address, { FNAME: 'Mor', LNAME: 'Nordmann' });

    // Act
    const { id } = await driver.submitVerified({
      type: 'rectification',
      name: 'Mor Nordmann',
      email: address,
      details: 'Datteren min heter Emma, ikke Emme.',
      onBehalfOf: { name: 'Emma Nordmann', birthDate: '2009-05-01', relationship: 'guardian' },
      lang: 'en',
    });
    const [identity] = await driver.openTasks(officer, id, 'identity-check');
    const detail = await driver.requestFile(officer, id);
    // Emma is 17: she holds the rights to her journal, and has said her mother may correct it.
    await driver.decide(officer, identity?.taskId ?? '', {
      decision: 'approve',
      comment: 'Birth certificate seen',
      youngPersonConsent: true,
    });
    for (const task of await driver.openTasks(officer, id, 'manual-collection', 3)) {
      await driver.decide(officer, task.taskId, {
        decision: 'approve',
        noDataFound: true,
        comment: 'Searched',
      });
    }
    const [review] = await driver.openTasks(officer, id, 'review');
    await driver.decide(officer, review?.taskId ?? '', { decision: 'approve' });
    const actions = await driver.openTasks(officer, id, 'manual-action', 2);
    for (const task of actions) {
      await driver.decide(officer, task.taskId, { decision: 'approve', comment: 'Name corrected' });
    }
    const status = await driver.finished(officer, id);

    // Assess
    const reasons =
      (detail.openTasks as { reasons?: { kind: string; ruleId?: string }[] }[])[0]?.reasons ?? [];
    expect(reasons).toContainEqual({ kind: 'age-rule', ruleId: 'guardian-consent-under-18' });
    expect(reasons).toContainEqual({ kind: 'age-rule', ruleId: 'own-record-rights-from-16' });
    expect(detail.onBehalfOf).toMatchObject({ name: 'Emma Nordmann', relationship: 'guardian' });
    expect(actions.map((t) => t.systemId)).toContain('mailchimp');
    expect(status).toBe('completed');
  });
  it('leaves no names, addresses, codes or tokens in any log of the suite above', () => {
    // Prepare: everything the handlers, the workflow and the emulators printed while the suite ran.
    const logs = fixture().output();
    const names = [
      'Ola Nordmann',
      'Kari Nordmann',
      'Per Hansen',
      'Mor Nordmann',
      'Emma Nordmann',
      'Retry Person',
    ];
    const secrets = [...WorkflowDriver.secretsSeen].filter((secret) => secret.length >= 6);

    // Act
    const found = [...addresses, ...names, ...secrets].filter((needle) => logs.includes(needle));

    // Assess
    expect(addresses.length).toBeGreaterThan(5);
    expect(secrets.length).toBeGreaterThan(10);
    expect(logs).toContain('"level":"INFO"');
    expect(found).toEqual([]);
    expect(logs).not.toMatch(/[\w.+-]+@example\.no/);
  });
});
