import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import * as fc from 'fast-check';
import {
  type AuditEvent,
  type AuditEventInput,
  canonicalForm,
  chainEvent,
  genesisHash,
  InvalidAuditEventError,
  verifyChain,
} from '../../../lambdas/domain/audit/chain';

const REQUEST = 'req-01J9ZK3T6Q';
const AT = '2026-03-02T09:00:00.000Z';

const view: AuditEventInput = { action: 'request.viewed', actor: { kind: 'staff', id: 'staff-7' } };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A chain of `length` events, one minute apart, with a little variety in actors and details. */
function chainOf(length: number, requestId = REQUEST): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let seq = 1; seq <= length; seq++) {
    const input: AuditEventInput =
      seq % 2 === 0
        ? {
            action: 'request.decision.recorded',
            actor: { kind: 'staff', id: `staff-${seq}` },
            details: { decision: 'approved', systems: seq, partial: false },
          }
        : { action: 'request.viewed', actor: { kind: 'system', id: 'collector' } };
    const at = new Date(Date.parse(AT) + seq * 60_000).toISOString();
    events.push(chainEvent(requestId, events.at(-1), input, at));
  }
  return events;
}

/** The same events with event `seq` replaced. */
function withEvent(events: AuditEvent[], seq: number, change: (event: AuditEvent) => unknown): AuditEvent[] {
  return events.map((event) => (event.seq === seq ? (change(event) as AuditEvent) : event));
}

describe('Function: genesisHash', () => {
  it('is the SHA-256 of the documented text, and differs between requests', () => {
    // Act
    const genesis = genesisHash('r-1');

    // Assess
    expect(genesis).toBe(sha256('personvern:audit:genesis:r-1'));
    expect(genesis).toBe('967da304d2f1ad0eddb6399730cdf9b8a9bb6bff6fc40c0274048cb631a370c1');
    expect(genesisHash('r-2')).not.toBe(genesis);
  });
});

