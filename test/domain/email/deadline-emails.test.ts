import { EmailContentError, renderEmail } from '../../../lambdas/domain/email/render';
import { OutgoingEmailSchema } from '../../../lambdas/domain/email/schema';
import { escapeHtml } from '../../../lambdas/domain/policy/html';
import { deadlineDigest, deadlineExtended, digestRow, HOSTILE_NAME, LANGUAGES } from './fixtures';

describe('Function: renderEmail (deadline-extended)', () => {
  it.each([
    ['nb', 'Vi trenger mer tid til å svare på forespørselen din', '1. mars 2027', '28. desember 2026'],
    ['en', 'We need more time to answer your request', '1 March 2027', '28 December 2026'],
  ] as const)(
    'tells the requester why and until when, in their language (%s)',
    (lang, subject, newDate, oldDate) => {
      // Prepare
      const email = deadlineExtended(lang);

      // Act
      const rendered = renderEmail(email);

      // Assess
      expect(rendered.subject).toBe(subject);
      expect(rendered.text).toContain(email.reason);
      expect(rendered.text).toContain(newDate);
      expect(rendered.text).toContain(oldDate);
      expect(rendered.text).toContain(email.requestId);
      expect(rendered.text).toContain(email.replyTo);
      expect(rendered.html).toContain(`<time datetime="2027-03-01">${newDate}</time>`);
    },
  );

  it.each(LANGUAGES)('escapes the reason staff typed in the HTML (%s)', (lang) => {
    // Prepare
    const email = deadlineExtended(lang, { reason: '<script>alert(1)</script> & more' });

    // Act
    const { text, html } = renderEmail(email);

    // Assess
    expect(text).toContain('<script>alert(1)</script> & more');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(html).not.toContain('<script>');
    expect(html).toContain(escapeHtml(HOSTILE_NAME));
  });

  it('refuses a new due date that is not a calendar date', () => {
    // Act
    const render = () => renderEmail(deadlineExtended('nb', { newDueDate: '2027-02-30' }));

    // Assess
    expect(render).toThrow(EmailContentError);
    expect(render).toThrow(expect.objectContaining({ field: 'newDueDate' }));
  });
});

describe('Function: renderEmail (deadline-digest)', () => {
  it.each([
    ['nb', 'Fristoversikt 26. desember 2026: 4 forespørsler å følge opp'],
    ['en', 'Deadlines 26 December 2026: 4 requests to follow up'],
  ] as const)('counts the requests in the subject (%s)', (lang, subject) => {
    // Act
    const rendered = renderEmail(deadlineDigest(lang));

    // Assess
    expect(rendered.subject).toBe(subject);
  });

  it('lists the sections from the most to the least urgent, with every row and its console link', () => {
    // Prepare
    const email = deadlineDigest('nb');

    // Act
    const { text, html } = renderEmail(email);

    // Assess
    const headings = ['På overtid (1)', 'Frist innen 2 dager (1)', 'Frist innen 7 dager (1)'];
    const positions = [...headings, 'Dag 21: bestem om fristen skal forlenges (1)'].map((h) =>
      text.indexOf(h),
    );
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const id of ['req-late', 'req-soon', 'req-week', 'req-day21']) {
      expect(text).toContain(`https://console.sterk.example/#/requests/${id}`);
      expect(html).toContain(`href="https://console.sterk.example/#/requests/${id}"`);
    }
    expect(text).toContain('3 dager over fristen');
    expect(text).toContain('2 dager igjen');
    expect(text).toContain('Venter på: attention: collecting');
    expect(text).toContain('Venter på: ikke startet');
    expect(text).toContain('Forleng før utgangen av 5. januar 2027 hvis dere trenger mer tid.');
    expect(text).toContain('Type: Sletting');
  });

  it('leaves empty sections out', () => {
    // Prepare
    const email = deadlineDigest('en', { overdue: [], decisionNudges: [] });

    // Act
    const { text } = renderEmail(email);

    // Assess
    expect(text).not.toContain('Overdue');
    expect(text).not.toContain('Day 21');
    expect(text).toContain('Due within 2 days (1)');
  });

  it.each([
    ['nb', 'Eskalert: 2 forespørsler over fristen (26. desember 2026)'],
    ['en', 'Escalated: 2 requests overdue (26 December 2026)'],
  ] as const)('marks the privacy officer’s copy as an escalation (%s)', (lang, subject) => {
    // Prepare
    const email = deadlineDigest(lang, {
      escalation: true,
      overdue: [digestRow('a', { daysLeft: -1 }), digestRow('b', { daysLeft: -1 })],
    });

    // Act
    const rendered = renderEmail(email);

    // Assess
    expect(rendered.subject).toBe(subject);
    expect(rendered.text).toContain(lang === 'nb' ? 'som personvernansvarlig' : 'privacy officer');
  });

  it('says "today" for a request due today and "1 day overdue" the day after', () => {
    // Prepare
    const email = deadlineDigest('en', {
      overdue: [digestRow('late', { daysLeft: -1 })],
      dueWithinTwoDays: [digestRow('today', { daysLeft: 0 })],
    });

    // Act
    const { text } = renderEmail(email);

    // Assess
    expect(text).toContain('(today)');
    expect(text).toContain('1 day overdue');
  });

  it('holds no email address and no greeting by name', () => {
    // Act
    const { subject, text, html } = renderEmail(deadlineDigest('nb'));

    // Assess
    expect(`${subject}\n${text}\n${html}`).not.toContain('@');
    expect(text.split('\n')[0]).toBe('Hei,');
  });

  it('refuses a row whose console link is not http(s)', () => {
    // Prepare
    const email = deadlineDigest('nb', {
      dueWithinTwoDays: [digestRow('x', { consoleUrl: 'javascript:alert(1)' })],
    });

    // Act
    const render = () => renderEmail(email);

    // Assess
    expect(render).toThrow(expect.objectContaining({ field: 'consoleUrl' }));
  });
});

describe('Schema: deadline emails', () => {
  it.each([
    ['a requester name on a digest row', { ...digestRow('x'), requesterName: 'Kari' }],
    ['an email address on a digest row', { ...digestRow('x'), email: 'kari@example.no' }],
  ])('rejects %s', (_case, row) => {
    // Act
    const result = OutgoingEmailSchema.safeParse(deadlineDigest('nb', { overdue: [row] }));

    // Assess
    expect(result.success).toBe(false);
  });

  it('rejects an extension email without a reason', () => {
    // Act
    const result = OutgoingEmailSchema.safeParse(deadlineExtended('en', { reason: '  ' }));

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('reason');
  });
});
