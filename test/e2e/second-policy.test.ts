/**
 * The main flows with the second organisation's policy (issue 18): `npm start -- -c policyFile=policy/fjordsmil.json`
 * runs Tannlege Fjordsmil AS, a one-company dental clinic with Opus Dental for its journal and no newsletter.
 * One stack: the served policy, the contact form, an access request through to its export, and an erasure.
 */
import { jest } from '@jest/globals';
import { unzip } from '../adapters/export/unzip';
import { useLocalStack } from '../support/local-stack-fixture';
import { WorkflowDriver } from '../support/workflow-driver';

jest.setTimeout(180_000);

const fixture = useLocalStack(120_000, ['-c', 'policyFile=policy/fjordsmil.json']);
const CLINIC = 'Tannlege Fjordsmil AS';
const PRIVACY_CONTACT = 'personvern@fjordsmil.example';
let counter = 0;
const email = (name: string) => `${name}.${Date.now()}${counter++}@example.no`;

describe('A second organisation on npm start: Tannlege Fjordsmil', () => {
  it("serves the clinic's policy as JSON and as the notice, with nothing of STERK's", async () => {
    // Prepare
    const stack = fixture();

    // Act
    const json = await fetch(`${stack.apiUrl}/policy.json`);
    const page = await fetch(`${stack.apiUrl}/policy?lang=en`);
    const centre = await fetch(`${stack.apiUrl}/?lang=nb`);

    // Assess
    expect(json.status).toBe(200);
    const document = (await json.json()) as {
      organisation: { name: string };
      controllers: { legalName: string }[];
      systems: { id: string }[];
    };
    expect(document.organisation.name).toBe('Fjordsmil');
    expect(document.controllers.map((c) => c.legalName)).toEqual([CLINIC]);
    expect(document.systems.map((s) => s.id)).not.toContain('mailchimp');
    const html = await page.text();
    expect(html).toContain(CLINIC);
    expect(html).toContain('Opus Dental');
    expect(html).not.toMatch(/STERK|PasientSky|Mailchimp/);
    expect(await centre.text()).toContain(CLINIC);
    expect(stack.output()).toContain('Policy         policy/fjordsmil.json');
  });

  it("takes a contact message, confirms it to the sender and tells the clinic's privacy contact", async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const address = email('sigrid');

    // Act
    const id = await driver.sendContact({
      name: 'Sigrid Fjelde',
      email: address,
      message: 'Kan jeg få en time for tannrens neste uke?',
    });
    const sent = await driver.emailsAbout(id, 2);
    const staff = await driver.token('staff-fjordsmil');
    const messages = await driver.staff(staff, 'GET', '/staff/messages');

    // Assess
    expect(sent.map((e) => e.destination.to[0]).sort()).toEqual([address, PRIVACY_CONTACT].sort());
    expect(sent.map((e) => e.body.text ?? '').join('\n')).toContain(CLINIC);
    expect(messages.status).toBe(200);
    expect(await messages.text()).toContain(id);
  });

  it('answers an access request with an export of the journal and the contact message, in the clinic’s name', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const address = email('ola');
    await driver.sendContact({
      name: 'Ola Nordmann',
      email: address,
      message: 'Har dere røntgenbildene mine?',
    });
    const officer = await driver.token('personvernombud');

    // Act
    const { id } = await driver.submitVerified({
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
      const decision =
        task.systemId === 'opus-dental'
          ? {
              decision: 'approve',
              uploadKey: await driver.uploadExport(officer, id, 'opus-dental', 'Journal: 2 notes, 4 X-rays'),
            }
          : { decision: 'approve', noDataFound: true, comment: 'Searched by name and phone' };
      await driver.decide(officer, task.taskId, decision);
    }
    const [review] = await driver.openTasks(officer, id, 'review');
    await driver.decide(officer, review?.taskId ?? '', { decision: 'approve' });
    const status = await driver.finished(officer, id);
    const emails = await driver.emailsAbout(id, 2);
    const files = unzip(await driver.readExport(id));

    // Assess
    expect(manual.map((task) => task.systemId).sort()).toEqual(['kortterminal', 'opus-dental', 'timebok']);
    expect(status).toBe('completed');
    expect(emails.find((e) => e.subject === 'The answer to your request')?.destination.to).toEqual([address]);
    const data = files.find((f) => f.path === 'data.json')?.data.toString('utf8') ?? '';
    expect(data).toContain('Har dere røntgenbildene mine?');
    const all = files.map((f) => f.data.toString('utf8')).join('\n');
    expect(all).toContain('Journal: 2 notes, 4 X-rays');
    const index = files.find((f) => f.path === 'index.html')?.data.toString('utf8') ?? '';
    expect(index).toContain(CLINIC);
    expect(index).toContain('Opus Dental');
    expect(index).not.toMatch(/STERK|PasientSky|Mailchimp/);
  });

  it('erases the contact messages, records the dentist’s decision on the dental record, and reports both', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const address = email('kari');
    await driver.sendContact({ name: 'Kari Nordmann', email: address, message: 'Slett meg, takk.' });
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
        task.systemId === 'opus-dental'
          ? {
              decision: 'approve',
              uploadKey: await driver.uploadExport(officer, id, 'opus-dental', 'Journal: 1 note'),
            }
          : { decision: 'approve', noDataFound: true, comment: 'Searched' };
      await driver.decide(officer, task.taskId, decision);
    }
    const [review] = await driver.openTasks(officer, id, 'review');
    await driver.decide(officer, review?.taskId ?? '', { decision: 'approve' });
    // Erasing journal entries is the responsible dentist's decision (helsepersonelloven §§ 43–44).
    const [journal] = await driver.openTasks(officer, id, 'manual-action');
    await driver.decide(officer, journal?.taskId ?? '', {
      decision: 'approve',
      comment: 'The dentist erased the note, which was about another patient',
      erasureOutcome: 'erased',
    });
    const status = await driver.finished(officer, id);
    const emails = await driver.emailsAbout(id, 2);
    const file = await driver.requestFile(officer, id);

    // Assess
    expect(status).toBe('completed');
    expect(await stack.countItems((i) => i.kind === 'contact-message' && i.sender?.email === address)).toBe(
      0,
    );
    const report = (emails.find((e) => e.subject === 'The answer to your request')?.body.text ?? '').replace(
      /\s+/g,
      ' ',
    );
    expect(journal?.systemId).toBe('opus-dental');
    expect(report).toContain(
      'Opus Dental: Your request was considered under Health Personnel Act (helsepersonelloven) sections 43 and 44, and the information has been erased.',
    );
    const retention = file.retention as { systemId: string; categoryId: string; action: string }[];
    expect(retention).toContainEqual(
      expect.objectContaining({ systemId: 'opus-dental', categoryId: 'health-record', action: 'retain' }),
    );
  });
});