describe('Function: chainEvent', () => {
  it('starts a chain at seq 1 from the genesis value, with the worked example of the module comment', () => {
    // Act
    const event = chainEvent(
      'r-1',
      undefined,
      { action: 'request.viewed', actor: { kind: 'staff', id: 's-7' } },
      AT,
    );

    // Assess
    const line =
      '{"action":"request.viewed","actor":{"id":"s-7","kind":"staff"},"at":"2026-03-02T09:00:00.000Z","details":{},' +
      '"prevHash":"967da304d2f1ad0eddb6399730cdf9b8a9bb6bff6fc40c0274048cb631a370c1","requestId":"r-1","seq":1}';
    expect(canonicalForm(event)).toBe(line);
    expect(event).toEqual({
      requestId: 'r-1',
      seq: 1,
      at: AT,
      action: 'request.viewed',
      actor: { kind: 'staff', id: 's-7' },
      details: {},
      prevHash: genesisHash('r-1'),
      hash: sha256(line),
    });
    expect(event.hash).toBe('4c83123b3cd001e9c0c1fd9073136f4e4f88e3cdee5da5f781c17ea992baefdc');
  });

  it('links each event to the hash of the one before it', () => {
    // Prepare
    const first = chainEvent(REQUEST, undefined, view, AT);

    // Act
    const second = chainEvent(
      REQUEST,
      first,
      {
        action: 'request.decision.recorded',
        actor: { kind: 'staff', id: 'staff-7' },
        details: { systems: 2 },
      },
      '2026-03-02T09:05:00.000Z',
    );

    // Assess
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toBe(sha256(canonicalForm(second)));
    expect(second.hash).not.toBe(first.hash);
  });

  it('hashes with sorted keys, whatever order the caller wrote the details in', () => {
    // Act
    const one = chainEvent(REQUEST, undefined, { ...view, details: { b: 1, a: 'x' } }, AT);
    const other = chainEvent(REQUEST, undefined, { ...view, details: { a: 'x', b: 1 } }, AT);

    // Assess
    expect(canonicalForm(one)).toContain('"details":{"a":"x","b":1}');
    expect(one.hash).toBe(other.hash);
  });

  it('copies the input, so changing the caller’s object later cannot change the event', () => {
    // Prepare
    const details: Record<string, string> = { decision: 'approved' };
    const actor = { kind: 'staff' as const, id: 'staff-7' };

    // Act
    const event = chainEvent(REQUEST, undefined, { action: 'request.decision.recorded', actor, details }, AT);
    details.decision = 'rejected';
    actor.id = 'staff-8';

    // Assess
    expect(event.details).toEqual({ decision: 'approved' });
    expect(event.actor.id).toBe('staff-7');
    expect(verifyChain(REQUEST, [event])).toEqual({ ok: true, length: 1 });
  });

  it('refuses to chain onto another request’s event', () => {
    // Prepare
    const other = chainEvent('req-other', undefined, view, AT);

    // Act
    const act = () => chainEvent(REQUEST, other, view, AT);

    // Assess
    expect(act).toThrow(InvalidAuditEventError);
    expect(act).toThrow(/belongs to request req-other/);
  });

  it.each([
    { why: 'an empty action', input: { ...view, action: '' }, problem: /action must be a non-empty string/ },
    {
      why: 'an unknown actor kind',
      input: { ...view, actor: { kind: 'robot', id: 'x' } },
      problem: /actor.kind must be staff, requester or system/,
    },
    {
      why: 'an empty actor id',
      input: { ...view, actor: { kind: 'staff', id: '' } },
      problem: /actor.id must be a non-empty string/,
    },
    {
      why: 'a nested object in details',
      input: { ...view, details: { requester: { name: 'Kari Nordmann' } } },
      problem: /details.requester must be a string, integer or boolean/,
    },
    {
      why: 'a list in details',
      input: { ...view, details: { ids: ['a', 'b'] } },
      problem: /details.ids must be/,
    },
    { why: 'null in details', input: { ...view, details: { note: null } }, problem: /details.note must be/ },
    {
      why: 'a fraction in details',
      input: { ...view, details: { share: 0.5 } },
      problem: /must be an integer/,
    },
    {
      why: 'NaN in details',
      input: { ...view, details: { count: Number.NaN } },
      problem: /must be an integer/,
    },
    {
      why: 'a details key that is free text',
      input: { ...view, details: { 'kari@example.no': true } },
      problem: /details key "kari@example.no" is not an identifier/,
    },
    {
      why: 'a details key that could reach a prototype',
      input: { ...view, details: JSON.parse('{"__proto__":"x"}') },
      problem: /details key "__proto__" is not an identifier/,
    },
    {
      why: 'an unpaired surrogate, which the table could not store',
      input: { ...view, details: { reason: 'abc\ud800' } },
      problem: /details.reason holds an unpaired surrogate/,
    },
  ])('refuses $why', ({ input, problem }) => {
    // Act
    const act = () => chainEvent(REQUEST, undefined, input as unknown as AuditEventInput, AT);

    // Assess
    expect(act).toThrow(InvalidAuditEventError);
    expect(act).toThrow(problem);
  });

  it.each([
    { why: 'without a time zone', at: '2026-03-02T09:00:00' },
    { why: 'with an offset other than Z', at: '2026-03-02T10:00:00.000+01:00' },
    { why: 'for a day that does not exist', at: '2026-02-30T09:00:00.000Z' },
    { why: 'that is not a timestamp', at: 'yesterday' },
  ])('refuses a time $why', ({ at }) => {
    // Act
    const act = () => chainEvent(REQUEST, undefined, view, at);

    // Assess
    expect(act).toThrow(/at must be an ISO-8601 UTC timestamp/);
  });
});

