import {
  countText,
  daysLeftText,
  deadlineColour,
  formatDate,
  formatDateTime,
  shortId,
} from '../../console/src/format';
import { TEXTS } from '../../console/src/i18n';

describe('deadlineColour', () => {
  it.each([
    ['ok', 'green'],
    ['soon', 'amber'],
    ['urgent', 'amber'],
    ['overdue', 'red'],
    ['closed', 'grey'],
  ] as const)('colours a %s row %s', (state, colour) => {
    // Prepare
    const row = { deadline: state };

    // Act
    const shown = deadlineColour(row.deadline);

    // Assess
    expect(shown).toBe(colour);
  });
});

describe('daysLeftText', () => {
  it.each([
    [12, 'ok', '12 dager igjen', '12 days left'],
    [1, 'urgent', '1 dag igjen', '1 day left'],
    [0, 'urgent', 'frist i dag', 'due today'],
    [-1, 'overdue', '1 dag over fristen', '1 day overdue'],
    [-5, 'overdue', '5 dager over fristen', '5 days overdue'],
    [20, 'closed', 'avsluttet', 'closed'],
  ] as const)('says %i days (%s) in both languages', (days, state, nb, en) => {
    // Prepare
    const { nb: norwegian, en: english } = TEXTS;

    // Act
    const shown = [daysLeftText(days, state, norwegian), daysLeftText(days, state, english)];

    // Assess
    expect(shown).toEqual([nb, en]);
  });
});

describe('dates', () => {
  it('shows a due date as the calendar date it is, whatever the time zone', () => {
    // Prepare
    const due = '2026-12-28';

    // Act
    const shown = [formatDate(due, 'nb'), formatDate(due, 'en')];

    // Assess
    expect(shown[0]).toMatch(/^28\. des\.? 2026$/);
    expect(shown[1]).toBe('28 Dec 2026');
  });

  it('shows an instant in Oslo time (UTC+1 in winter)', () => {
    // Prepare
    const at = '2026-11-25T23:30:00.000Z';

    // Act
    const shown = formatDateTime(at, 'en');

    // Assess
    expect(shown).toBe('26 Nov 2026, 00:30');
  });

  it('leaves what is not a date as it is', () => {
    // Prepare
    const odd = 'soon';

    // Act
    const shown = [formatDate(odd, 'nb'), formatDateTime(odd, 'nb')];

    // Assess
    expect(shown).toEqual(['soon', 'soon']);
  });

  it('shortens a request id to its first 8 characters', () => {
    // Prepare
    const id = '04303082-0cc3-4ac4-abbb-b20178928b76';

    // Act
    const shown = shortId(id);

    // Assess
    expect(shown).toBe('04303082');
  });
});

describe('countText', () => {
  it.each([
    ['nb', 0, '0 forespørsler'],
    ['nb', 1, '1 forespørsel'],
    ['nb', 2, '2 forespørsler'],
    ['en', 1, '1 request'],
    ['en', 21, '21 requests'],
  ] as const)('in %s counts %i as "%s"', (lang, n, expected) => {
    // Assess
    expect(countText(TEXTS[lang].requestCount, n, lang)).toBe(expected);
  });

  it('agrees in number for messages too', () => {
    // Assess
    expect(countText(TEXTS.nb.messageCount, 1, 'nb')).toBe('1 melding');
    expect(countText(TEXTS.en.messageCount, 3, 'en')).toBe('3 messages');
  });
});
