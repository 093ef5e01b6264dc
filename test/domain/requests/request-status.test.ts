import { NotFoundError } from '../../../lambdas/domain/errors';
import { VERIFICATION_RULES } from '../../../lambdas/domain/requests/verification';
import { sterkPolicy } from '../policy/sterk-fixture';
import { DAY, harness, SECOND, SUBMISSION } from './harness';

const mainControllerName = () => sterkPolicy().controllers.find((controller) => controller.main)?.legalName;

describe('Function: requestStatus', () => {
  it('shows the request behind the token from the answer, without personal data', async () => {
    // Prepare
    const h = await harness();
    const accepted = await h.accept({ ...SUBMISSION, phone: '91234567' });
    const stored = await h.requests.get(accepted.id);

    // Act
    const view = await h.status(accepted.id, accepted.statusToken);

    // Assess
    expect(view).toEqual({
      id: accepted.id,
      type: 'access',
      status: 'awaiting-verification',
      lang: 'en',
      controllerName: mainControllerName(),
      receivedDate: stored?.receivedDate,
      dueDate: stored?.dueDate,
    });
    expect(JSON.stringify(view)).not.toMatch(/kari|nordmann|91234567/i);
  });

  it('names the child a guardian asks for, and no one else', async () => {
    // Prepare
    const h = await harness();
    const child = { name: 'Ola Nordmann', birthDate: '2015-05-17', relationship: 'guardian' } as const;
    const accepted = await h.accept({ ...SUBMISSION, onBehalfOf: child });

    // Act
    const view = await h.status(accepted.id, accepted.statusToken);

    // Assess
    expect(view.aboutChild).toBe('Ola Nordmann');
    expect(JSON.stringify(view)).not.toMatch(/kari|2015-05-17/i);
  });

  it('shows the request as verified once it is', async () => {
    // Prepare
    const h = await harness();
    const { id, code, statusToken } = await h.acceptAndIssue();
    await h.verify(id, code);

    // Act
    const view = await h.status(id, statusToken);

    // Assess
    expect(view.status).toBe('verified');
  });

  it('shows the request as closed once it closed unverified', async () => {
    // Prepare
    const h = await harness();
    const { id, statusToken } = await h.acceptAndIssue();
    h.clock.advance(VERIFICATION_RULES.closeAfterDays * DAY);
    await h.close(id);

    // Act
    const view = await h.status(id, statusToken);

    // Assess
    expect(view.status).toBe('closed-unverified');
  });

  it('gives the same NotFoundError for a wrong token, no token, an empty token and an unknown id', async () => {
    // Prepare
    const h = await harness();
    const first = await h.accept();
    const other = await h.accept({ ...SUBMISSION, email: 'ola@example.no' });

    // Act
    const attempts = [
      h.status(first.id, 'not-the-token'),
      h.status(first.id, other.statusToken),
      h.status(first.id, undefined),
      h.status(first.id, ''),
      h.status('req-unknown', first.statusToken),
    ];

    // Assess
    const errors = await Promise.all(
      attempts.map((attempt) =>
        attempt.then(
          () => undefined,
          (error) => error,
        ),
      ),
    );
    for (const error of errors) expect(error).toBeInstanceOf(NotFoundError);
    expect(new Set(errors.map((error) => error.message))).toEqual(new Set(['No such request']));
  });

  describe('of a duplicate', () => {
    it('shows it as awaiting verification while its window is open, even when the original is verified', async () => {
      // Prepare
      const h = await harness();
      const original = await h.acceptAndIssue();
      await h.verify(original.id, original.code);
      const duplicate = await h.accept();

      // Act
      const view = await h.status(duplicate.id, duplicate.statusToken);

      // Assess
      expect(duplicate.outcome).toBe('duplicate');
      expect(view).toMatchObject({ id: duplicate.id, status: 'awaiting-verification', type: 'access' });
    });

    it('names the child as the original does, though the duplicate stores no name', async () => {
      // Prepare
      const h = await harness();
      const child = { name: 'Ola Nordmann', birthDate: '2015-05-17', relationship: 'guardian' } as const;
      await h.accept({ ...SUBMISSION, onBehalfOf: child });
      const duplicate = await h.accept({ ...SUBMISSION, onBehalfOf: child });

      // Act
      const view = await h.status(duplicate.id, duplicate.statusToken);

      // Assess
      expect(duplicate.outcome).toBe('duplicate');
      expect(view.aboutChild).toBe('Ola Nordmann');
      expect(JSON.stringify(await h.requests.get(duplicate.id))).not.toMatch(/ola|nordmann/i);
    });

    it('shows an unverified duplicate as closed after its window', async () => {
      // Prepare
      const h = await harness();
      await h.acceptAndIssue();
      const duplicate = await h.accept();
      h.clock.advance(VERIFICATION_RULES.closeAfterDays * DAY + SECOND);

      // Act
      const view = await h.status(duplicate.id, duplicate.statusToken);

      // Assess
      expect(view.status).toBe('closed-unverified');
    });

    it('opens only with its own token, not with the original’s', async () => {
      // Prepare
      const h = await harness();
      const original = await h.acceptAndIssue();
      const duplicate = await h.accept();

      // Act
      const attempt = h.status(duplicate.id, original.statusToken);

      // Assess
      await expect(attempt).rejects.toThrow(new NotFoundError('No such request'));
    });
  });
});
