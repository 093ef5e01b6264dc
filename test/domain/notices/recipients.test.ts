import { mergeRecipients, parseRecipientCsv, recipientKey } from '../../../lambdas/domain/notices/recipients';
import { subjectHash } from '../../../lambdas/domain/subject';
import { testPseudonyms } from '../../support/pseudonyms';

describe('Function: parseRecipientCsv', () => {
  it.each([
    [
      'a comma-separated export with a language column',
      'email,lang\nola@example.no,nb\nemma@example.com,en\n',
      [
        ['ola@example.no', 'nb'],
        ['emma@example.com', 'en'],
      ],
      [],
    ],
    [
      'a Norwegian spreadsheet (semicolons, BOM, CRLF, other columns, E-post)',
      '\uFEFFNavn;E-post;Språk\r\n"Nordmann; Kari";kari@example.no;EN\r\nPer;per@example.no;\r\n',
      [
        ['kari@example.no', 'en'],
        ['per@example.no', 'nb'],
      ],
      [],
    ],
    [
      'rows that are not addresses, and blank lines',
      'email\nnot-an-address\n\n  lise@example.no  \n"a@b"\n',
      [['lise@example.no', 'nb']],
      ['line 2: not an email address', 'line 5: not an email address'],
    ],
    [
      'a list without an email column',
      'name,phone\nKari,123\n',
      [],
      ['line 1: no "email" column in the header row'],
    ],
  ])('reads %s', (_, csv, recipients, problems) => {
    // Act
    const list = parseRecipientCsv(csv);

    // Assess
    expect(list.recipients.map((r) => [r.email, r.lang])).toEqual(recipients);
    expect(list.recipients.every((r) => r.source === 'list')).toBe(true);
    expect(list.problems).toEqual(problems);
  });

  it('never repeats an address in its problems', () => {
    // Act
    const list = parseRecipientCsv('email\nkari@@example.no\n');

    // Assess
    expect(list.problems.join(' ')).not.toContain('kari');
  });
});

describe('Function: mergeRecipients', () => {
  it('keeps each person once (case and spaces aside), the first list deciding the language', () => {
    // Act
    const merged = mergeRecipients(
      [{ email: 'Kari@Example.no', lang: 'en', source: 'consent' }],
      [
        { email: 'kari@example.no ', lang: 'nb', source: 'list' },
        { email: 'ola@example.no', lang: 'nb', source: 'list' },
      ],
    );

    // Assess
    expect(merged).toEqual([
      { email: 'Kari@Example.no', lang: 'en', source: 'consent' },
      { email: 'ola@example.no', lang: 'nb', source: 'list' },
    ]);
  });

  it('keys a recipient by the subject hash, never by the address', () => {
    // Assess
    expect(recipientKey(testPseudonyms, ' Kari@Example.no')).toBe(
      subjectHash(testPseudonyms, 'kari@example.no'),
    );
    expect(recipientKey(testPseudonyms, 'kari@example.no')).toMatch(/^[0-9a-f]{64}$/);
  });
});
