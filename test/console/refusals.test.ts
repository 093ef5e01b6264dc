/**
 * The console says the staff API's refusals in nb and en. The refusals here are made by the API's own
 * domain code, so a message changed there fails this test instead of reaching staff in English.
 */
import { TEXTS } from '../../console/src/i18n';
import { refusalSentence } from '../../console/src/refusals';
import { DomainError, ValidationError } from '../../lambdas/domain/errors';
import type { RequestRecord } from '../../lambdas/domain/requests/record';
import { decideTask } from '../../lambdas/domain/staff/decide-task';
import { type ExtendedRequest, extendDeadline } from '../../lambdas/domain/staff/extend-deadline';
import { newHold } from '../../lambdas/domain/staff/holds';
import { handleMessage } from '../../lambdas/domain/staff/messages';
import type { StaffTask } from '../../lambdas/domain/workflow/tasks';
import { sterkPolicy } from '../domain/policy/sterk-fixture';
import { testPseudonyms } from '../support/pseudonyms';

type Staff = { readonly username: string; readonly controllers: 'all' | string[] };
const OFFICER: Staff = { username: 'personvernombud', controllers: 'all' };
const HASLE: Staff = { username: 'staff-sterk-hasle', controllers: ['sterk-hasle'] };
const STATUS: Record<string, number> = {
  conflict: 409,
  forbidden: 403,
  not_found: 404,
  validation_failed: 400,
};

const REQUEST: RequestRecord = {
  kind: 'request',
  id: 'req-1',
  type: 'access',
  controllerId: 'sterk-helse',
  lang: 'nb',
  receivedAt: '2026-03-02T09:00:00.000Z',
  receivedDate: '2026-03-02',
  dueDate: '2026-04-07',
  dueAt: '2026-04-07T21:59:59.999Z',
  status: 'verified',
  statusTokenHashes: [],
  policyVersion: '1.0.0',
  requester: { name: 'Kari Nordmann', email: 'kari@example.no' },
};

/** What the API would answer for what `run` throws: status, message and field messages. */
async function refusalOf(run: () => Promise<unknown> | unknown) {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return {
      status: STATUS[error.code] ?? 400,
      message: error.message,
      fields: error instanceof ValidationError ? error.fields : {},
    };
  }
  throw new Error('expected a refusal');
}

function extend(
  stored: ExtendedRequest,
  body: unknown = { reason: 'Arkivet må hentes.' },
  staff: Staff = OFFICER,
) {
  return () =>
    extendDeadline('req-1', body, staff, {
      policy: sterkPolicy(),
      requests: { get: async () => stored },
      extensions: { extend: async () => false, markExtensionNoticeSent: async () => undefined },
      audit: { append: async () => ({}) as never, list: async () => [] },
      mailer: { send: async () => ({ messageId: 'm' }) },
      mailFrom: 'x@example.no',
      clock: () => new Date('2026-03-10T09:00:00Z'),
    });
}

const decidedTask: StaffTask = {
  taskId: 'req-1.identity',
  requestId: 'req-1',
  controllerId: 'sterk-helse',
  type: 'identity-check',
  status: 'decided',
  createdAt: '2026-03-02T09:06:00.000Z',
  decidedBy: 'staff-sterk-helse',
  decidedAt: '2026-03-02T10:15:00.000Z',
};

function decide(task: StaffTask, staff: Staff = OFFICER) {
  return () =>
    decideTask(task.taskId, { decision: 'approve' }, staff, {
      tasks: { get: async () => task },
    } as never);
}

const handled = () =>
  handleMessage('msg-1', { note: 'Svarte.' }, OFFICER, {
    messages: {
      get: async () => ({
        id: 'msg-1',
        controllerId: 'sterk-hasle',
        status: 'handled',
        handledBy: 'staff-sterk-hasle',
        handledAt: '2026-03-03T08:00:00.000Z',
      }),
    },
  } as never);

