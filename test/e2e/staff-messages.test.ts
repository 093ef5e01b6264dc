/**
 * The staff's contact-message inbox end to end on `npm start`: a message sent through `POST /contact`
 * shows in its company's list without the sender's name, opening it shows the sender and is audited on the
 * message's own trail, it is handled once (then 409), and another company's staff get 403.
 */
import { jest } from '@jest/globals';
import { eventually } from '../support/local-process';
import { useLocalStack } from '../support/local-stack-fixture';
import { WorkflowDriver } from '../support/workflow-driver';

jest.setTimeout(120_000);

const fixture = useLocalStack();
let counter = 0;
const email = (name: string) => `${name}.${Date.now()}${counter++}@example.no`;

interface Row {
  id: string;
  controllerId: string;
  receivedAt: string;
  status: string;
  handled: boolean;
}

describe('Staff messages, end to end', () => {
  it('lists a contact message without its sender, shows it audited, handles it once, and keeps other companies out', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const address = email('marte.melding');
    const id = await driver.sendContact({
      name: 'Marte Meldingsen',
      email: address,
      message: 'Kan dere slette bildet av meg fra nettsiden?',
      controller: 'sterk-hasle',
      lang: 'nb',
    });
    const insider = await driver.token('staff-sterk-hasle');
    const outsider = await driver.token('staff-sterk-helse');
    const officer = await driver.token('personvernombud');
    const note = 'Svarte på e-post og fjernet bildet.';

    // Act
    const list = await driver.staff(insider, 'GET', '/staff/messages');
    const listText = await list.text();
    const outsiderList = (await (await driver.staff(outsider, 'GET', '/staff/messages')).json()) as {
      messages: Row[];
    };
    const foreignView = await driver.staff(outsider, 'GET', `/staff/messages/${id}`);
    const foreignHandle = await driver.staff(outsider, 'POST', `/staff/messages/${id}/handled`, { note });
    const detail = await driver.staff(insider, 'GET', `/staff/messages/${id}`);
    const shown = (await detail.json()) as Record<string, unknown>;
    const noteless = await driver.staff(insider, 'POST', `/staff/messages/${id}/handled`, {});
    const first = await driver.staff(insider, 'POST', `/staff/messages/${id}/handled`, { note });
    const second = await driver.staff(officer, 'POST', `/staff/messages/${id}/handled`, { note: 'Igjen' });
    const secondBody = (await second.json()) as { error: { message: string } };
    const unknown = await driver.staff(officer, 'GET', '/staff/messages/no-such-message');
    const officerList = (await (await driver.staff(officer, 'GET', '/staff/messages')).json()) as {
      messages: Row[];
    };
    const trail = await eventually(async () => {
      const items = await stack.scanItems((item) => item.pk === `REQUEST#message-${id}`);
      return items.length >= 2 ? items : undefined;
    }, 10_000);

    // Assess
    expect(list.status).toBe(200);
    const rows = (JSON.parse(listText) as { messages: Row[] }).messages;
    expect(rows.find((r) => r.id === id)).toEqual({
      id,
      controllerId: 'sterk-hasle',
      receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      status: 'new',
      handled: false,
    });
    expect(listText).not.toContain('Marte');
    expect(listText).not.toContain(address);
    expect(listText).not.toContain('bildet av meg');
    expect(outsiderList.messages.map((r) => r.id)).not.toContain(id);
    expect(foreignView.status).toBe(403);
    expect(foreignHandle.status).toBe(403);
    expect(detail.status).toBe(200);
    expect(shown.sender).toEqual({ name: 'Marte Meldingsen', email: address });
    expect(shown.message).toBe('Kan dere slette bildet av meg fra nettsiden?');
    expect(noteless.status).toBe(400);
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(secondBody.error.message).toMatch(/^This message was already handled by staff-sterk-hasle at /);
    expect(unknown.status).toBe(404);
    expect(officerList.messages.find((r) => r.id === id)).toMatchObject({ status: 'handled', handled: true });
    expect(trail.map((e) => [e.action, e.actor.id, e.details])).toEqual([
      ['message-viewed', 'staff-sterk-hasle', { messageId: id }],
      ['message-handled', 'staff-sterk-hasle', { messageId: id }],
    ]);
    expect(JSON.stringify(trail)).not.toContain(note);
  });
});
