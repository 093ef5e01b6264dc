import type {
  ContactConfirmationEmail,
  ContactNotificationEmail,
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
    consoleUrl: 'https://console.sterk.example/messages/msg-01JZ3M2A',
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
  ];
}