describe('the staff API’s refusals in the console’s words', () => {
  it('says each refusal the API makes as a whole sentence in bokmål, with its dates and names', async () => {
    // Prepare
    const refusals = {
      extendedTwice: await refusalOf(
        extend({ ...REQUEST, extendedAt: '2026-03-05T09:00:00.000Z', extensionNoticeSentAt: 'x' }),
      ),
      notVerified: await refusalOf(extend({ ...REQUEST, status: 'awaiting-verification' })),
      closed: await refusalOf(extend({ ...REQUEST, status: 'completed' })),
      tooLate: await refusalOf(extend({ ...REQUEST, dueDate: '2026-03-09' })),
      raced: await refusalOf(extend(REQUEST)),
      noReason: await refusalOf(extend(REQUEST, {})),
      otherCompany: await refusalOf(extend(REQUEST, undefined, HASLE)),
      decided: await refusalOf(decide(decidedTask)),
      decidedUnknown: await refusalOf(decide({ ...decidedTask, decidedBy: undefined })),
      taskOtherCompany: await refusalOf(decide({ ...decidedTask, status: 'open' }, HASLE)),
      handled: await refusalOf(handled),
      hold: await refusalOf(() =>
        newHold(
          sterkPolicy(),
          { email: 'nope', reason: '', categories: [], expiresOn: '2020-01-01' },
          {
            username: 'p',
            now: new Date(),
            today: '2026-03-02',
            newId: () => 'h',
            pseudonyms: testPseudonyms,
          },
        ),
      ),
    };

    // Act
    const nb = Object.fromEntries(
      Object.entries(refusals).map(([name, refusal]) => [name, refusalSentence(refusal, TEXTS.nb, 'nb')]),
    );
    const en = refusalSentence(refusals.extendedTwice, TEXTS.en, 'en');

    // Assess
    expect(nb).toEqual({
      extendedTwice:
        'Den ble allerede forlenget 5. mars 2026 (til 7. apr. 2026), og kan bare forlenges én gang.',
      notVerified: 'Den registrerte har ikke bekreftet forespørselen ennå, så det er ingen frist å forlenge.',
      closed: 'Forespørselen er avsluttet, så fristen kan ikke lenger forlenges.',
      tooLate: 'Den opprinnelige fristen 9. mars 2026 er passert. En forlengelse må gis senest den dagen.',
      raced:
        'Forespørselen ble endret i mellomtiden (forlenget av en annen, eller avsluttet). Last siden på nytt.',
      noReason: 'Skriv en begrunnelse for forlengelsen.',
      // Another company's request is as unknown as one that does not exist (issue 17).
      otherCompany: 'Fant ikke forespørselen.',
      decided: 'staff-sterk-helse avgjorde den 2. mars 2026, 11:15.',
      decidedUnknown: 'Noen andre avgjorde den i mellomtiden.',
      taskOtherCompany: 'Fant ikke oppgaven.',
      handled: 'staff-sterk-hasle behandlet den 3. mars 2026, 09:00.',
      hold: [
        'Skriv en gyldig e-postadresse for personen slettestansen gjelder.',
        'Skriv hvorfor dataene må beholdes.',
        'Velg minst én kategori fra personvernerklæringen.',
        'Slettestansen må vare minst til og med i dag.',
      ].join(' '),
    });
    expect(en).toBe('It was already extended on 5 Mar 2026 (to 7 Apr 2026), and can be extended only once.');
  });

  it('keeps an unknown refusal in the console’s language, with the API’s English only as a quoted detail', () => {
    // Act
    const conflict = refusalSentence(
      { status: 409, message: 'Something new went wrong.', fields: {} },
      TEXTS.nb,
      'nb',
    );
    const invalid = refusalSentence(
      { status: 400, message: 'Bad input', fields: { x: 'must be a number' } },
      TEXTS.en,
      'en',
    );

    // Assess
    expect(conflict).toBe(
      'Saken ble endret i mellomtiden. Last siden på nytt og se hva som gjelder nå. (Tjenesten svarte på engelsk: «Something new went wrong.»)',
    );
    expect(invalid).toBe(
      'The service did not accept what was sent. (The service said: “Bad input must be a number”)',
    );
  });

  it('says why a policy version was refused, problem by problem', () => {
    // Act
    const said = refusalSentence(
      {
        status: 400,
        message:
          'Version 2.0.0 cannot be published: version 2.0.0 is already published (by personvernombud); effective date 2020-01-01 is in the past (today is 2026-03-02 in Oslo).',
        fields: { version: '…' },
      },
      TEXTS.nb,
      'nb',
    );

    // Assess
    expect(said).toBe(
      'Versjon 2.0.0 er allerede publisert (av personvernombud). Datoen den skal gjelde fra, 1. jan. 2020, er passert.',
    );
  });
});
