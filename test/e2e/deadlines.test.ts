/**
 * Deadlines end to end on `npm start`: staff extend a request over the staff API and the requester gets
 * the reason and the new date; the local reminder route runs the daily digest, which reaches the
 * controller's privacy contact with request ids and console links and nothing about the requester.
 */
import { jest } from '@jest/globals';
import { formatDate } from '../../lambdas/domain/policy/i18n';
import { eventually } from '../support/local-process';
import { useLocalStack } from '../support/local-stack-fixture';
import { WorkflowDriver } from '../support/workflow-driver';

jest.setTimeout(180_000);

const fixture = useLocalStack();
let counter = 0;
const email = (name: string) => `${name}.${Date.now()}${counter++}@example.no`;

describe('Deadlines, end to end', () => {
  it('extends a deadline once, emails the requester the reason and the new date, and keeps other companies out', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const address = email('ingrid');
    const { id } = await driver.submitVerified({
      type: 'access',
      name: 'Ingrid Berg',
      email: address,
      lang: 'en',
      controller: 'sterk-hasle',
    });
    const insider = await driver.token('staff-sterk-hasle');
    const outsider = await driver.token('staff-sterk-helse');
    const reason = 'The journal is in an archive that must be fetched by hand.';

    // Act
    const foreign = await driver.staff(outsider, 'POST', `/staff/requests/${id}/extension`, { reason });
    const reasonless = await driver.staff(insider, 'POST', `/staff/requests/${id}/extension`, {});
    const first = await driver.staff(insider, 'POST', `/staff/requests/${id}/extension`, { reason });
    const second = await driver.staff(insider, 'POST', `/staff/requests/${id}/extension`, { reason });
    const unknown = await driver.staff(insider, 'POST', '/staff/requests/no-such-request/extension', {
      reason,
    });
    const extended = (await first.json()) as { dueDate: string; originalDueDate: string };
    const notice = await eventually(async () => {
      const mine = await driver.emailsAbout(id, 1);
      return mine.find((e) => e.subject === 'We need more time to answer your request');
    }, 60_000);
    const file = await driver.requestFile(insider, id);

    // Assess
    expect(foreign.status).toBe(404);
    expect(reasonless.status).toBe(400);
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(unknown.status).toBe(404);
    expect(extended.dueDate > extended.originalDueDate).toBe(true);
    expect(notice.destination.to).toEqual([address]);
    expect(notice.body.text).toContain(reason);
    expect(notice.body.text).toContain(formatDate(extended.dueDate, 'en'));
    expect(file.dueDate).toBe(extended.dueDate);
    const timeline = file.timeline as { action: string; details?: Record<string, unknown> }[];
    expect(timeline.filter((e) => e.action === 'deadline-extended')).toEqual([
      expect.objectContaining({
        details: { originalDueDate: extended.originalDueDate, newDueDate: extended.dueDate, months: 2 },
      }),
    ]);
  });

  it('sends the controller’s privacy contact a digest with the request id and no requester data, once a day', async () => {
    // Prepare
    const stack = fixture();
    const driver = new WorkflowDriver(stack);
    const address = email('sigrid.digest');
    const { id } = await driver.submitVerified({
      type: 'erasure',
      name: 'Sigrid Digestsen',
      email: address,
      controller: 'sterk-helse',
    });
    const officer = await driver.token('personvernombud');
    const { dueDate } = (await driver.requestFile(officer, id)) as { dueDate: string };
    // Five days before the due date, at 07:00 in Oslo: due within 7 days, and past day 21.
    const now = new Date(Date.parse(`${dueDate}T06:00:00Z`) - 5 * 86_400_000).toISOString();
    const run = () =>
      fetch(`${stack.apiUrl}/local/reminders/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ now }),
      });

    // Act
    const first = await run();
    const firstBody = (await first.json()) as { digests: { controllerId: string; result: string }[] };
    const digests = (await stack.emails()).filter(
      (e) => e.subject.startsWith('Fristoversikt') && e.body.text?.includes(id),
    );
    const again = await run();
    const againBody = (await again.json()) as { digests: { controllerId: string; result: string }[] };
    const digestsAfterRepeat = (await stack.emails()).filter(
      (e) => e.subject.startsWith('Fristoversikt') && e.body.text?.includes(id),
    );
    const badTime = await fetch(`${stack.apiUrl}/local/reminders/run`, {
      method: 'POST',
      body: JSON.stringify({ now: 'tomorrow' }),
    });

    // Assess
    expect(first.status).toBe(200);
    expect(firstBody.digests.find((d) => d.controllerId === 'sterk-helse')?.result).toBe('sent');
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    expect(digest?.destination.to).toEqual(['kundeservice@sterkhelse.no']);
    expect(digest?.body.text).toContain(`${stack.apiUrl}/console/#/requests/${id}`);
    expect(digest?.body.text).toContain('Frist innen 7 dager');
    expect(digest?.body.text).toContain('Dag 21');
    const everything = `${digest?.subject}\n${digest?.body.text}\n${digest?.body.html}`;
    expect(everything).not.toContain('Sigrid');
    expect(everything).not.toContain('Digestsen');
    expect(everything).not.toContain(address);
    expect(againBody.digests.find((d) => d.controllerId === 'sterk-helse')?.result).toBe('already-sent');
    expect(digestsAfterRepeat).toHaveLength(1);
    expect(badTime.status).toBe(400);
  });
});
