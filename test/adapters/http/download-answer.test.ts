import { downloadJson, downloadPage } from '../../../lambdas/adapters/http/download-answer';
import type { DownloadOutcome } from '../../../lambdas/domain/requests/download';

const links = {
  verifyUrl: 'https://personvern.example/v1/requests/r-1/verify',
  resendUrl: 'https://personvern.example/v1/requests/r-1/resend',
  policyUrl: 'https://personvern.example/v1/policy',
  downloadUrl: 'https://personvern.example/v1/requests/r-1/download?token=t',
};

describe('Function: downloadJson', () => {
  it.each<[DownloadOutcome, number, string]>([
    [{ kind: 'too-soon', retryAfterSeconds: 40 }, 429, 'too_soon'],
    [{ kind: 'no-more-codes' }, 429, 'no_more_codes'],
    [{ kind: 'wrong-code', attemptsLeft: 3 }, 422, 'wrong_code'],
    [{ kind: 'code-burned' }, 429, 'code_burned'],
    [{ kind: 'code-expired' }, 410, 'code_expired'],
    [{ kind: 'not-available' }, 409, 'not_available'],
    [{ kind: 'export-gone' }, 410, 'export_gone'],
  ])('answers %p with %i and the code %s', (outcome, status, code) => {
    // Act
    const result = downloadJson(outcome);

    // Assess
    expect(result.statusCode).toBe(status);
    expect(JSON.parse(result.body).error).toMatchObject({ code, message: expect.any(String) });
  });

  it('hands out the URL with its lifetime once the code is right', () => {
    // Act
    const result = downloadJson({ kind: 'ready', url: 'https://s3.example/x', expiresInSeconds: 900 });

    // Assess
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ url: 'https://s3.example/x', expiresInSeconds: 900 });
  });

  it('says a code was sent, and nothing more', () => {
    // Act
    const result = downloadJson({ kind: 'code-sent' });

    // Assess
    expect(result.statusCode).toBe(202);
    expect(JSON.parse(result.body)).toEqual({ status: 'code-sent' });
  });

  it('adds the attempts left to a wrong code, and the wait to a day’s codes used up', () => {
    // Act
    const wrong = JSON.parse(downloadJson({ kind: 'wrong-code', attemptsLeft: 2 }).body).error;
    const capped = JSON.parse(downloadJson({ kind: 'no-more-codes', retryAfterSeconds: 3600 }).body).error;

    // Assess
    expect(wrong.attemptsLeft).toBe(2);
    expect(capped.retryAfterSeconds).toBe(3600);
  });
});

describe('Function: downloadPage', () => {
  it('answers with the same status code as the JSON, as an HTML page in the asked language', () => {
    // Prepare
    const outcome: DownloadOutcome = { kind: 'export-gone' };

    // Act
    const page = downloadPage(outcome, 'nb', links);

    // Assess
    expect(page.statusCode).toBe(downloadJson(outcome).statusCode);
    expect(page.headers?.['Content-Type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<html lang="nb"');
  });
});
