import { computeDeadlines, endOfDayInstant } from '../../../lambdas/domain/deadlines';
import {
  buildDigest,
  type DigestSections,
  digestDate,
  isEmpty,
  type OpenRequestRow,
  sweepUpTo,
} from '../../../lambdas/domain/reminders/digest';

const CONSOLE = 'https://console.sterk.example/';

/** An open request received at `receivedAt`, with the due date the rule gives it. */
function open(id: string, receivedAt: string, overrides: Partial<OpenRequestRow> = {}): OpenRequestRow {
  return { id, type: 'access', receivedAt, dueDate: computeDeadlines(receivedAt).dueDate, ...overrides };
}

function sectionOf(sections: DigestSections, id: string): string | undefined {
  const names = ['overdue', 'dueWithinTwoDays', 'dueWithinSevenDays'] as const;
  return names.find((name) => sections[name].some((row) => row.requestId === id));
}

describe('Function: buildDigest', () => {
  // 07:00 in Oslo on Tuesday 10 March 2026 (CET), when the schedule runs.
  const NOW = '2026-03-10T06:00:00Z';

  it.each([
    // case, received (Oslo dates), due date, section, days left, nudged
    [
      'due in exactly 7 days (day 21 today)',
      '2026-02-17T09:00:00Z',
      '2026-03-17',
      'dueWithinSevenDays',
      7,
      true,
    ],
    ['due in 8 days (day 20)', '2026-02-18T09:00:00Z', '2026-03-18', undefined, 8, false],
    ['due in 3 days', '2026-02-13T09:00:00Z', '2026-03-13', 'dueWithinSevenDays', 3, true],
    ['due in exactly 2 days', '2026-02-12T09:00:00Z', '2026-03-12', 'dueWithinTwoDays', 2, true],
    ['due today', '2026-02-10T09:00:00Z', '2026-03-10', 'dueWithinTwoDays', 0, true],
    ['overdue by one day', '2026-02-09T09:00:00Z', '2026-03-09', 'overdue', -1, false],
    ['overdue by a week', '2026-02-03T09:00:00Z', '2026-03-03', 'overdue', -7, false],
  ] as const)('%s', (_case, receivedAt, dueDate, section, days, nudged) => {
    // Prepare
    const request = open('r1', receivedAt);

    // Act
    const sections = buildDigest([request], NOW, CONSOLE);

    // Assess
    expect(request.dueDate).toBe(dueDate);
    expect(sectionOf(sections, 'r1')).toBe(section);
    const row = [...sections.overdue, ...sections.dueWithinTwoDays, ...sections.dueWithinSevenDays][0];
    if (section !== undefined) expect(row?.daysLeft).toBe(days);
    expect(sections.decisionNudges.map((r) => r.requestId)).toEqual(nudged ? ['r1'] : []);
    if (nudged) expect(sections.decisionNudges[0]?.extendBy).toBe(dueDate);
  });

  it('nudges on day 21 even when the due date is more than a week away (Easter)', () => {
    // Prepare: received Monday 2 March 2026; one month later is Maundy Thursday, so it is due on Tuesday 7 April.
    const request = open('easter', '2026-03-02T08:00:00Z');
    const dayTwentyOne = '2026-03-23T06:00:00Z';

    // Act
    const sections = buildDigest([request], dayTwentyOne, CONSOLE);

    // Assess
    expect(request.dueDate).toBe('2026-04-07');
    expect(sectionOf(sections, 'easter')).toBeUndefined();
    expect(sections.decisionNudges).toEqual([
      expect.objectContaining({ requestId: 'easter', daysLeft: 15, extendBy: '2026-04-07' }),
    ]);
  });

  it('does not nudge an extended request, but still lists it when its new date comes close', () => {
    // Prepare
    const extended = open('ext', '2026-01-09T09:00:00Z', {
      dueDate: '2026-03-12',
      extendedAt: '2026-02-01T10:00:00Z',
    });

    // Act
    const sections = buildDigest([extended], NOW, CONSOLE);

    // Assess
    expect(sectionOf(sections, 'ext')).toBe('dueWithinTwoDays');
    expect(sections.decisionNudges).toEqual([]);
  });

  it('counts days on the Oslo date: just after midnight in Oslo is still the day before in UTC', () => {
    // Prepare: 00:30 on 10 March in Oslo is 23:30 on 9 March in UTC.
    const request = open('r1', '2026-02-09T09:00:00Z');

    // Act
    const sections = buildDigest([request], '2026-03-09T23:30:00Z', CONSOLE);

    // Assess
    expect(sections.overdue.map((r) => r.daysLeft)).toEqual([-1]);
  });

  it('gives each row its console link, type, due date and pending step, and nothing else', () => {
    // Prepare
    const rows = [
      open('b', '2026-02-12T09:00:00Z', { type: 'erasure', stage: 'review' }),
      open('a', '2026-02-12T09:00:00Z', { stage: 'collecting', needsAttention: 'collecting' }),
      open('c', '2026-02-09T09:00:00Z'),
    ];

    // Act
    const sections = buildDigest(rows, NOW, CONSOLE);

    // Assess
    expect(sections.dueWithinTwoDays).toEqual([
      {
        requestId: 'a',
        requestType: 'access',
        dueDate: '2026-03-12',
        daysLeft: 2,
        pendingStep: 'attention: collecting',
        consoleUrl: 'https://console.sterk.example/#/requests/a',
      },
      {
        requestId: 'b',
        requestType: 'erasure',
        dueDate: '2026-03-12',
        daysLeft: 2,
        pendingStep: 'review',
        consoleUrl: 'https://console.sterk.example/#/requests/b',
      },
    ]);
    expect(sections.overdue).toEqual([
      {
        requestId: 'c',
        requestType: 'access',
        dueDate: '2026-03-09',
        daysLeft: -1,
        consoleUrl: 'https://console.sterk.example/#/requests/c',
      },
    ]);
  });

  it('reports nothing when no request is close to its deadline', () => {
    // Act
    const sections = buildDigest([open('far', '2026-03-01T09:00:00Z')], NOW, CONSOLE);

    // Assess
    expect(isEmpty(sections)).toBe(true);
    expect(isEmpty(buildDigest([], NOW, CONSOLE))).toBe(true);
  });
});

