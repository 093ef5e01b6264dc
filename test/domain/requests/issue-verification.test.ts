import { EMAIL_TEXT } from '../../../lambdas/domain/email/i18n';
import { NotFoundError } from '../../../lambdas/domain/errors';
import { DEFAULT_SUBMISSION_LIMITS } from '../../../lambdas/domain/intake/rate-limits';
import { MailerUnavailableError, MailRejectedError } from '../../../lambdas/domain/ports/mailer';
import { acceptRequest, parseRequestSubmission } from '../../../lambdas/domain/requests/accept-request';
import { hashCode, hashStatusToken } from '../../../lambdas/domain/requests/secrets';
import { VERIFICATION_RULES } from '../../../lambdas/domain/requests/verification';
import { testPseudonyms } from '../../support/pseudonyms';
import { sterkPolicy } from '../policy/sterk-fixture';
import {
  DAY,
  type Harness,
  HOUR,
  harness,
  MAIL_FROM,
  PUBLIC_BASE_URL,
  START,
  SUBMISSION,
  WRONG_CODE,
} from './harness';

const unavailable = () =>
  new MailerUnavailableError('SES is throttling', { reason: 'TooManyRequestsException' });

describe('Function: issueVerification', () => {
  it('emails the receipt with the code and both links, and stores the code hash and the task token', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.accept();

    // Act
    const result = await h.issue(id, 'task-token-a');

    // Assess
    expect(result).toBe('code-sent');
    const [code] = h.secrets.codes;
    const statusToken = h.secrets.tokens.at(-1) ?? '';
    expect(h.mailer.sent).toHaveLength(1);
    const [email] = h.mailer.sent;
    expect(email).toMatchObject({
      to: SUBMISSION.email,
      from: MAIL_FROM,
      tags: { email: 'request-receipt' },
    });
    expect(email?.content.text).toContain(code);
    expect(email?.content.text).toContain(`${PUBLIC_BASE_URL}/requests/${id}/verify?code=${code}&lang=en`);
    expect(email?.content.text).toContain(
      `${PUBLIC_BASE_URL}/requests/${id}/status?token=${statusToken}&lang=en`,
    );
    const stored = await h.requests.get(id);
    expect(stored).toMatchObject({
      taskToken: 'task-token-a',
      receiptSentAt: START.toISOString(),
      verification: {
        codeHash: hashCode(id, code ?? ''),
        issuedAt: START.toISOString(),
        expiresAt: new Date(START.getTime() + VERIFICATION_RULES.codeValidHours * HOUR).toISOString(),
        attemptsLeft: VERIFICATION_RULES.maxAttempts,
        resends: 0,
      },
    });
    expect(stored?.statusTokenHashes).toContain(hashStatusToken(statusToken));
    expect(JSON.stringify(stored)).not.toContain(`"${code}"`);
  });

  it('sends a status link that opens the status page', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.accept();
    await h.issue(id);
    const link = h.mailer.sent[0]?.content.text.match(/status\?token=([^&\s]+)/)?.[1] ?? '';

    // Act
    const view = await h.status(id, decodeURIComponent(link));

    // Assess
    expect(view).toMatchObject({ id, status: 'awaiting-verification' });
  });

  it('sends only a fresh code on a later run, which replaces the first and starts a new round', async () => {
    // Prepare
    const h = await harness();
    const { id, code: first, statusToken: receiptToken } = await h.acceptAndIssue();
    await h.verify(id, WRONG_CODE);
    h.clock.advance(VERIFICATION_RULES.reminderAfterDays * DAY);
    const tokensBefore = h.secrets.tokens.length;

    // Act
    const result = await h.issue(id, 'task-token-reminder');

    // Assess
    expect(result).toBe('code-sent');
    expect(h.mailer.sent.map((email) => email.tags?.email)).toEqual(['request-receipt', 'verification-code']);
    const second = h.secrets.lastCode;
    expect(second).not.toBe(first);
    expect(h.mailer.sent[1]?.content.text).toContain(second);
    // Its own status token, in both the status link and the confirm link; the receipt's still works.
    expect(h.secrets.tokens).toHaveLength(tokensBefore + 1);
    const emailToken = h.secrets.tokens.at(-1) ?? '';
    expect(h.mailer.sent[1]?.content.text).toContain(`status?token=${emailToken}&`);
    expect(h.mailer.sent[1]?.content.text).toContain(`verify?code=${second}&lang=en&token=${emailToken}`);
    expect(await h.status(id, emailToken)).toMatchObject({ id });
    expect(await h.status(id, receiptToken)).toMatchObject({ id });
    expect(await h.requests.get(id)).toMatchObject({
      taskToken: 'task-token-reminder',
      verification: { attemptsLeft: VERIFICATION_RULES.maxAttempts, resends: 0 },
    });
    expect(await h.verify(id, first)).toEqual({ kind: 'wrong-code', attemptsLeft: 4 });
    expect(await h.verify(id, second)).toEqual({ kind: 'verified' });
  });

  it('leaves the request stored when the mailer is unavailable, and the retry sends one email with a new code', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.accept();
    h.mailer.failNext(unavailable());

    // Act
    const failed = h.issue(id);
    await expect(failed).rejects.toBeInstanceOf(MailerUnavailableError);
    const afterFailure = await h.requests.get(id);
    h.clock.advance(2000);
    const retried = await h.issue(id);

    // Assess
    expect(afterFailure).toMatchObject({ status: 'awaiting-verification' });
    expect(afterFailure).not.toHaveProperty('receiptSentAt');
    expect(retried).toBe('code-sent');
    expect(h.mailer.sent).toHaveLength(1);
    const [unsent, emailed] = h.secrets.codes;
    expect(emailed).not.toBe(unsent);
    expect(h.mailer.sent[0]?.tags).toEqual({ email: 'request-receipt' });
    expect(h.mailer.sent[0]?.content.text).toContain(emailed);
    expect(await h.verify(id, unsent)).toEqual({ kind: 'wrong-code', attemptsLeft: 4 });
    expect(await h.verify(id, emailed)).toEqual({ kind: 'verified' });
  });

  it('sends only a fresh code, never a second receipt, when the step that sent the receipt runs again', async () => {
    // Prepare: the step sent the receipt, then died before it answered; Step Functions runs it again.
    const h = await harness();
    const { id } = await h.accept();
    await h.issue(id, 'task-token-a');
    h.clock.advance(2000);

    // Act
    const retried = await h.issue(id, 'task-token-b');

    // Assess
    expect(retried).toBe('code-sent');
    expect(h.mailer.sent.map((email) => email.tags?.email)).toEqual(['request-receipt', 'verification-code']);
    expect(await h.requests.get(id)).toMatchObject({
      taskToken: 'task-token-b',
      receiptSentAt: START.toISOString(),
    });
  });

  it("passes the mailer's error on when the receipt mark cannot be taken back either", async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.accept();
    h.mailer.failNext(unavailable());
    h.requests.clearReceiptMark = () => Promise.reject(new Error('DynamoDB is down'));

    // Act
    const attempt = h.issue(id);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(MailerUnavailableError);
    expect(await h.requests.get(id)).toMatchObject({ receiptSentAt: START.toISOString() });
  });

  it('passes a rejected message on, leaving the request stored', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.accept();
    h.mailer.failNext(new MailRejectedError('Address blacklisted', { reason: 'MessageRejected' }));

    // Act
    const attempt = h.issue(id);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(MailRejectedError);
    expect(await h.requests.get(id)).toMatchObject({ status: 'awaiting-verification' });
  });

  it('resumes the workflow at once and sends nothing when the request is already verified', async () => {
    // Prepare
    const h = await harness();
    const { id, code } = await h.acceptAndIssue();
    await h.verify(id, code);
    const sentBefore = h.mailer.sent.length;

    // Act
    const result = await h.issue(id, 'task-token-late');

    // Assess
    expect(result).toBe('already-verified');
    expect(h.callback.resumed).toContain('task-token-late');
    expect(h.mailer.sent).toHaveLength(sentBefore);
  });

  it('does nothing for a request closed unverified', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.acceptAndIssue();
    h.clock.advance(VERIFICATION_RULES.closeAfterDays * DAY);
    await h.close(id);
    const sentBefore = h.mailer.sent.length;

    // Act
    const result = await h.issue(id, 'task-token-late');

    // Assess
    expect(result).toBe('closed');
    expect(h.callback.resumed).toEqual([]);
    expect(h.mailer.sent).toHaveLength(sentBefore);
    expect(await h.requests.get(id)).toMatchObject({ status: 'closed-unverified' });
  });

  it('throws NotFoundError for an id that does not exist', async () => {
    // Prepare
    const h = await harness();

    // Act
    const attempt = h.issue('req-unknown');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    expect(h.mailer.sent).toEqual([]);
  });

  it('throws NotFoundError for a duplicate, which has no workflow of its own', async () => {
    // Prepare
    const h = await harness();
    await h.accept();
    const duplicate = await h.accept();

    // Act
    const attempt = h.issue(duplicate.id);

    // Assess
    expect(duplicate.outcome).toBe('duplicate');
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    expect(h.mailer.sent).toEqual([]);
  });
});

