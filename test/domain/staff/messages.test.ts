import type { AuditEventInput } from '../../../lambdas/domain/audit/chain';
import type { AuditTrail } from '../../../lambdas/domain/audit/trail';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../lambdas/domain/errors';
import {
  handleMessage,
  listMessages,
  type MessageDeps,
  readHandledBody,
  type StaffMessage,
  viewMessage,
} from '../../../lambdas/domain/staff/messages';

const OFFICER = { username: 'personvernombud', controllers: 'all' as const };
const HASLE = { username: 'staff-sterk-hasle', controllers: ['sterk-hasle'] };
const ALL = ['sterk-helse-og-trening', 'sterk-hasle', 'sterk-helse'];

function message(id: string, overrides: Partial<StaffMessage> = {}): StaffMessage {
  return {
    id,
    controllerId: 'sterk-hasle',
    lang: 'nb',
    receivedAt: '2026-03-02T09:00:00.000Z',
    sender: { name: 'Kari Nordmann', email: 'kari@example.no', phone: '+4790000000' },
    message: 'Hvor lenge lagrer dere treningsloggen min?',
    status: 'new',
    ...overrides,
  };
}

function setup(stored: StaffMessage[], now = '2026-03-03T10:00:00.000Z') {
  const items = new Map(stored.map((m) => [m.id, m]));
  const events: { trail: string; input: AuditEventInput; at: string }[] = [];
  const listed: (readonly string[])[] = [];
  const audit = {
    append: async (trail: string, input: AuditEventInput, at: string) => {
      events.push({ trail, input, at });
      return { ...input, requestId: trail, seq: events.length, at, prevHash: '', hash: '' };
    },
    list: async () => [],
  } satisfies AuditTrail;
  const deps: MessageDeps = {
    messages: {
      list: async (controllerIds) => {
        listed.push(controllerIds);
        return [...items.values()].filter((m) => controllerIds.includes(m.controllerId));
      },
      get: async (id) => items.get(id),
      markHandled: async (id, handling) => {
        const current = items.get(id);
        if (current === undefined || current.status === 'handled') return false;
        items.set(id, { ...current, ...handling, status: 'handled' });
        return true;
      },
    },
    audit,
    clock: () => new Date(now),
  };
  return { deps, events, items, listed };
}

describe('Function: listMessages', () => {
  it("lists only the caller's companies' messages, newest first, without sender or text", async () => {
    // Prepare
    const { deps, listed } = setup([
      message('old', { receivedAt: '2026-03-01T08:00:00.000Z' }),
      message('new', { receivedAt: '2026-03-02T08:00:00.000Z' }),
      message('other', { controllerId: 'sterk-helse' }),
    ]);

    // Act
    const rows = await listMessages(HASLE, ALL, deps);

    // Assess
    expect(listed).toEqual([['sterk-hasle']]);
    expect(rows.map((r) => r.id)).toEqual(['new', 'old']);
    expect(rows[0]).toEqual({
      id: 'new',
      controllerId: 'sterk-hasle',
      receivedAt: '2026-03-02T08:00:00.000Z',
      status: 'new',
      handled: false,
    });
    expect(JSON.stringify(rows)).not.toMatch(/Kari|kari@example|treningsloggen|\+4790000000/);
  });

  it('lists every company for the privacy officer', async () => {
    // Prepare
    const { deps } = setup([message('a'), message('b', { controllerId: 'sterk-helse' })]);

    // Act
    const rows = await listMessages(OFFICER, ALL, deps);

    // Assess
    expect(rows.map((r) => r.id).sort()).toEqual(['a', 'b']);
  });
});