describe('Function: sweepUpTo', () => {
  it.each([
    ['an ordinary day: the end of the seventh day', '2026-03-10T06:00:00Z', '2026-03-17T22:59:59.999Z'],
    ['day 21 before Easter: the latest day-21 due date', '2026-03-23T06:00:00Z', '2026-04-07T21:59:59.999Z'],
    ['the day summer time starts', '2026-03-29T05:00:00Z', '2026-04-08T21:59:59.999Z'],
  ])('%s', (_case, now, upTo) => {
    // Act
    const bound = sweepUpTo(now);

    // Assess
    expect(bound).toBe(upTo);
  });

  it('covers every request that has reached day 21 and everything due within 7 days, on every day of 2026–2028', () => {
    // Prepare
    const misses: string[] = [];
    const start = Date.parse('2026-01-01T06:00:00Z');

    // Act
    for (let day = 0; day < 3 * 366; day++) {
      const now = new Date(start + day * 86_400_000).toISOString();
      const bound = sweepUpTo(now);
      const today = digestDate(now);
      for (const back of [21, 22, 23, 24, 30, 45]) {
        const received = new Date(Date.parse(now) - back * 86_400_000).toISOString();
        const due = endOfDayInstant(computeDeadlines(received).dueDate);
        if (due > bound) misses.push(`${today}: received ${received} due ${due} > ${bound}`);
      }
      const weekEnd = endOfDayInstant(digestDate(new Date(Date.parse(now) + 7 * 86_400_000)));
      if (weekEnd > bound) misses.push(`${today}: week end ${weekEnd} > ${bound}`);
    }

    // Assess
    expect(misses).toEqual([]);
  });
});