describe('Function: issueVerification (a requester who chose ID-porten)', () => {
  const en = EMAIL_TEXT.en;

  /** Accepts a request that chose ID-porten, as intake does when the sign-in is offered. */
  async function acceptEid(h: Harness): Promise<string> {
    const policy = sterkPolicy();
    const input = { ...SUBMISSION, verification: 'eid', birthDate: '1985-03-14' };
    const accepted = await acceptRequest(
      parseRequestSubmission(policy, input, h.clock.now, { eidOffered: true }),
      {},
      {
        policy,
        requests: h.requests,
        workflow: h.workflow,
        limiter: h.limiter,
        limits: DEFAULT_SUBMISSION_LIMITS,
        secrets: h.secrets,
        pseudonyms: testPseudonyms,
        clock: h.clock.read,
        newId: () => 'eid-1',
      },
    );
    expect(await h.requests.get(accepted.id)).toMatchObject({ verificationChoice: 'eid' });
    return accepted.id;
  }

  it('says on the receipt that the code confirms the address, and to confirm who you are with ID-porten', async () => {
    // Prepare
    const h = await harness();
    const id = await acceptEid(h);

    // Act
    await h.issue(id);

    // Assess
    const [email] = h.mailer.sent;
    expect(email?.tags).toEqual({ email: 'request-receipt' });
    expect(email?.content.text).toContain(
      en.receipt.eid.confirm(en.hours(VERIFICATION_RULES.codeValidHours), 'link'),
    );
    expect(email?.content.text).toContain(en.receipt.eid.signIn(en.receipt.statusButton, 'link'));
    expect(email?.content.text).toContain(en.receipt.eid.firstStep);
  });

  it('repeats it in one sentence on the reminder code', async () => {
    // Prepare
    const h = await harness();
    const id = await acceptEid(h);
    await h.issue(id);
    h.clock.advance(VERIFICATION_RULES.reminderAfterDays * DAY);

    // Act
    await h.issue(id, 'task-token-reminder');

    // Assess
    const reminder = h.mailer.sent.at(-1);
    expect(reminder?.tags).toEqual({ email: 'verification-code' });
    expect(reminder?.content.text).toContain(en.newCode.eid(en.receipt.statusButton, 'link'));
  });

  it('says nothing about ID-porten to a requester who did not choose it', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.accept();

    // Act
    await h.issue(id);
    h.clock.advance(VERIFICATION_RULES.reminderAfterDays * DAY);
    await h.issue(id, 'task-token-reminder');

    // Assess
    expect(h.mailer.sent.map((email) => email.tags?.email)).toEqual(['request-receipt', 'verification-code']);
    for (const email of h.mailer.sent) {
      expect(email.content.text).not.toContain('ID-porten');
      expect(email.content.html).not.toContain('ID-porten');
    }
  });
});
