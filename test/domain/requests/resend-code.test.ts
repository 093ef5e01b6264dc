import { NotFoundError } from '../../../lambdas/domain/errors';
import { VERIFICATION_RULES } from '../../../lambdas/domain/requests/verification';
import { DAY, HOUR, harness, MAIL_FROM, PUBLIC_BASE_URL, SECOND, SUBMISSION, WRONG_CODE } from './harness';

const INTERVAL = VERIFICATION_RULES.resendIntervalSeconds * SECOND;

describe('Function: resendCode', () => {
  it('refuses a new code within a minute of the last, saying how long to wait', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.acceptAndIssue();
    h.clock.advance(20 * SECOND);

    // Act
    const outcome = await h.resend(id);

    // Assess
    expect(outcome).toEqual({
      kind: 'too-soon',
      retryAfterSeconds: VERIFICATION_RULES.resendIntervalSeconds - 20,
    });
    expect(h.mailer.sent).toHaveLength(1);
  });

  it('emails a new code a minute later, which replaces the old one', async () => {
    // Prepare
    const h = await harness();
    const { id, code: old } = await h.acceptAndIssue();
    h.clock.advance(INTERVAL);

    // Act
    const outcome = await h.resend(id);

    // Assess
    expect(outcome).toEqual({ kind: 'sent' });
    const fresh = h.secrets.lastCode;
    expect(fresh).not.toBe(old);
    expect(h.mailer.sent).toHaveLength(2);
    expect(h.mailer.sent[1]).toMatchObject({
      to: SUBMISSION.email,
      from: MAIL_FROM,
      tags: { email: 'verification-code' },
    });
    // The email's own status token opens the status page, from its link and its confirm link alike.
    const emailToken = h.secrets.tokens.at(-1) ?? '';
    expect(h.mailer.sent[1]?.content.text).toContain(
      `${PUBLIC_BASE_URL}/requests/${id}/verify?code=${fresh}&lang=en&token=${emailToken}`,
    );
    expect(h.mailer.sent[1]?.content.text).toContain(
      `${PUBLIC_BASE_URL}/requests/${id}/status?token=${emailToken}`,
    );
    expect(await h.status(id, emailToken)).toMatchObject({ id });
    expect(await h.requests.get(id)).toMatchObject({
      taskToken: `task-${id}`,
      verification: { resends: 1, attemptsLeft: VERIFICATION_RULES.maxAttempts },
    });
    expect(await h.verify(id, old)).toEqual({ kind: 'wrong-code', attemptsLeft: 4 });
    expect(await h.verify(id, fresh)).toEqual({ kind: 'verified' });
    expect(h.callback.resumed).toEqual([`task-${id}`]);
  });

  it('replaces a burned code at once', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.acceptAndIssue();
    h.clock.advance(5 * SECOND);
    for (let attempt = 0; attempt < VERIFICATION_RULES.maxAttempts; attempt++) await h.verify(id, WRONG_CODE);

    // Act
    const outcome = await h.resend(id);

    // Assess
    expect(outcome).toEqual({ kind: 'sent' });
    expect(await h.verify(id, h.secrets.lastCode)).toEqual({ kind: 'verified' });
  });

  it('replaces an expired code', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.acceptAndIssue();
    h.clock.advance(VERIFICATION_RULES.codeValidHours * HOUR + SECOND);

    // Act
    const outcome = await h.resend(id);

    // Assess
    expect(outcome).toEqual({ kind: 'sent' });
    expect(await h.verify(id, h.secrets.lastCode)).toEqual({ kind: 'verified' });
  });

  it('sends a code asked for before the workflow has sent its first', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.accept();

    // Act
    const outcome = await h.resend(id);

    // Assess
    expect(outcome).toEqual({ kind: 'sent' });
    expect(h.mailer.sent.map((email) => email.tags?.email)).toEqual(['verification-code']);
    expect(await h.requests.get(id)).toMatchObject({ verification: { resends: 1 } });
  });

  it('stops after five new codes until the last one expires', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.acceptAndIssue();
    const outcomes = [];
    for (let resend = 0; resend < VERIFICATION_RULES.maxResends; resend++) {
      h.clock.advance(INTERVAL);
      outcomes.push(await h.resend(id));
    }
    h.clock.advance(INTERVAL);

    // Act
    const sixth = await h.resend(id);

    // Assess
    expect(outcomes).toEqual(Array(VERIFICATION_RULES.maxResends).fill({ kind: 'sent' }));
    expect(sixth).toEqual({
      kind: 'too-soon',
      retryAfterSeconds: VERIFICATION_RULES.codeValidHours * 3600 - VERIFICATION_RULES.resendIntervalSeconds,
    });
    expect(h.mailer.sent).toHaveLength(1 + VERIFICATION_RULES.maxResends);
  });

  it('sends one email when two resends race', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.acceptAndIssue();
    h.clock.advance(INTERVAL);

    // Act
    const outcomes = await Promise.all([h.resend(id), h.resend(id)]);

    // Assess
    expect(outcomes).toEqual(
      expect.arrayContaining([{ kind: 'sent' }, { kind: 'too-soon', retryAfterSeconds: expect.any(Number) }]),
    );
    expect(h.mailer.sent).toHaveLength(2);
    expect(await h.requests.get(id)).toMatchObject({ verification: { resends: 1 } });
    expect(await h.verify(id, h.mailer.sent[1]?.content.text.match(/code=(\d{6})/)?.[1])).toEqual({
      kind: 'verified',
    });
  });

  it('answers already-verified for a verified request and sends nothing', async () => {
    // Prepare
    const h = await harness();
    const { id, code } = await h.acceptAndIssue();
    await h.verify(id, code);
    h.clock.advance(INTERVAL);

    // Act
    const outcome = await h.resend(id);

    // Assess
    expect(outcome).toEqual({ kind: 'already-verified' });
    expect(h.mailer.sent).toHaveLength(1);
  });

  it('answers request-closed for a closed request and sends nothing', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.acceptAndIssue();
    h.clock.advance(VERIFICATION_RULES.closeAfterDays * DAY);
    await h.close(id);
    const sentBefore = h.mailer.sent.length;

    // Act
    const outcome = await h.resend(id);

    // Assess
    expect(outcome).toEqual({ kind: 'request-closed' });
    expect(h.mailer.sent).toHaveLength(sentBefore);
  });

  it('throws NotFoundError for an id that does not exist', async () => {
    // Prepare
    const h = await harness();

    // Act
    const attempt = h.resend('req-unknown');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
  });

  describe('through a duplicate', () => {
    it('answers sent but leaves the original’s working code in place', async () => {
      // Prepare
      const h = await harness();
      const original = await h.acceptAndIssue();
      const duplicate = await h.accept({ ...SUBMISSION, email: 'KARI@example.no' });
      h.clock.advance(INTERVAL);

      // Act
      const outcome = await h.resend(duplicate.id);

      // Assess
      expect(outcome).toEqual({ kind: 'sent' });
      expect(h.mailer.sent).toHaveLength(1);
      expect(await h.verify(original.id, original.code)).toEqual({ kind: 'verified' });
    });

    it('emails a new code for the original to the original’s address once its code has expired', async () => {
      // Prepare
      const h = await harness();
      const original = await h.acceptAndIssue();
      h.clock.advance((VERIFICATION_RULES.codeValidHours + 1) * 3600 * SECOND);
      const duplicate = await h.accept({ ...SUBMISSION, email: 'KARI@example.no' });
      h.clock.advance(INTERVAL);

      // Act
      const outcome = await h.resend(duplicate.id);

      // Assess
      expect(outcome).toEqual({ kind: 'sent' });
      expect(h.mailer.sent).toHaveLength(2);
      expect(h.mailer.sent[1]?.to).toBe(SUBMISSION.email);
      expect(h.mailer.sent[1]?.content.text).toContain(`/requests/${original.id}/verify`);
      expect(await h.verify(duplicate.id, h.secrets.lastCode)).toEqual({ kind: 'verified' });
    });

    it('answers as a new request does right after filing, however old the original is', async () => {
      // Prepare: a new person, and someone whose address already has an open request from yesterday
      const h = await harness();
      await h.acceptAndIssue();
      h.clock.advance(DAY);
      const fresh = await h.acceptAndIssue({ ...SUBMISSION, email: 'ny@example.no' });
      const duplicate = await h.accept();
      h.clock.advance(10 * SECOND);

      // Act
      const forNewPerson = await h.resend(fresh.id);
      const forKnownPerson = await h.resend(duplicate.id);

      // Assess
      expect(forKnownPerson).toEqual(forNewPerson);
      expect(forNewPerson).toEqual({ kind: 'too-soon', retryAfterSeconds: 50 });
    });

    it('cannot be used by a stranger to use up the requester’s new codes', async () => {
      // Prepare: the original's code has expired, so the requester needs a new one
      const h = await harness();
      const original = await h.acceptAndIssue();
      h.clock.advance((VERIFICATION_RULES.codeValidHours + 1) * 3600 * SECOND);

      // Act: a stranger files duplicates and asks for codes through each, as often as allowed
      for (let n = 0; n < 3; n++) {
        const duplicate = await h.accept();
        expect(duplicate.outcome).toBe('duplicate');
        for (let ask = 0; ask < VERIFICATION_RULES.maxResends + 1; ask++) {
          h.clock.advance(INTERVAL);
          await h.resend(duplicate.id);
        }
      }
      h.clock.advance(INTERVAL);
      const own = await h.resend(original.id);

      // Assess: one new code replaced the expired one; the requester can still ask for theirs
      expect(await h.requests.get(original.id)).toMatchObject({ verification: { resends: 2 } });
      expect(own).toEqual({ kind: 'sent' });
    });

    it('passes on the wait while the original’s code is fresh', async () => {
      // Prepare
      const h = await harness();
      await h.acceptAndIssue();
      const duplicate = await h.accept();
      h.clock.advance(30 * SECOND);

      // Act
      const outcome = await h.resend(duplicate.id);

      // Assess
      expect(outcome).toEqual({ kind: 'too-soon', retryAfterSeconds: 30 });
      expect(h.mailer.sent).toHaveLength(1);
    });

    it('answers sent, and sends nothing, when the original is already verified', async () => {
      // Prepare
      const h = await harness();
      const original = await h.acceptAndIssue();
      await h.verify(original.id, original.code);
      const duplicate = await h.accept();
      h.clock.advance(INTERVAL);

      // Act
      const outcome = await h.resend(duplicate.id);

      // Assess
      expect(outcome).toEqual({ kind: 'sent' });
      expect(h.mailer.sent).toHaveLength(1);
      expect(h.secrets.codes).toHaveLength(1);
    });

    it('answers already-verified once the duplicate itself is verified', async () => {
      // Prepare
      const h = await harness();
      const original = await h.acceptAndIssue();
      const duplicate = await h.accept();
      await h.verify(duplicate.id, original.code);

      // Act
      const outcome = await h.resend(duplicate.id);

      // Assess
      expect(outcome).toEqual({ kind: 'already-verified' });
      expect(h.mailer.sent).toHaveLength(1);
    });

    it('answers request-closed after the duplicate’s window', async () => {
      // Prepare
      const h = await harness();
      await h.acceptAndIssue();
      const duplicate = await h.accept();
      h.clock.advance(VERIFICATION_RULES.closeAfterDays * DAY + SECOND);

      // Act
      const outcome = await h.resend(duplicate.id);

      // Assess
      expect(outcome).toEqual({ kind: 'request-closed' });
      expect(h.mailer.sent).toHaveLength(1);
    });
  });
});
