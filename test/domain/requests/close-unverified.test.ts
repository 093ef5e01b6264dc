import { NotFoundError } from '../../../lambdas/domain/errors';
import { MailerUnavailableError } from '../../../lambdas/domain/ports/mailer';
import { dedupeKey } from '../../../lambdas/domain/requests/secrets';
import { VERIFICATION_RULES } from '../../../lambdas/domain/requests/verification';
import { testPseudonyms } from '../../support/pseudonyms';
import { DAY, harness, MAIL_FROM, PUBLIC_BASE_URL, SUBMISSION } from './harness';

const MAIN_CONTROLLER = 'sterk-helse-og-trening';
/** The dedupe key of the harness's submission, under which its duplicate lock is kept. */
const lockOf = (type = SUBMISSION.type) => dedupeKey(testPseudonyms, MAIN_CONTROLLER, type, SUBMISSION.email);

describe('Function: closeUnverified', () => {
  it('closes an unverified request, forgets its secrets, frees its lock and tells the requester once', async () => {
    // Prepare
    const h = await harness();
    const { id, code } = await h.acceptAndIssue();
    h.clock.advance(VERIFICATION_RULES.closeAfterDays * DAY);

    // Act
    const result = await h.close(id);

    // Assess
    expect(result).toBe('closed');
    const stored = await h.requests.get(id);
    expect(stored).toMatchObject({
      status: 'closed-unverified',
      closedAt: h.clock.now.toISOString(),
      closedNoticeSentAt: h.clock.now.toISOString(),
    });
    expect(stored).not.toHaveProperty('taskToken');
    expect(stored).not.toHaveProperty('verification.codeHash');
    expect(h.requests.lock(lockOf())).toBeUndefined();
    expect(h.mailer.sent.map((email) => email.tags?.email)).toEqual([
      'request-receipt',
      'request-closed-unverified',
    ]);
    expect(h.mailer.sent[1]).toMatchObject({ to: SUBMISSION.email, from: MAIL_FROM });
    expect(h.mailer.sent[1]?.content.text).toContain(`${PUBLIC_BASE_URL}/forms/request?lang=en`);
    expect(await h.verify(id, code)).toEqual({ kind: 'request-closed' });
    // Whatever sealed number there is goes too: a sign-in racing the close may have left one.
    expect(h.numbersRemoved).toEqual([id]);
  });

  it('deletes the sealed national identity number of a request signed in with ID-porten but never confirmed', async () => {
    // Prepare: the sign-in came, the code never did
    const h = await harness();
    const { id } = await h.acceptAndIssue();
    const signedIn = await h.requests.recordIdentity(id, {
      method: 'eid',
      level: 'high',
      birthDate: 'not-given',
      amr: ['BankID'],
      verifiedAt: h.clock.now.toISOString(),
      personPseudonym: 'person-1',
    });
    h.clock.advance(VERIFICATION_RULES.closeAfterDays * DAY);

    // Act
    const result = await h.close(id);

    // Assess
    expect(signedIn).toBe(true);
    expect(result).toBe('closed');
    expect(h.numbersRemoved).toEqual([id]);
  });

  it('lets the same request be filed again as a new one', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.acceptAndIssue();
    await h.close(id);

    // Act
    const again = await h.accept();

    // Assess
    expect(again.outcome).toBe('created');
    expect(h.requests.lock(lockOf())).toMatchObject({ requestId: again.id });
    expect(h.workflow.started).toEqual([id, again.id]);
  });

  it('frees the lock of a request about a child, so the parent can file it again', async () => {
    // Prepare
    const h = await harness();
    const child = { name: 'Ola Nordmann', birthDate: '2015-05-17', relationship: 'guardian' } as const;
    const { id } = await h.acceptAndIssue({ ...SUBMISSION, onBehalfOf: child });
    const childLock = dedupeKey(testPseudonyms, MAIN_CONTROLLER, SUBMISSION.type, SUBMISSION.email, child);
    expect(h.requests.lock(childLock)).toMatchObject({ requestId: id });

    // Act
    await h.close(id);

    // Assess
    expect(h.requests.lock(childLock)).toBeUndefined();
    expect((await h.accept({ ...SUBMISSION, onBehalfOf: child })).outcome).toBe('created');
  });

  it('answers verified-meanwhile and changes nothing for a verified request', async () => {
    // Prepare
    const h = await harness();
    const { id, code } = await h.acceptAndIssue();
    await h.verify(id, code);
    const sentBefore = h.mailer.sent.length;

    // Act
    const result = await h.close(id);

    // Assess
    expect(result).toBe('verified-meanwhile');
    expect(await h.requests.get(id)).toMatchObject({ status: 'verified' });
    expect(h.requests.lock(lockOf())).toMatchObject({ requestId: id });
    expect(h.mailer.sent).toHaveLength(sentBefore);
  });

  it('sends the notice on a retry after the mailer failed, and only once after that', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.acceptAndIssue();
    h.mailer.failNext(new MailerUnavailableError('SES is down', { reason: 'ECONNREFUSED' }));
    await expect(h.close(id)).rejects.toBeInstanceOf(MailerUnavailableError);
    const afterFailure = await h.requests.get(id);

    // Act
    const retried = await h.close(id);
    const again = await h.close(id);

    // Assess
    expect(afterFailure).toMatchObject({ status: 'closed-unverified' });
    expect(afterFailure).not.toHaveProperty('closedNoticeSentAt');
    expect([retried, again]).toEqual(['closed', 'closed']);
    expect(h.mailer.sent.filter((email) => email.tags?.email === 'request-closed-unverified')).toHaveLength(
      1,
    );
  });

  it('leaves the lock alone when a newer request holds it', async () => {
    // Prepare: the first request's lock ran out at its due date, and a new request took it over.
    const h = await harness();
    const first = await h.acceptAndIssue();
    const stored = await h.requests.get(first.id);
    h.clock.now = new Date(Date.parse(stored?.dueAt ?? '') + 1000);
    const newer = await h.accept();

    // Act
    const result = await h.close(first.id);

    // Assess
    expect(newer.outcome).toBe('created');
    expect(result).toBe('closed');
    expect(h.requests.lock(lockOf())).toMatchObject({ requestId: newer.id });
  });

  it('throws NotFoundError for an id that does not exist', async () => {
    // Prepare
    const h = await harness();

    // Act
    const attempt = h.close('req-unknown');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    expect(h.mailer.sent).toEqual([]);
  });
});