describe('Function: viewMessage', () => {
  it("records the view on the message's own trail before returning the sender's details", async () => {
    // Prepare
    const { deps, events } = setup([message('m-1')]);

    // Act
    const shown = await viewMessage('m-1', HASLE, deps);

    // Assess
    expect(shown.sender.name).toBe('Kari Nordmann');
    expect(shown.message).toBe('Hvor lenge lagrer dere treningsloggen min?');
    expect(shown.viewedAt).toBe('2026-03-03T10:00:00.000Z');
    expect(events).toEqual([
      {
        trail: 'message-m-1',
        input: {
          action: 'message-viewed',
          actor: { kind: 'staff', id: 'staff-sterk-hasle' },
          details: { messageId: 'm-1' },
        },
        at: '2026-03-03T10:00:00.000Z',
      },
    ]);
  });

  it("refuses another company's staff, and records nothing", async () => {
    // Prepare
    const { deps, events } = setup([message('m-1', { controllerId: 'sterk-helse' })]);

    // Act
    const viewing = viewMessage('m-1', HASLE, deps);

    // Assess
    await expect(viewing).rejects.toBeInstanceOf(ForbiddenError);
    expect(events).toEqual([]);
  });

  it('answers not found for an unknown id', async () => {
    // Prepare
    const { deps } = setup([]);

    // Act
    const viewing = viewMessage('nope', OFFICER, deps);

    // Assess
    await expect(viewing).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('Function: handleMessage', () => {
  it('marks the message handled once, with the note, and audits it without the note', async () => {
    // Prepare
    const { deps, events, items } = setup([message('m-1')]);

    // Act
    const outcome = await handleMessage('m-1', { note: '  Svarte på e-post.  ' }, HASLE, deps);

    // Assess
    expect(outcome).toEqual({
      id: 'm-1',
      status: 'handled',
      handled: true,
      handledAt: '2026-03-03T10:00:00.000Z',
      handledBy: 'staff-sterk-hasle',
      handledNote: 'Svarte på e-post.',
    });
    expect(items.get('m-1')?.status).toBe('handled');
    expect(events.map((e) => [e.trail, e.input.action, e.input.details])).toEqual([
      ['message-m-1', 'message-handled', { messageId: 'm-1' }],
    ]);
  });

  it('answers 409 the second time, naming who handled it and when', async () => {
    // Prepare
    const { deps, events } = setup([message('m-1')]);
    await handleMessage('m-1', { note: 'Svarte på e-post.' }, HASLE, deps);

    // Act
    const again = handleMessage('m-1', { note: 'Igjen' }, OFFICER, deps);

    // Assess
    await expect(again).rejects.toThrow(
      new ConflictError('This message was already handled by staff-sterk-hasle at 2026-03-03T10:00:00.000Z.'),
    );
    expect(events).toHaveLength(1);
  });

  it('answers 409 when someone else handled it between the read and the write', async () => {
    // Prepare
    const { deps, events } = setup([message('m-1')]);
    const markHandled = deps.messages.markHandled;
    const racing: MessageDeps = {
      ...deps,
      messages: {
        ...deps.messages,
        markHandled: async (id, handling) => {
          await markHandled(id, { ...handling, handledBy: 'colleague' });
          return markHandled(id, handling);
        },
      },
    };

    // Act
    const handling = handleMessage('m-1', { note: 'Ringte tilbake' }, HASLE, racing);

    // Assess
    await expect(handling).rejects.toThrow(/already handled by colleague/);
    expect(events).toEqual([]);
  });

  it("refuses another company's staff before reading the note", async () => {
    // Prepare
    const { deps, items } = setup([message('m-1', { controllerId: 'sterk-helse' })]);

    // Act
    const handling = handleMessage('m-1', {}, HASLE, deps);

    // Assess
    await expect(handling).rejects.toBeInstanceOf(ForbiddenError);
    expect(items.get('m-1')?.status).toBe('new');
  });
});

describe('Function: readHandledBody', () => {
  it.each([
    ['no note', {}],
    ['an empty note', { note: '' }],
    ['a blank note', { note: '   ' }],
    ['a number', { note: 3 }],
    ['no body', null],
    ['2001 characters', { note: 'x'.repeat(2001) }],
  ])('refuses %s', (_label, body) => {
    // Act
    const reading = () => readHandledBody(body);

    // Assess
    expect(reading).toThrow(ValidationError);
  });

  it('accepts 2000 characters', () => {
    // Act
    const { note } = readHandledBody({ note: 'x'.repeat(2000) });

    // Assess
    expect(note).toHaveLength(2000);
  });
});
