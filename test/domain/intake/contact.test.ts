import { bundledPolicy } from '../../../lambdas/adapters/policy/bundled-policy';
import { TooManyRequestsError, ValidationError } from '../../../lambdas/domain/errors';
import { acceptContactMessage, type ContactMessageRecord } from '../../../lambdas/domain/intake/contact';
import { DEFAULT_SUBMISSION_LIMITS } from '../../../lambdas/domain/intake/rate-limits';
import { InMemoryRateLimiter } from '../../support/in-memory-rate-limiter';

function prepare() {
  const stored: ContactMessageRecord[] = [];
  const started: string[] = [];
  const deps = {
    policy: bundledPolicy,
    messages: { create: async (m: ContactMessageRecord) => void stored.push(m) },
    notifications: { start: async (id: string) => void started.push(id) },
    clock: () => new Date('2026-11-25T09:30:00Z'),
    newId: () => 'msg-1',
    limiter: new InMemoryRateLimiter(),
    limits: DEFAULT_SUBMISSION_LIMITS,
  };
  return { stored, started, deps };
}

const valid = { name: 'Kari Nordmann', email: 'Kari@Example.no', message: 'Hei! Når åpner dere?' };

describe('Function: acceptContactMessage', () => {
  it('stores the message for the main controller and starts its workflow', async () => {
    // Prepare
    const { stored, started, deps } = prepare();

    // Act
    const accepted = await acceptContactMessage(valid, deps);

    // Assess
    expect(accepted).toEqual({ id: 'msg-1', lang: 'nb', controllerId: expect.any(String), stored: true });
    expect(stored).toEqual([
      {
        id: 'msg-1',
        controllerId: accepted.controllerId,
        lang: 'nb',
        receivedAt: '2026-11-25T09:30:00.000Z',
        sender: { name: 'Kari Nordmann', email: 'kari@example.no' },
        message: 'Hei! Når åpner dere?',
        status: 'new',
      },
    ]);
    expect(bundledPolicy.controllers.find((c) => c.id === accepted.controllerId)?.main).toBe(true);
    expect(started).toEqual(['msg-1']);
  });

  it.each([
    ['a Norwegian number with spaces', '21 08 28 00', '+4721082800'],
    ['an E.164 number', '+46701234567', '+46701234567'],
  ])('stores %s in E.164 form', async (_, phone, expected) => {
    // Prepare
    const { stored, deps } = prepare();

    // Act
    await acceptContactMessage({ ...valid, phone }, deps);

    // Assess
    expect(stored[0]?.sender.phone).toBe(expected);
  });

  it('keeps nothing and sends nothing when the honeypot is filled, but answers as usual', async () => {
    // Prepare
    const { stored, started, deps } = prepare();

    // Act
    const accepted = await acceptContactMessage({ ...valid, website: 'http://spam.example' }, deps);

    // Assess
    expect(accepted.stored).toBe(false);
    expect(accepted.id).toBe('msg-1');
    expect(stored).toEqual([]);
    expect(started).toEqual([]);
  });

  it.each([
    ['a missing name', { ...valid, name: '  ' }, 'name'],
    ['a name over 200 characters', { ...valid, name: 'x'.repeat(201) }, 'name'],
    ['a malformed email', { ...valid, email: 'kari@' }, 'email'],
    ['a five-digit phone number', { ...valid, phone: '12345' }, 'phone'],
    ['an empty message', { ...valid, message: '' }, 'message'],
    ['a message over 5,000 characters', { ...valid, message: 'x'.repeat(5001) }, 'message'],
    ['an unknown controller', { ...valid, controller: 'sterk-bergen' }, 'controller'],
    ['an unknown language', { ...valid, lang: 'sv' }, 'lang'],
    ['a name that is not text', { ...valid, name: 42 }, 'name'],
  ])('rejects %s with a message for that field and stores nothing', async (_, input, field) => {
    // Prepare
    const { stored, started, deps } = prepare();

    // Act
    const attempt = acceptContactMessage(input, deps);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ fields: { [field]: expect.any(String) } });
    expect(stored).toEqual([]);
    expect(started).toEqual([]);
  });

  it('limits messages per mailbox, counting name+tag@ as name@, and stores nothing over the limit', async () => {
    // Prepare
    const { stored, started, deps } = prepare();
    const limits = { ...deps.limits, perEmail: { limit: 2, windowSeconds: 3600 } };

    // Act
    await acceptContactMessage({ ...valid, email: 'kari+1@example.no' }, { ...deps, limits });
    await acceptContactMessage({ ...valid, email: 'kari+2@example.no' }, { ...deps, limits });
    const third = acceptContactMessage({ ...valid, email: 'Kari@Example.no' }, { ...deps, limits });

    // Assess
    await expect(third).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(stored).toHaveLength(2);
    expect(started).toHaveLength(2);
  });

  it('limits messages per client address, whatever addresses they give', async () => {
    // Prepare
    const { stored, deps } = prepare();
    const limits = { ...deps.limits, perClient: { limit: 2, windowSeconds: 600 } };
    const send = (email: string) =>
      acceptContactMessage({ ...valid, email }, { ...deps, limits }, { clientIp: '192.0.2.7' });

    // Act
    await send('a@example.no');
    await send('b@example.no');
    const third = send('c@example.no');

    // Assess
    await expect(third).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(stored.map((message) => message.sender.email)).toEqual(['a@example.no', 'b@example.no']);
  });
});
