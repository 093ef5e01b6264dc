/**
 * How `POST /requests/{id}/download` words each outcome over HTTP: the status codes the page and the JSON
 * share, and the JSON error texts for scripts. Kept apart from the handler so the codes and texts can be
 * read, and tested, without S3 or a table.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Language } from '../../domain/policy/language';
import type { DownloadOutcome } from '../../domain/requests/download';
import { renderDownloadPage } from '../../domain/requests/pages/render';
import type { RequestPageLinks } from '../../domain/requests/views';
import { REQUEST_DATA_LIFETIME } from '../../domain/workflow/data-lifetime';
import { htmlPage } from './requester-page';
import { json } from './responses';

const statusCodes: Record<DownloadOutcome['kind'], number> = {
  'code-sent': 202,
  'too-soon': 429,
  'no-more-codes': 429,
  'wrong-code': 422,
  'code-burned': 429,
  'code-expired': 410,
  ready: 200,
  'not-available': 409,
  'export-gone': 410,
};

const messages: Record<Exclude<DownloadOutcome['kind'], 'ready' | 'code-sent'>, string> = {
  'too-soon': 'A code was sent less than a minute ago. Check your email.',
  'no-more-codes':
    'No more download codes can be sent for this request today (or at all): use the last code sent, or contact us.',
  'wrong-code': 'That code is not right.',
  'code-burned': 'Too many wrong codes: ask for a new one.',
  'code-expired': 'The code is too old: ask for a new one.',
  'not-available': 'There is no export to download for this request.',
  'export-gone': `The export is no longer available: it is deleted ${REQUEST_DATA_LIFETIME.keepDaysAfterClose} days after the answer. Make a new access request to get your data again.`,
};

/**
 * A link, not a redirect: the pages' CSP keeps form posts on our own origin, and the file is on S3's. The
 * link's download needs the sandbox's allow-downloads, which only this route's pages have.
 */
export function downloadPage(
  outcome: DownloadOutcome,
  lang: Language,
  links: RequestPageLinks,
): APIGatewayProxyResult {
  return htmlPage(statusCodes[outcome.kind], renderDownloadPage(outcome, lang, links));
}

export function downloadJson(outcome: DownloadOutcome): APIGatewayProxyResult {
  if (outcome.kind === 'ready')
    return json(200, { url: outcome.url, expiresInSeconds: outcome.expiresInSeconds });
  if (outcome.kind === 'code-sent') return json(202, { status: 'code-sent' });
  return json(statusCodes[outcome.kind], {
    error: {
      code: outcome.kind.replaceAll('-', '_'),
      message: messages[outcome.kind],
      ...(outcome.kind === 'wrong-code' ? { attemptsLeft: outcome.attemptsLeft } : {}),
      ...(outcome.kind === 'no-more-codes' && outcome.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: outcome.retryAfterSeconds }
        : {}),
    },
  });
}
