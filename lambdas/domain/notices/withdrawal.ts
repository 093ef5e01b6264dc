/**
 * A withdraw-consent request, once verified and answered, withdraws the person's consent to change notices
 * too, recorded against that consent (`withdrawnVia: request:<id>`), and puts them on the notice
 * suppression list, so a notice run that uses the operator's list does not email them either. For the
 * request workflow's response step (`deps.noticeConsents` there); nothing happens for other request types.
 */
import type { RequestType } from '../policy/schema';
import type { Pseudonyms } from '../pseudonyms';
import { recipientKey } from './recipients';

export interface NoticeConsentWithdrawals {
  withdrawConsent(to: string, at: string, via: string): Promise<boolean>;
  recordOptOut(to: string, version: string, at: string): Promise<void>;
}

export interface WithdrawalRequest {
  readonly id: string;
  readonly type: RequestType;
  readonly email: string;
  readonly policyVersion: string;
}

/** True when a consent to notices was on record and is now withdrawn. */
export async function withdrawNoticeConsent(
  request: WithdrawalRequest,
  store: NoticeConsentWithdrawals,
  now: Date,
  pseudonyms: Pseudonyms,
): Promise<boolean> {
  if (request.type !== 'withdraw-consent') return false;
  const to = recipientKey(pseudonyms, request.email);
  const at = now.toISOString();
  const withdrawn = await store.withdrawConsent(to, at, `request:${request.id}`);
  await store.recordOptOut(to, request.policyVersion, at);
  return withdrawn;
}
