import type {
  ContactConfirmationEmail,
  ContactNotificationEmail,
  DeadlineDigestEmail,
  DeadlineExtendedEmail,
  DigestRow,
  OutgoingEmail,
  RequestClosedUnverifiedEmail,
  RequestReceiptEmail,
  VerificationCodeEmail,
} from '../../../lambdas/domain/email/schema';
import type { Language } from '../../../lambdas/domain/policy/language';

/** Everything a careless template could break: markup, an ampersand and both quote marks. */
export const HOSTILE_NAME = `<b>Ola & "Kari"</b>`;
export const HOSTILE_NAME_ESCAPED = '&lt;b&gt;Ola &amp; &quot;Kari&quot;&lt;/b&gt;';

export const LANGUAGES: readonly Language[] = ['nb', 'en'];

export function receipt(lang: Language, overrides: Partial<RequestReceiptEmail> = {}): RequestReceiptEmail {
  return {
    kind: 'request-receipt',
    lang,
    recipientName: HOSTILE_NAME,
    requestId: 'req-01JZ3K8Q',
    requestType: 'access',
    controllerName: 'STERK Klinikk AS',
    receivedDate: '2026-11-28',
    dueDate: '2026-12-28',
    code: '042917',
    verifyUrl: 'https://personvern.sterk.example/requests/req-01JZ3K8Q/verify?code=042917',
    statusUrl: 'https://personvern.sterk.example/requests/req-01JZ3K8Q/status?token=s3cr3t-t0ken',
    codeValidHours: 24,
    ...overrides,
  };
}

export function verificationCode(
  lang: Language,
  overrides: Partial<VerificationCodeEmail> = {},
): VerificationCodeEmail {
  return {
    kind: 'verification-code',
    lang,
    recipientName: HOSTILE_NAME,
    requestId: 'req-01JZ3K8Q',
    code: '770031',
    verifyUrl: 'https://personvern.sterk.example/requests/req-01JZ3K8Q/verify?code=770031',
    statusUrl: 'https://personvern.sterk.example/requests/req-01JZ3K8Q/status?token=n3w-t0ken',
    codeValidHours: 24,
    ...overrides,
  };
}

export function closedUnverified(
  lang: Language,
  overrides: Partial<RequestClosedUnverifiedEmail> = {},
): RequestClosedUnverifiedEmail {
  return {
    kind: 'request-closed-unverified',
    lang,
    recipientName: HOSTILE_NAME,
    requestId: 'req-01JZ3K8Q',
    controllerName: 'STERK Klinikk AS',
    requestFormUrl: `https://personvern.sterk.example/forms/request?lang=${lang}`,
    ...overrides,
  };
}

export function contactConfirmation(
  lang: Language,
  overrides: Partial<ContactConfirmationEmail> = {},
): ContactConfirmationEmail {
  return {
    kind: 'contact-confirmation',
    lang,
    recipientName: HOSTILE_NAME,
    messageId: 'msg-01JZ3M2A',
    controllerName: 'STERK Treningssenter AS',
    ...overrides,
  };
}

export function contactNotification(
  lang: Language,
  overrides: Partial<ContactNotificationEmail> = {},
): ContactNotificationEmail {
  return {
    kind: 'contact-notification',
    lang,
    messageId: 'msg-01JZ3M2A',
    controllerName: 'STERK Treningssenter AS',
    consoleUrl: 'https://console.sterk.example/#/messages/msg-01JZ3M2A',
    ...overrides,
  };
}

export function deadlineExtended(
  lang: Language,
  overrides: Partial<DeadlineExtendedEmail> = {},
): DeadlineExtendedEmail {
  return {
    kind: 'deadline-extended',
    lang,
    recipientName: HOSTILE_NAME,
    requestId: 'req-01JZ3K8Q',
    requestType: 'access',
    controllerName: 'STERK Klinikk AS',
    reason: 'Journalen ligger i et arkiv som må hentes fram for hånd.',
    originalDueDate: '2026-12-28',
    newDueDate: '2027-03-01',
    replyTo: 'personvern@sterk.example',
    ...overrides,
  };
}

export function digestRow(requestId: string, overrides: Partial<DigestRow> = {}): DigestRow {
  return {
    requestId,
    requestType: 'erasure',
    dueDate: '2026-12-28',
    daysLeft: 2,
    pendingStep: 'review',
    consoleUrl: `https://console.sterk.example/#/requests/${requestId}`,
    ...overrides,
  };
}

function withoutPendingStep({ pendingStep: _step, ...row }: DigestRow): DigestRow {
  return row;
}

export function deadlineDigest(
  lang: Language,
  overrides: Partial<DeadlineDigestEmail> = {},
): DeadlineDigestEmail {
  return {
    kind: 'deadline-digest',
    lang,
    controllerName: 'STERK Klinikk AS',
    date: '2026-12-26',
    overdue: [
      digestRow('req-late', { dueDate: '2026-12-23', daysLeft: -3, pendingStep: 'attention: collecting' }),
    ],
    dueWithinTwoDays: [digestRow('req-soon')],
    dueWithinSevenDays: [
      digestRow('req-week', { dueDate: '2027-01-01', daysLeft: 6, requestType: 'access' }),
    ],
    decisionNudges: [
      withoutPendingStep(
        digestRow('req-day21', { dueDate: '2027-01-05', daysLeft: 10, extendBy: '2027-01-05' }),
      ),
    ],
    escalation: false,
    ...overrides,
  };
}

export function everyKind(lang: Language): OutgoingEmail[] {
  return [
    receipt(lang),
    verificationCode(lang),
    closedUnverified(lang),
    contactConfirmation(lang),
    contactNotification(lang),
    deadlineExtended(lang),
    deadlineDigest(lang),
  ];
}
