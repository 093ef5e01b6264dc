import type { AuditEventInput } from '../../../lambdas/domain/audit/chain';
import type { AuditTrail } from '../../../lambdas/domain/audit/trail';
import { ConflictError, NotFoundError, ValidationError } from '../../../lambdas/domain/errors';
import type { Mailer, OutgoingMessage } from '../../../lambdas/domain/ports/mailer';
import type { RequestRecord } from '../../../lambdas/domain/requests/record';
import {
  type ExtendDeadlineDeps,
  type ExtendedRequest,
  type Extension,
  extendDeadline,
} from '../../../lambdas/domain/staff/extend-deadline';
import { sterkPolicy } from '../policy/sterk-fixture';

const OFFICER = { username: 'personvernombud', controllers: 'all' as const };

function request(overrides: Partial<ExtendedRequest> = {}): ExtendedRequest {
  const base: RequestRecord = {
    kind: 'request',
    id: 'req-1',
    type: 'access',
    controllerId: 'sterk-hasle',
    lang: 'en',
    receivedAt: '2026-03-02T09:00:00.000Z',
    receivedDate: '2026-03-02',
    dueDate: '2026-04-07',
    dueAt: '2026-04-07T21:59:59.999Z',
    status: 'verified',
    statusTokenHashes: [],
    policyVersion: '1.0.0',
    requester: { name: 'Kari Nordmann', email: 'kari@example.no' },
  };
  return { ...base, ...overrides };
}

function setup(stored: ExtendedRequest | undefined, now: string) {
  let current = stored;
  const sent: OutgoingMessage[] = [];
  const events: AuditEventInput[] = [];
  const writes: Extension[] = [];
  const mailer: Mailer = {
    send: async (message) => {
      sent.push(message);
      return { messageId: 'm' };
    },
  };
  const audit = {
    append: async (_id: string, input: AuditEventInput) => {
      events.push(input);
      return {} as never;
    },
    list: async () => [],
  } satisfies AuditTrail;
  const deps: ExtendDeadlineDeps = {
    policy: sterkPolicy(),
    requests: { get: async () => current },
    extensions: {
      extend: async (_id, extension) => {
        if (current?.extendedAt !== undefined) return false;
        writes.push(extension);
        current = { ...(current as ExtendedRequest), ...extension };
        return true;
      },
      markExtensionNoticeSent: async (_id, at) => {
        current = { ...(current as ExtendedRequest), extensionNoticeSentAt: at };
      },
    },
    audit,
    mailer,
    mailFrom: 'personvern@sterk.example',
    clock: () => new Date(now),
  };
  return { deps, sent, events, writes };
}

