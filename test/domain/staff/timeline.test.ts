import type { AuditEvent } from '../../../lambdas/domain/audit/chain';
import type { RequestRecord } from '../../../lambdas/domain/requests/record';
import { requestTimeline, type TimelineInput } from '../../../lambdas/domain/staff/timeline';
import type { Finding } from '../../../lambdas/domain/workflow/findings';
import type { StaffTask } from '../../../lambdas/domain/workflow/tasks';
import { sterkPolicy } from '../policy/sterk-fixture';

const REQUEST: RequestRecord = {
  kind: 'request',
  id: 'req-1',
  type: 'access',
  controllerId: 'sterk-helse-og-trening',
  lang: 'nb',
  receivedAt: '2026-03-02T09:00:00.000Z',
  receivedDate: '2026-03-02',
  dueDate: '2026-04-07',
  dueAt: '2026-04-07T21:59:59.999Z',
  status: 'verified',
  statusTokenHashes: [],
  policyVersion: '1.0.0',
  verifiedAt: '2026-03-02T09:05:00.000Z',
  requester: { name: 'Kari Nordmann', email: 'kari@example.no' },
};

let seq = 0;
function event(at: string, action: string, actor: AuditEvent['actor'], details = {}): AuditEvent {
  seq += 1;
  return { requestId: 'req-1', seq, at, action, actor, details, prevHash: 'p', hash: 'h' };
}
const officer = { kind: 'staff', id: 'personvernombud' } as const;
const task = (overrides: Partial<StaffTask>): StaffTask => ({
  taskId: 't',
  requestId: 'req-1',
  controllerId: 'sterk-helse-og-trening',
  type: 'identity-check',
  status: 'decided',
  createdAt: '2026-03-02T09:06:00.000Z',
  ...overrides,
});

function timeline(input: Partial<TimelineInput>) {
  return requestTimeline({ request: REQUEST, tasks: [], findings: [], events: [], ...input }, sterkPolicy());
}

const RAW_CODES = [
  'task-decided',
  'request-viewed',
  'manual-collection',
  'identity-check',
  'age-rule',
  'brp-systems',
  'export-previewed',
  'deadline-extended',
];

