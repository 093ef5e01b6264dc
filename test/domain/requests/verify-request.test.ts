import { NotFoundError, TooManyRequestsError, ValidationError } from '../../../lambdas/domain/errors';
import { CODE_ATTEMPT_LIMIT } from '../../../lambdas/domain/intake/rate-limits';
import { VERIFICATION_RULES } from '../../../lambdas/domain/requests/verification';
import { DAY, HOUR, harness, SECOND, SUBMISSION, WRONG_CODE } from './harness';

describe('Function: verifyRequest', () => {
  it('verifies with the emailed code, resumes the workflow once and then forgets the task token', async () => {
    // Prepare
    const h = await harness();
    const { id, code } = await h.acceptAndIssue();
    h.clock.advance(10 * 60 * SECOND);

    // Act
    const outcome = await h.verify(id, code);

    // Assess
    expect(outcome).toEqual({ kind: 'verified' });
    expect(h.callback.resumed).toEqual([`task-${id}`]);
    const stored = await h.requests.get(id);
    expect(stored).toMatchObject({
      status: 'verified',
      verifiedAt: h.clock.now.toISOString(),
      resumedAt: h.clock.now.toISOString(),
    });
    expect(stored).not.toHaveProperty('taskToken');
  });

  it('answers verified again to the code that verified it, without resuming the workflow a second time', async () => {
    // Prepare
    const h = await harness();
    const { id, code } = await h.acceptAndIssue();
    await h.verify(id, code);

    // Act
    const again = await h.verify(id, code);
    const wrong = h.verify(id, WRONG_CODE);

    // Assess
    expect(again).toEqual({ kind: 'verified' });
    // Another code learns nothing: the answer an unknown id gets.
    await expect(wrong).rejects.toBeInstanceOf(NotFoundError);
    expect(h.callback.resumed).toEqual([`task-${id}`]);
  });

  it('answers a wrong code for a verified request through a duplicate as for an unknown id', async () => {
    // Prepare
    const h = await harness();
    const original = await h.acceptAndIssue();
    const duplicate = await h.accept();
    await h.verify(duplicate.id, original.code);

    // Act
    const again = await h.verify(duplicate.id, original.code);
    const wrong = h.verify(duplicate.id, WRONG_CODE);

    // Assess
    expect(again).toEqual({ kind: 'verified' });
    await expect(wrong).rejects.toBeInstanceOf(NotFoundError);
  });

  it('accepts the code typed with spaces', async () => {
    // Prepare
    const h = await harness();
    const { id, code } = await h.acceptAndIssue();

    // Act
    const outcome = await h.verify(id, ` ${code.slice(0, 3)} ${code.slice(3)} `);

    // Assess
    expect(outcome).toEqual({ kind: 'verified' });
  });

  it('counts wrong codes down 4, 3, 2, 1 and then burns the code, which the right code cannot undo', async () => {
    // Prepare
    const h = await harness();
    const { id, code } = await h.acceptAndIssue();

    // Act
    const outcomes = [];
    for (let attempt = 0; attempt < VERIFICATION_RULES.maxAttempts; attempt++) {
      outcomes.push(await h.verify(id, WRONG_CODE));
    }
    const rightAfterwards = await h.verify(id, code);

    // Assess
    expect(outcomes).toEqual([
      { kind: 'wrong-code', attemptsLeft: 4 },
      { kind: 'wrong-code', attemptsLeft: 3 },
      { kind: 'wrong-code', attemptsLeft: 2 },
      { kind: 'wrong-code', attemptsLeft: 1 },
      { kind: 'code-burned' },
    ]);
    expect(rightAfterwards).toEqual({ kind: 'code-burned' });
    expect(await h.requests.get(id)).toMatchObject({
      status: 'awaiting-verification',
      verification: { attemptsLeft: 0 },
    });
    expect(h.callback.resumed).toEqual([]);
  });

  it('verifies with the right code after a few wrong ones', async () => {
    // Prepare
    const h = await harness();
    const { id, code } = await h.acceptAndIssue();
    for (let attempt = 0; attempt < VERIFICATION_RULES.maxAttempts - 1; attempt++) {
      await h.verify(id, WRONG_CODE);
    }

    // Act
    const outcome = await h.verify(id, code);

    // Assess
    expect(outcome).toEqual({ kind: 'verified' });
  });

  it('still accepts the code at the end of its 24 hours', async () => {
    // Prepare
    const h = await harness();
    const { id, code } = await h.acceptAndIssue();
    h.clock.advance(VERIFICATION_RULES.codeValidHours * HOUR);

    // Act
    const outcome = await h.verify(id, code);

    // Assess
    expect(outcome).toEqual({ kind: 'verified' });
  });

  it('answers code-expired after 24 hours, without using up an attempt', async () => {
    // Prepare
    const h = await harness();
    const { id, code } = await h.acceptAndIssue();
    h.clock.advance(VERIFICATION_RULES.codeValidHours * HOUR + SECOND);

    // Act
    const right = await h.verify(id, code);
    const wrong = await h.verify(id, WRONG_CODE);

    // Assess
    expect(right).toEqual({ kind: 'code-expired' });
    expect(wrong).toEqual({ kind: 'code-expired' });
    expect(await h.requests.get(id)).toMatchObject({
      status: 'awaiting-verification',
      verification: { attemptsLeft: VERIFICATION_RULES.maxAttempts },
    });
  });

  it('uses up nothing before the first code is sent', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.accept();

    // Act
    const outcome = await h.verify(id, WRONG_CODE);

    // Assess
    expect(outcome).toEqual({ kind: 'wrong-code', attemptsLeft: VERIFICATION_RULES.maxAttempts });
    expect(await h.requests.get(id)).not.toHaveProperty('verification');
  });

  it('answers request-closed for a request closed unverified, even with the right code', async () => {
    // Prepare
    const h = await harness();
    const { id, code } = await h.acceptAndIssue();
    await h.close(id);

    // Act
    const outcome = await h.verify(id, code);

    // Assess
    expect(outcome).toEqual({ kind: 'request-closed' });
    expect(h.callback.resumed).toEqual([]);
  });

  it('counts each of three concurrent wrong codes exactly once', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.acceptAndIssue();

    // Act
    const outcomes = await Promise.all([1, 2, 3].map(() => h.verify(id, WRONG_CODE)));

    // Assess
    expect(outcomes).toEqual(
      expect.arrayContaining([
        { kind: 'wrong-code', attemptsLeft: 4 },
        { kind: 'wrong-code', attemptsLeft: 3 },
        { kind: 'wrong-code', attemptsLeft: 2 },
      ]),
    );
    expect(await h.requests.get(id)).toMatchObject({ verification: { attemptsLeft: 2 } });
  });

  it('verifies once when the right code arrives twice at the same time', async () => {
    // Prepare
    const h = await harness();
    const { id, code } = await h.acceptAndIssue();

    // Act
    const outcomes = await Promise.all([h.verify(id, code), h.verify(id, code)]);

    // Assess
    expect(outcomes).toEqual([{ kind: 'verified' }, { kind: 'verified' }]);
    expect(await h.requests.get(id)).toMatchObject({ status: 'verified' });
    expect(new Set(h.callback.resumed)).toEqual(new Set([`task-${id}`]));
  });

  it('throws NotFoundError for an id that does not exist', async () => {
    // Prepare
    const h = await harness();

    // Act
    const attempt = h.verify('req-unknown', '123456');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a malformed code without using up an attempt', async () => {
    // Prepare
    const h = await harness();
    const { id } = await h.acceptAndIssue();

    // Act
    const attempt = h.verify(id, '12345');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    expect(await h.requests.get(id)).toMatchObject({
      verification: { attemptsLeft: VERIFICATION_RULES.maxAttempts },
    });
  });

  describe('through a duplicate', () => {
    it('verifies the original and the duplicate while the original awaits verification', async () => {
      // Prepare
      const h = await harness();
      const original = await h.acceptAndIssue();
      h.clock.advance(HOUR);
      const duplicate = await h.accept();

      // Act
      const outcome = await h.verify(duplicate.id, original.code);

      // Assess
      expect(duplicate.outcome).toBe('duplicate');
      expect(outcome).toEqual({ kind: 'verified' });
      expect(await h.requests.get(original.id)).toMatchObject({ status: 'verified' });
      expect(await h.requests.get(duplicate.id)).toMatchObject({
        status: 'verified',
        verifiedAt: h.clock.now.toISOString(),
      });
      expect(h.callback.resumed).toEqual([`task-${original.id}`]);
      expect(await h.status(duplicate.id, duplicate.statusToken)).toMatchObject({ status: 'verified' });
    });

    it('spends the duplicate’s own attempts on a wrong code, never the original’s', async () => {
      // Prepare
      const h = await harness();
      const original = await h.acceptAndIssue();
      const duplicate = await h.accept();

      // Act
      const outcome = await h.verify(duplicate.id, WRONG_CODE);

      // Assess
      expect(outcome).toEqual({ kind: 'wrong-code', attemptsLeft: 4 });
      expect(await h.requests.get(original.id)).toMatchObject({ verification: { attemptsLeft: 5 } });
      expect(await h.requests.get(duplicate.id)).toMatchObject({
        status: 'awaiting-verification',
        budget: { attemptsLeft: 4 },
      });
    });

    it('cannot be used by a stranger to burn the requester’s code: the duplicate burns, the code still works', async () => {
      // Prepare: someone who knows only the address files the same request and guesses
      const h = await harness();
      const original = await h.acceptAndIssue();
      const duplicate = await h.accept();

      // Act
      const guesses = [];
      for (let n = 0; n < VERIFICATION_RULES.maxAttempts + 2; n++)
        guesses.push(await h.verify(duplicate.id, WRONG_CODE));
      const rightCodeThroughBurnedDuplicate = await h.verify(duplicate.id, original.code);
      const requester = await h.verify(original.id, original.code);

      // Assess
      expect(guesses.at(-3)).toEqual({ kind: 'code-burned' });
      expect(guesses.at(-1)).toEqual({ kind: 'code-burned' });
      expect(rightCodeThroughBurnedDuplicate).toEqual({ kind: 'code-burned' });
      expect(requester).toEqual({ kind: 'verified' });
    });

    it('verifies the duplicate with the code that verified the original, without resuming again', async () => {
      // Prepare
      const h = await harness();
      const original = await h.acceptAndIssue();
      const duplicate = await h.accept();
      await h.verify(original.id, original.code);

      // Act
      const outcome = await h.verify(duplicate.id, original.code);

      // Assess
      expect(outcome).toEqual({ kind: 'verified' });
      expect(await h.requests.get(duplicate.id)).toMatchObject({ status: 'verified' });
      expect(h.callback.resumed).toEqual([`task-${original.id}`]);
    });

    it('spends the duplicate’s attempts, not the used code’s, once the original is verified', async () => {
      // Prepare
      const h = await harness();
      const original = await h.acceptAndIssue();
      const duplicate = await h.accept();
      await h.verify(original.id, original.code);

      // Act
      const first = await h.verify(duplicate.id, WRONG_CODE);
      const second = await h.verify(duplicate.id, WRONG_CODE);

      // Assess
      expect(first).toEqual({ kind: 'wrong-code', attemptsLeft: 4 });
      expect(second).toEqual({ kind: 'wrong-code', attemptsLeft: 3 });
      expect(await h.requests.get(original.id)).toMatchObject({
        status: 'verified',
        verification: { attemptsLeft: 5 },
      });
      expect(await h.requests.get(duplicate.id)).toMatchObject({ status: 'awaiting-verification' });
    });

    it('answers request-closed once the duplicate’s own window has ended, even with the right code', async () => {
      // Prepare
      const h = await harness();
      const original = await h.acceptAndIssue();
      const duplicate = await h.accept();
      h.clock.advance(VERIFICATION_RULES.closeAfterDays * DAY + SECOND);

      // Act
      const outcome = await h.verify(duplicate.id, original.code);

      // Assess
      expect(outcome).toEqual({ kind: 'request-closed' });
      expect(await h.requests.get(original.id)).toMatchObject({ status: 'awaiting-verification' });
    });
  });

  describe('per client address', () => {
    it('slows down one client guessing codes across many requests, and no one else', async () => {
      // Prepare: requests filed by three people; one client guesses at all of them
      const h = await harness();
      const ids = [];
      for (const name of ['a', 'b', 'c']) {
        ids.push((await h.acceptAndIssue({ ...SUBMISSION, email: `${name}@example.no` })).id);
      }
      const own = await h.acceptAndIssue({ ...SUBMISSION, email: 'd@example.no' });
      const guesser = { clientIp: '198.51.100.7' };

      // Act
      const outcomes = [];
      for (let n = 0; n < CODE_ATTEMPT_LIMIT.limit; n++) {
        outcomes.push((await h.verify(ids[n % ids.length] ?? '', WRONG_CODE, guesser)).kind);
      }
      const over = await h.verify(ids[0] ?? '', WRONG_CODE, guesser).catch((error: unknown) => error);
      const someoneElse = await h.verify(own.id, own.code, { clientIp: '203.0.113.9' });

      // Assess
      expect(outcomes.every((kind) => kind === 'wrong-code' || kind === 'code-burned')).toBe(true);
      expect(over).toBeInstanceOf(TooManyRequestsError);
      expect(someoneElse).toEqual({ kind: 'verified' });
    });
  });
});