describe('Function: extendDeadline', () => {
  it('extends to the extended due date, audits it with dates only and tells the requester why', async () => {
    // Prepare
    const { deps, sent, events, writes } = setup(request(), '2026-04-07T21:30:00Z');

    // Act
    const outcome = await extendDeadline(
      'req-1',
      { reason: '  The archive must be fetched by hand. ' },
      OFFICER,
      deps,
    );

    // Assess
    expect(outcome).toEqual({
      requestId: 'req-1',
      originalDueDate: '2026-04-07',
      dueDate: '2026-06-02',
      dueAt: '2026-06-02T21:59:59.999Z',
      extendedAt: '2026-04-07T21:30:00.000Z',
    });
    expect(writes[0]?.extensionReason).toBe('The archive must be fetched by hand.');
    expect(events).toEqual([
      {
        action: 'deadline-extended',
        actor: { kind: 'staff', id: 'personvernombud' },
        details: { originalDueDate: '2026-04-07', newDueDate: '2026-06-02', months: 2 },
      },
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('kari@example.no');
    expect(sent[0]?.content.subject).toBe('We need more time to answer your request');
    expect(sent[0]?.content.text).toContain('The archive must be fetched by hand.');
    expect(sent[0]?.content.text).toContain('2 June 2026');
  });

  it.each([
    [
      'too late: the original due date has passed (Oslo)',
      request(),
      '2026-04-07T22:00:00Z',
      ConflictError,
      /Too late/,
    ],
    [
      'twice',
      request({ extendedAt: '2026-03-20T10:00:00Z', extensionNoticeSentAt: '2026-03-20T10:00:01Z' }),
      '2026-03-25T10:00:00Z',
      ConflictError,
      /already extended/,
    ],
    ['a closed request', request({ status: 'completed' }), '2026-03-25T10:00:00Z', ConflictError, /closed/],
    [
      'an unverified request',
      request({ status: 'awaiting-verification' }),
      '2026-03-25T10:00:00Z',
      ConflictError,
      /not verified/,
    ],
    ['an unknown request', undefined, '2026-03-25T10:00:00Z', NotFoundError, /No such request/],
  ])('refuses %s', async (_case, stored, now, errorClass, message) => {
    // Prepare
    const { deps, sent, writes } = setup(stored, now);

    // Act
    const attempt = extendDeadline('req-1', { reason: 'More time' }, OFFICER, deps);

    // Assess
    await expect(attempt).rejects.toThrow(errorClass);
    await expect(attempt).rejects.toThrow(message);
    expect(writes).toEqual([]);
    expect(sent).toEqual([]);
  });

  it.each([
    ['no reason', {}],
    ['a blank reason', { reason: '   ' }],
    ['a reason that is not text', { reason: 42 }],
    ['a reason over 2000 characters', { reason: 'x'.repeat(2001) }],
  ])('refuses %s', async (_case, body) => {
    // Prepare
    const { deps, writes } = setup(request(), '2026-03-25T10:00:00Z');

    // Act
    const attempt = extendDeadline('req-1', body, OFFICER, deps);

    // Assess
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toMatchObject({ fields: { reason: expect.any(String) } });
    expect(writes).toEqual([]);
  });

  it('extends by one month when staff choose less than the legal maximum', async () => {
    // Prepare: received 2026-03-02, due 2026-04-07 (after Easter); one more month from the receipt is 2026-05-04
    const { deps, events } = setup(request(), '2026-04-07T09:00:00Z');

    // Act
    const outcome = await extendDeadline(
      'req-1',
      { reason: 'Waiting for the archive.', months: 1 },
      OFFICER,
      deps,
    );

    // Assess
    expect(outcome.dueDate).toBe('2026-05-04');
    expect(events[0]?.details).toEqual({
      originalDueDate: '2026-04-07',
      newDueDate: '2026-05-04',
      months: 1,
    });
  });

  it.each([3, 0, '2', 1.5])(
    'refuses an extension of %j months, which the GDPR does not allow',
    async (months) => {
      // Prepare
      const { deps, writes } = setup(request(), '2026-04-07T09:00:00Z');

      // Act
      const attempt = extendDeadline('req-1', { reason: 'More time.', months }, OFFICER, deps);

      // Assess
      await expect(attempt).rejects.toMatchObject({
        fields: { months: expect.stringContaining('Art. 12(3)') },
      });
      expect(writes).toEqual([]);
    },
  );

  it('answers staff of another company as for an unknown id (404, no 403 that tells ids exist), before looking at the body', async () => {
    // Prepare
    const { deps, writes } = setup(request(), '2026-03-25T10:00:00Z');

    // Act
    const attempt = extendDeadline('req-1', {}, { username: 'u', controllers: ['sterk-helse'] }, deps);

    // Assess
    await expect(attempt).rejects.toThrow(NotFoundError);
    await expect(attempt).rejects.toThrow(/^No such request$/);
    expect(writes).toEqual([]);
  });

  it('sends the notice it still owes when an earlier attempt extended but failed to email, and answers 409', async () => {
    // Prepare
    const { deps, sent } = setup(
      request({
        extendedAt: '2026-03-20T10:00:00Z',
        originalDueDate: '2026-04-07',
        dueDate: '2026-06-02',
        extensionReason: 'Archive',
      }),
      '2026-03-20T10:05:00Z',
    );

    // Act
    const attempt = extendDeadline('req-1', { reason: 'Again' }, OFFICER, deps);

    // Assess
    await expect(attempt).rejects.toThrow(ConflictError);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.content.text).toContain('Archive');
    expect(sent[0]?.content.text).not.toContain('Again');
  });
});