describe('the request timeline in words', () => {
  it('says who received, confirmed, decided and answered, newest first, in both languages', () => {
    // Prepare
    const input: Partial<TimelineInput> = {
      request: { ...REQUEST, status: 'completed', completedAt: '2026-03-03T12:00:00.000Z' },
      tasks: [task({ taskId: 'id-1', decision: { decision: 'approve' } })],
      events: [
        event('2026-03-02T10:00:00.000Z', 'task-decided', officer, {
          taskId: 'id-1',
          type: 'identity-check',
          decision: 'approve',
        }),
      ],
    };

    // Act
    const entries = timeline(input);

    // Assess
    expect(entries.map((e) => e.text.nb)).toEqual([
      'Svaret ble sendt til Kari Nordmann, og forespørselen er fullført',
      'personvernombud godkjente ID-kontrollen',
      'En ansatt må kontrollere identiteten før forespørselen går videre',
      'Kari Nordmann bekreftet forespørselen med koden fra e-posten',
      'Forespørsel om innsyn kom inn fra Kari Nordmann',
    ]);
    expect(entries.map((e) => e.kind)).toEqual([
      'answered',
      'decided',
      'task-opened',
      'verified',
      'received',
    ]);
    expect(entries[1]?.text.en).toBe('personvernombud approved the identity check');
    expect(entries[4]?.text.en).toBe('Request for access received from Kari Nordmann');
  });

  it('records "no data found" as such, from the audit outcome or, for older events, from the task', () => {
    // Prepare
    const brp = task({
      taskId: 'mc-brp',
      type: 'manual-collection',
      systemId: 'brp-systems',
      decision: { decision: 'approve', noDataFound: true, comment: 'Søkte på navn' },
    });
    const pasientsky = task({
      taskId: 'mc-ps',
      type: 'manual-collection',
      systemId: 'pasientsky',
      decision: { decision: 'approve', uploadKey: 'uploads/req-1/pasientsky/x.csv' },
    });
    const melin = task({ taskId: 'mc-melin', type: 'manual-collection', systemId: 'melin-convene-medical' });
    const decided = (taskId: string, systemId: string, at: string, extra = {}) =>
      event(at, 'task-decided', officer, {
        taskId,
        type: 'manual-collection',
        decision: 'approve',
        systemId,
        ...extra,
      });

    // Act
    const entries = timeline({
      tasks: [brp, pasientsky, melin],
      events: [
        // An event written before the outcome was recorded: the task's decision tells.
        decided('mc-brp', 'brp-systems', '2026-03-02T11:00:00.000Z'),
        decided('mc-ps', 'pasientsky', '2026-03-02T11:01:00.000Z', { outcome: 'uploaded' }),
        decided('mc-melin', 'melin-convene-medical', '2026-03-02T11:02:00.000Z', {
          outcome: 'no-data-found',
        }),
      ],
    }).filter((e) => e.kind === 'decided');

    // Assess
    expect(entries.map((e) => e.text.nb)).toEqual([
      'personvernombud: ingen opplysninger funnet i Melin Convene medical',
      'personvernombud lastet opp eksporten fra PasientSky',
      'personvernombud: ingen opplysninger funnet i BRP Systems',
    ]);
    expect(entries[0]?.text.en).toBe('personvernombud: no data found in Melin Convene medical');
  });

  it('groups repeated views by one person into one line with the count and the first time', () => {
    // Prepare
    const views = ['2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z', '2026-03-04T08:30:00.000Z'].map(
      (at) => event(at, 'request-viewed', officer),
    );
    const colleague = event('2026-03-03T09:00:00.000Z', 'request-viewed', {
      kind: 'staff',
      id: 'staff-sterk-helse',
    });

    // Act
    const entries = timeline({ events: [...views, colleague] }).filter((e) => e.kind === 'viewed');

    // Assess
    expect(entries).toEqual([
      {
        at: '2026-03-04T08:30:00.000Z',
        kind: 'viewed',
        text: {
          nb: 'personvernombud åpnet forespørselen 3 ganger, første gang 2. mars 2026, 11:00',
          en: 'personvernombud opened the request 3 times, first on 2 Mar 2026, 11:00',
        },
      },
      {
        at: '2026-03-03T09:00:00.000Z',
        kind: 'viewed',
        text: { nb: 'staff-sterk-helse åpnet forespørselen', en: 'staff-sterk-helse opened the request' },
      },
    ]);
  });

  it('names the child a guardian asks for, the extension with its dates, and shows no raw codes', () => {
    // Prepare
    const request: RequestRecord = {
      ...REQUEST,
      onBehalfOf: { name: 'Ola Nordmann', birthDate: '2009-05-01', relationship: 'guardian' },
    };
    const events = [
      event('2026-03-02T10:00:00.000Z', 'request-viewed', officer),
      event('2026-03-02T10:01:00.000Z', 'deadline-extended', officer, {
        originalDueDate: '2026-04-07',
        newDueDate: '2026-05-07',
        months: 1,
      }),
      event('2026-03-02T10:02:00.000Z', 'information-requested', officer, { taskId: 'id-1' }),
      event('2026-03-02T10:03:00.000Z', 'export-previewed', officer),
      event('2026-03-02T10:04:00.000Z', 'upload-url-issued', officer, { systemId: 'brp-systems', size: 3 }),
      event('2026-03-02T10:05:00.000Z', 'something-new', { kind: 'system', id: 'x' }),
    ];
    const findings: Finding[] = [
      {
        systemId: 'mailchimp',
        source: 'connector',
        categories: ['email'],
        recordCount: 1,
        collectedAt: '2026-03-02T09:10:00.000Z',
      },
    ];

    // Act
    const entries = timeline({ request, events, findings });
    const all = entries.flatMap((e) => [e.text.nb, e.text.en]).join('\n');

    // Assess
    expect(entries.map((e) => e.text.nb)).toEqual(
      expect.arrayContaining([
        'Forespørsel om innsyn kom inn fra Kari Nordmann på vegne av Ola Nordmann (barn)',
        'personvernombud forlenget fristen med én måned, fra 7. apr. 2026 til 7. mai 2026',
        'personvernombud ba Kari Nordmann om mer informasjon',
        'personvernombud forhåndsviste eksporten',
        'personvernombud begynte å laste opp eksporten fra BRP Systems',
        'Hentet 1 post automatisk fra Mailchimp',
        'Systemet registrerte en hendelse (nr. 6 i revisjonssporet)'.replace('6', String(events[5]?.seq)),
      ]),
    );
    for (const code of RAW_CODES) expect(all).not.toContain(code);
  });
});