describe('Function: verifyChain', () => {
  it.each([0, 1, 2, 7])('accepts an intact chain of %i events', (length) => {
    // Prepare
    const events = chainOf(length);

    // Act
    const result = verifyChain(REQUEST, events);

    // Assess
    expect(result).toEqual({ ok: true, length });
  });

  const fieldChanges: { field: string; change: (event: AuditEvent) => unknown; reason: RegExp }[] = [
    { field: 'action', change: (e) => ({ ...e, action: 'request.erased' }), reason: /was altered/ },
    {
      field: 'actor.id',
      change: (e) => ({ ...e, actor: { ...e.actor, id: 'someone-else' } }),
      reason: /was altered/,
    },
    {
      field: 'actor.kind',
      change: (e) => ({ ...e, actor: { ...e.actor, kind: e.actor.kind === 'staff' ? 'system' : 'staff' } }),
      reason: /was altered/,
    },
    { field: 'at', change: (e) => ({ ...e, at: '2030-01-01T00:00:00.000Z' }), reason: /was altered/ },
    {
      field: 'details (a value)',
      change: (e) => ({ ...e, details: { ...e.details, decision: 'rejected' } }),
      reason: /was altered/,
    },
    {
      field: 'details (removed)',
      change: ({ details: _details, ...rest }) => rest,
      reason: /was altered/,
    },
    { field: 'an added attribute', change: (e) => ({ ...e, note: 'added later' }), reason: /was altered/ },
    { field: 'requestId', change: (e) => ({ ...e, requestId: 'req-other' }), reason: /belongs to request/ },
    { field: 'seq', change: (e) => ({ ...e, seq: e.seq + 10 }), reason: /expected event \d+ .*found event/ },
    {
      field: 'seq (as text)',
      change: (e) => ({ ...e, seq: String(e.seq) }),
      reason: /found one numbered "\d+"/,
    },
    { field: 'prevHash', change: (e) => ({ ...e, prevHash: sha256('forged') }), reason: /prevHash is/ },
    { field: 'hash', change: (e) => ({ ...e, hash: sha256('forged') }), reason: /was altered/ },
    {
      field: 'details (a list put in by hand)',
      change: (e) => ({ ...e, details: { ids: ['a'] } }),
      reason: /holds values no audit event can hold/,
    },
  ];
  const cases = [1, 3, 5].flatMap((seq) => fieldChanges.map((change) => ({ ...change, seq })));

  it.each(cases)('detects a changed $field at event $seq of 5', ({ seq, change, reason }) => {
    // Prepare
    const events = withEvent(chainOf(5), seq, change);

    // Act
    const result = verifyChain(REQUEST, events);

    // Assess
    expect(result).toEqual({ ok: false, brokenAt: seq, reason: expect.stringMatching(reason) });
  });

  it('reads a hash mismatch out in words', () => {
    // Prepare
    const events = withEvent(chainOf(3), 2, (e) => ({ ...e, action: 'request.erased' }));

    // Act
    const result = verifyChain(REQUEST, events);

    // Assess
    expect(result).toEqual({
      ok: false,
      brokenAt: 2,
      reason: expect.stringMatching(
        /^event 2 was altered: its contents hash to [0-9a-f]{16}…, but it records [0-9a-f]{16}…$/,
      ),
    });
  });

  it('detects an altered event whose hash was recomputed, at the event after it', () => {
    // Prepare
    const events = withEvent(chainOf(5), 3, (e) => {
      const { hash: _hash, ...rest } = { ...e, action: 'request.erased' };
      return { ...rest, hash: sha256(canonicalForm(rest)) };
    });

    // Act
    const result = verifyChain(REQUEST, events);

    // Assess
    expect(result).toEqual({
      ok: false,
      brokenAt: 4,
      reason: expect.stringMatching(
        /^event 4 does not link to event 3: its prevHash is [0-9a-f]{16}…, but event 3's hash is/,
      ),
    });
  });

  it('detects a deleted event in the middle, where the gap begins', () => {
    // Prepare
    const events = chainOf(5).filter((event) => event.seq !== 3);

    // Act
    const result = verifyChain(REQUEST, events);

    // Assess
    expect(result).toEqual({
      ok: false,
      brokenAt: 3,
      reason: 'expected event 3 after event 2, found event 4: events are missing or out of order',
    });
  });

  it('detects a deleted first event', () => {
    // Prepare
    const events = chainOf(3).slice(1);

    // Act
    const result = verifyChain(REQUEST, events);

    // Assess
    expect(result).toEqual({
      ok: false,
      brokenAt: 1,
      reason: 'expected event 1 as the first event, found event 2: events are missing or out of order',
    });
  });

  it('detects a deleted event even when the later ones were renumbered', () => {
    // Prepare
    const events = chainOf(5)
      .filter((event) => event.seq !== 3)
      .map((event) => (event.seq > 3 ? { ...event, seq: event.seq - 1 } : event));

    // Act
    const result = verifyChain(REQUEST, events);

    // Assess
    expect(result).toEqual({
      ok: false,
      brokenAt: 3,
      reason: expect.stringMatching(/^event 3 does not link to event 2/),
    });
  });

  it('detects two events swapped', () => {
    // Prepare
    const [first, second, third, ...rest] = chainOf(5) as [
      AuditEvent,
      AuditEvent,
      AuditEvent,
      ...AuditEvent[],
    ];

    // Act
    const result = verifyChain(REQUEST, [first, third, second, ...rest]);

    // Assess
    expect(result).toEqual({
      ok: false,
      brokenAt: 2,
      reason: 'expected event 2 after event 1, found event 3: events are missing or out of order',
    });
  });

  it('detects a duplicated event', () => {
    // Prepare
    const events = chainOf(3);

    // Act
    const result = verifyChain(REQUEST, [...events.slice(0, 2), events[1] as AuditEvent, ...events.slice(2)]);

    // Assess
    expect(result).toEqual({ ok: false, brokenAt: 3, reason: expect.stringMatching(/found event 2/) });
  });

  it('refuses another request’s chain, however intact', () => {
    // Prepare
    const events = chainOf(3, 'req-other');

    // Act
    const result = verifyChain(REQUEST, events);

    // Assess
    expect(result).toEqual({
      ok: false,
      brokenAt: 1,
      reason: `event 1 belongs to request "req-other", not "${REQUEST}"`,
    });
  });

  it('refuses a first event that does not start from the genesis value, even with a matching hash', () => {
    // Prepare
    const forged = { ...chainOf(1)[0], prevHash: sha256('forged') } as AuditEvent;
    const { hash: _hash, ...unhashed } = forged;
    const rehashed = { ...forged, hash: sha256(canonicalForm(unhashed)) };

    // Act
    const result = verifyChain(REQUEST, [rehashed]);

    // Assess
    expect(result).toEqual({
      ok: false,
      brokenAt: 1,
      reason: expect.stringMatching(/^event 1 does not start from the request's genesis value/),
    });
  });

  it('cannot tell that the newest events were cut off (the documented limit of a chain on its own)', () => {
    // Prepare
    const events = chainOf(5).slice(0, 3);

    // Act
    const result = verifyChain(REQUEST, events);

    // Assess
    expect(result).toEqual({ ok: true, length: 3 });
  });

  describe('any single-field change', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
    const detailValue = fc.oneof(text, fc.integer(), fc.boolean());
    const detailKey = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,8}$/);
    const input: fc.Arbitrary<AuditEventInput> = fc.record(
      {
        action: text,
        actor: fc.record({
          kind: fc.constantFrom('staff' as const, 'requester' as const, 'system' as const),
          id: text,
        }),
        details: fc.dictionary(detailKey, detailValue, { maxKeys: 4 }),
      },
      { requiredKeys: ['action', 'actor'] },
    );
    const timestamp = fc
      .integer({ min: Date.parse('2020-01-01T00:00:00.000Z'), max: Date.parse('2040-01-01T00:00:00.000Z') })
      .map((ms) => new Date(ms).toISOString());
    const chain = fc
      .tuple(text, fc.array(fc.tuple(input, timestamp), { minLength: 1, maxLength: 8 }))
      .map(([requestId, steps]) => {
        const events: AuditEvent[] = [];
        for (const [step, at] of steps) events.push(chainEvent(requestId, events.at(-1), step, at));
        return { requestId, events };
      });

    /** A path to one field of an event, and the value to put there. */
    const mutation = fc.oneof(
      fc.record({ path: fc.constantFrom('action', 'at', 'prevHash', 'hash', 'requestId'), value: text }),
      fc.record({ path: fc.constant('seq'), value: fc.oneof(fc.integer(), text) }),
      fc.record({ path: fc.constantFrom('actor.id', 'actor.kind'), value: text }),
      fc.record({
        path: fc.constant('details.'),
        key: detailKey,
        value: fc.option(detailValue, { nil: undefined }),
      }),
      fc.record({ path: fc.constant('extra'), key: detailKey, value: detailValue }),
    );

    function mutate(event: AuditEvent, change: { path: string; key?: string; value: unknown }): AuditEvent {
      const copy = JSON.parse(JSON.stringify(event)) as Record<string, Record<string, unknown>>;
      if (change.path === 'details.') {
        const details = { ...(copy.details ?? {}) };
        if (change.value === undefined) delete details[change.key as string];
        else details[change.key as string] = change.value;
        copy.details = details;
      } else if (change.path === 'extra') {
        (copy as Record<string, unknown>)[`x_${change.key}`] = change.value;
      } else if (change.path.startsWith('actor.')) {
        copy.actor = { ...copy.actor, [change.path.slice('actor.'.length)]: change.value };
      } else {
        (copy as Record<string, unknown>)[change.path] = change.value;
      }
      return copy as unknown as AuditEvent;
    }

    it('is detected at the event it was made to', () => {
      // Act and Assess
      fc.assert(
        fc.property(chain, fc.nat(), mutation, ({ requestId, events }, pick, change) => {
          const index = pick % events.length;
          const original = events[index] as AuditEvent;
          const mutated = mutate(original, change);
          fc.pre(!isDeepStrictEqual(mutated, original));
          const tampered = events.map((event, i) => (i === index ? mutated : event));

          const result = verifyChain(requestId, tampered);

          expect(result).toEqual({ ok: false, brokenAt: index + 1, reason: expect.any(String) });
        }),
        { numRuns: 500 },
      );
    });
  });
});
