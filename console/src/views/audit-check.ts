/**
 * "Check the log" beside a request's timeline: asks the API to verify the request's audit hash chain
 * (`GET /staff/requests/{id}/audit`) and says whether every event is intact, or where the chain breaks.
 * A privacy officer can show an inspector, from the page, that nobody has edited the history.
 */

import type { ChainCheck } from '../../../lambdas/domain/staff/staff-api';
import type { StaffApi } from '../api';
import { h } from '../dom';
import { refusalText, sayIn, signedOut, statusRegion } from '../feedback';
import type { Texts } from '../i18n';

export function auditCheck(requestId: string, context: { api: StaffApi; text: Texts }): HTMLElement {
  const { api, text } = context;
  const status = statusRegion('audit-status');
  const button = h(
    'button',
    { type: 'button', class: 'secondary', id: 'audit-check' },
    text.auditCheckButton,
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const result = await api.get<ChainCheck>(`/staff/requests/${encodeURIComponent(requestId)}/audit`);
      if (result.ok) sayIn(status, 'ok', text.auditIntact.replace('{n}', String(result.length)));
      else
        sayIn(
          status,
          'error',
          `${text.auditBroken.replace('{seq}', String(result.brokenAt))} ${result.reason}`,
        );
    } catch (failure) {
      if (!signedOut(failure)) sayIn(status, 'error', refusalText(failure, text.auditCheckFailed, text));
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'audit-check' }, h('p', { class: 'note' }, text.auditCheckIntro), button, status);
}
