import * as z from 'zod';
import { bundledPolicy } from '../../../lambdas/adapters/policy/bundled-policy';
import { ValidationError } from '../../../lambdas/domain/errors';
import { acceptContactMessage, type ContactMessageRecord } from '../../../lambdas/domain/intake/contact';
import { INTAKE_TEXT, submissionLanguage } from '../../../lambdas/domain/intake/i18n';
import { parseSubmission } from '../../../lambdas/domain/intake/parse';
import { DEFAULT_SUBMISSION_LIMITS } from '../../../lambdas/domain/intake/rate-limits';
import { guardianAge } from '../../../lambdas/domain/intake/submissions';
import { offeredRequestTypes } from '../../../lambdas/domain/policy/queries';
import { parseRequestSubmission } from '../../../lambdas/domain/requests/accept-request';
import { InMemoryRateLimiter } from '../../support/in-memory-rate-limiter';

/** 2026-11-25 in Oslo. */
const NOW = new Date('2026-11-25T09:30:00Z');
const CONTROLLER_IDS = bundledPolicy.controllers.map((c) => c.id).join(', ');
const REQUEST_TYPES = offeredRequestTypes(bundledPolicy).join(', ');

const validContact = { name: 'Kari Nordmann', email: 'kari@example.no', message: 'Hei! Når åpner dere?' };
const validRequest = { type: 'access', name: 'Kari Nordmann', email: 'kari@example.no' };

function contactDeps() {
  const stored: ContactMessageRecord[] = [];
  return {
    stored,
    deps: {
      policy: bundledPolicy,
      messages: { create: async (m: ContactMessageRecord) => void stored.push(m) },
      notifications: { start: async () => {} },
      clock: () => NOW,
      newId: () => 'msg-1',
      limiter: new InMemoryRateLimiter(),
      limits: DEFAULT_SUBMISSION_LIMITS,
    },
  };
}

/** The validation error a submission raised; fails the test when it raised none or another error. */
async function rejectionOf(attempt: () => unknown): Promise<ValidationError> {
  try {
    await attempt();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('The submission was accepted');
}

const rejectContact = (input: unknown) => rejectionOf(() => acceptContactMessage(input, contactDeps().deps));
const rejectRequest = (input: unknown) =>
  rejectionOf(() => parseRequestSubmission(bundledPolicy, input, NOW));

interface FieldCase {
  readonly title: string;
  readonly body: Record<string, unknown>;
  readonly field: string;
  readonly nb: string;
  readonly en: string;
}

const contactCases: FieldCase[] = [
  {
    title: 'a missing name',
    body: { ...validContact, name: '  ' },
    field: 'name',
    nb: 'Skriv inn navnet ditt',
    en: 'Enter your name',
  },
  {
    title: 'a name that is not text',
    body: { ...validContact, name: 42 },
    field: 'name',
    nb: 'Skriv inn navnet ditt',
    en: 'Enter your name',
  },
  {
    title: 'a name over 200 characters',
    body: { ...validContact, name: 'x'.repeat(201) },
    field: 'name',
    nb: 'Navnet kan ha høyst 200 tegn',
    en: 'Use at most 200 characters for the name',
  },
  {
    title: 'a missing email',
    body: { ...validContact, email: '' },
    field: 'email',
    nb: 'Skriv inn e-postadressen din',
    en: 'Enter your email address',
  },
  {
    title: 'a malformed email',
    body: { ...validContact, email: 'kari@' },
    field: 'email',
    nb: 'Skriv inn en gyldig e-postadresse, for eksempel ola@example.no',
    en: 'Enter a valid email address, such as ola@example.no',
  },
  {
    title: 'an email over 254 characters',
    body: { ...validContact, email: `${'k'.repeat(244)}@example.no` },
    field: 'email',
    nb: 'E-postadressen er for lang',
    en: 'That email address is too long',
  },
  {
    title: 'a five-digit phone number',
    body: { ...validContact, phone: '12345' },
    field: 'phone',
    nb: 'Skriv inn et norsk nummer med 8 siffer, eller et utenlandsk nummer som starter med +',
    en: 'Enter a Norwegian 8-digit number or an international number starting with +',
  },
  {
    title: 'a phone number that is not text',
    body: { ...validContact, phone: 41234567 },
    field: 'phone',
    nb: 'Skriv inn et telefonnummer, eller la feltet stå tomt',
    en: 'Enter a phone number, or leave the field empty',
  },
  {
    title: 'an empty message',
    body: { ...validContact, message: ' \n ' },
    field: 'message',
    nb: 'Skriv meldingen din',
    en: 'Write your message',
  },
  {
    title: 'a message over 5,000 characters',
    body: { ...validContact, message: 'x'.repeat(5001) },
    field: 'message',
    nb: 'Meldingen kan ha høyst 5000 tegn',
    en: 'Keep the message to at most 5,000 characters',
  },
  {
    title: 'an unknown controller',
    body: { ...validContact, controller: 'sterk-bergen' },
    field: 'controller',
    nb: `Velg et av selskapene: ${CONTROLLER_IDS}`,
    en: `Choose one of the companies: ${CONTROLLER_IDS}`,
  },
];

const childBorn = (birthDate: string) => ({ name: 'Ola Nordmann', birthDate, relationship: 'guardian' });

const requestCases: FieldCase[] = [
  {
    title: 'a missing type',
    body: { name: 'Kari Nordmann', email: 'kari@example.no' },
    field: 'type',
    nb: 'Velg hva du vil be oss om',
    en: 'Choose what you are asking for',
  },
  {
    title: 'a type the policy does not offer',
    body: { ...validRequest, type: 'delete-everything' },
    field: 'type',
    nb: `Velg en av disse: ${REQUEST_TYPES}`,
    en: `Choose one of: ${REQUEST_TYPES}`,
  },
  {
    title: 'a missing name',
    body: { ...validRequest, name: '' },
    field: 'name',
    nb: 'Skriv inn navnet ditt',
    en: 'Enter your name',
  },
  {
    title: 'a malformed email',
    body: { ...validRequest, email: 'kari@@example.no' },
    field: 'email',
    nb: 'Skriv inn en gyldig e-postadresse, for eksempel ola@example.no',
    en: 'Enter a valid email address, such as ola@example.no',
  },
  {
    title: 'an invalid phone number',
    body: { ...validRequest, phone: '000' },
    field: 'phone',
    nb: 'Skriv inn et norsk nummer med 8 siffer, eller et utenlandsk nummer som starter med +',
    en: 'Enter a Norwegian 8-digit number or an international number starting with +',
  },
  {
    title: 'an unknown controller',
    body: { ...validRequest, controller: 'sterk-bergen' },
    field: 'controller',
    nb: `Velg et av selskapene: ${CONTROLLER_IDS}`,
    en: `Choose one of the companies: ${CONTROLLER_IDS}`,
  },
  {
    title: 'a date of birth written the Norwegian way',
    body: { ...validRequest, birthDate: '17.05.1990' },
    field: 'birthDate',
    nb: 'Skriv inn fødselsdatoen som ÅÅÅÅ-MM-DD',
    en: 'Enter the date of birth as YYYY-MM-DD',
  },
  {
    title: 'a date of birth in the future',
    body: { ...validRequest, birthDate: '2026-11-26' },
    field: 'birthDate',
    nb: 'Fødselsdatoen kan ikke være fram i tid',
    en: 'The date of birth cannot be in the future',
  },
  {
    title: 'a rectification without details',
    body: { ...validRequest, type: 'rectification' },
    field: 'details',
    nb: 'Skriv hva som er feil, og hva som er riktig',
    en: 'Tell us what is wrong and what it should say',
  },
  {
    title: 'details over 5,000 characters',
    body: { ...validRequest, details: 'd'.repeat(5001) },
    field: 'details',
    nb: 'De utfyllende opplysningene kan ha høyst 5000 tegn',
    en: 'Keep the details to at most 5,000 characters',
  },
  {
    title: 'on behalf of someone given as a string',
    body: { ...validRequest, onBehalfOf: 'my son' },
    field: 'onBehalfOf',
    nb: 'Skriv inn navnet og fødselsdatoen til barnet',
    en: "Tell us the child's name and date of birth",
  },
  {
    title: "a child's name left empty",
    body: { ...validRequest, onBehalfOf: { ...childBorn('2016-03-01'), name: ' ' } },
    field: 'onBehalfOf.name',
    nb: 'Skriv inn navnet til barnet',
    en: "Enter the child's name",
  },
  {
    title: "a child's name over 200 characters",
    body: { ...validRequest, onBehalfOf: { ...childBorn('2016-03-01'), name: 'x'.repeat(201) } },
    field: 'onBehalfOf.name',
    nb: 'Navnet til barnet kan ha høyst 200 tegn',
    en: "Use at most 200 characters for the child's name",
  },
  {
    title: "a child's date of birth missing",
    body: { ...validRequest, onBehalfOf: { name: 'Ola Nordmann', relationship: 'guardian' } },
    field: 'onBehalfOf.birthDate',
    nb: 'Skriv inn fødselsdatoen som ÅÅÅÅ-MM-DD',
    en: 'Enter the date of birth as YYYY-MM-DD',
  },
  {
    title: "a child's date of birth in the future",
    body: { ...validRequest, onBehalfOf: childBorn('2027-01-01') },
    field: 'onBehalfOf.birthDate',
    nb: 'Fødselsdatoen kan ikke være fram i tid',
    en: 'The date of birth cannot be in the future',
  },
  {
    title: 'a relationship other than guardian',
    body: { ...validRequest, onBehalfOf: { ...childBorn('2016-03-01'), relationship: 'uncle' } },
    field: 'onBehalfOf.relationship',
    nb: 'Kryss av i «Jeg har foreldreansvar for barnet» hvis du har det; bare da kan du be på vegne av barnet',
    en: "Tick “I am the child's guardian” if you have parental responsibility for the child; only then can you ask on their behalf",
  },
  {
    title: 'a "child" who has reached the guardian age',
    body: { ...validRequest, onBehalfOf: childBorn('2008-11-25') },
    field: 'onBehalfOf.birthDate',
    nb: 'Med foreldreansvar kan du bare be på vegne av barn under 18 år – fra 18 år ber de selv',
    en: 'With parental responsibility you can ask only for someone under 18; from 18, they ask themselves',
  },
];

describe('Function: acceptContactMessage (messages in the sender’s language)', () => {
  it.each(contactCases)('words $title in bokmål when the body says nb', async ({ body, field, nb }) => {
    // Prepare
    const input = { ...body, lang: 'nb' };

    // Act
    const error = await rejectContact(input);

    // Assess
    expect(error.message).toBe('Se over noen av feltene en gang til');
    expect(error.fields).toEqual({ [field]: nb });
  });

  it.each(contactCases)('words $title in English when the body says en', async ({ body, field, en }) => {
    // Prepare
    const input = { ...body, lang: 'en' };

    // Act
    const error = await rejectContact(input);

    // Assess
    expect(error.message).toBe('Some fields need another look');
    expect(error.fields).toEqual({ [field]: en });
  });

  it('stores the message in the language it was written in when it is valid', async () => {
    // Prepare
    const { stored, deps } = contactDeps();

    // Act
    const accepted = await acceptContactMessage({ ...validContact, lang: 'en' }, deps);

    // Assess
    expect(accepted.lang).toBe('en');
    expect(stored[0]?.lang).toBe('en');
  });
});

describe('Function: parseRequestSubmission (messages in the requester’s language)', () => {
  it('needs the policy to set a guardian age of 18 for the age case', () => {
    // Act
    const age = guardianAge(bundledPolicy);

    // Assess
    expect(age).toBe(18);
  });

  it.each(requestCases)('words $title in bokmål when the body says nb', async ({ body, field, nb }) => {
    // Prepare
    const input = { ...body, lang: 'nb' };

    // Act
    const error = await rejectRequest(input);

    // Assess
    expect(error.message).toBe('Se over noen av feltene en gang til');
    expect(error.fields).toEqual({ [field]: nb });
  });

  it.each(requestCases)('words $title in English when the body says en', async ({ body, field, en }) => {
    // Prepare
    const input = { ...body, lang: 'en' };

    // Act
    const error = await rejectRequest(input);

    // Assess
    expect(error.message).toBe('Some fields need another look');
    expect(error.fields).toEqual({ [field]: en });
  });

  it('words every field of an empty child in bokmål', async () => {
    // Prepare
    const input = { ...validRequest, lang: 'nb', onBehalfOf: {} };

    // Act
    const error = await rejectRequest(input);

    // Assess
    expect(error.fields).toEqual({
      'onBehalfOf.name': 'Skriv inn navnet til barnet',
      'onBehalfOf.birthDate': 'Skriv inn fødselsdatoen som ÅÅÅÅ-MM-DD',
      'onBehalfOf.relationship':
        'Kryss av i «Jeg har foreldreansvar for barnet» hvis du har det; bare da kan du be på vegne av barnet',
    });
  });

  it('accepts a valid request in either language', () => {
    // Act
    const nb = parseRequestSubmission(bundledPolicy, { ...validRequest, lang: 'nb' }, NOW);
    const en = parseRequestSubmission(bundledPolicy, { ...validRequest, lang: 'en' }, NOW);

    // Assess
    expect(nb.lang).toBe('nb');
    expect(en.lang).toBe('en');
  });
});

describe('Bokmål when the submission names no language we write in', () => {
  it.each([
    ['no lang', undefined],
    ['an empty lang', ''],
    ['a null lang', null],
    ['Swedish', 'sv'],
    ['English in capitals', 'EN'],
    ['a language tag', 'en-GB'],
    ['a number', 42],
    ['a list', ['en']],
    ['an object', { toString: 'en' }],
  ])('answers a contact message with %s in bokmål', async (_, lang) => {
    // Prepare
    const input = { ...validContact, name: '', lang };

    // Act
    const error = await rejectContact(input);

    // Assess
    expect(error.message).toBe('Se over noen av feltene en gang til');
    expect(error.fields.name).toBe('Skriv inn navnet ditt');
  });

  it('answers a request with an unknown lang in bokmål, the language field included', async () => {
    // Prepare
    const input = { ...validRequest, email: 'kari', lang: 'de' };

    // Act
    const error = await rejectRequest(input);

    // Assess
    expect(error.message).toBe('Se over noen av feltene en gang til');
    expect(error.fields).toEqual({
      email: 'Skriv inn en gyldig e-postadresse, for eksempel ola@example.no',
      lang: 'Velg nb eller en',
    });
  });

  it.each([
    ['null', null],
    ['a string', 'lang=en'],
    ['a list', [{ lang: 'en' }]],
    ['a number', 7],
  ])('answers a body that is %s in bokmål', async (_, input) => {
    // Act
    const error = await rejectRequest(input);

    // Assess
    expect(error.message).toBe('Se over noen av feltene en gang til');
    expect(error.fields).toEqual({ '(body)': 'Sjekk det du har fylt inn her' });
  });
});

describe('Function: submissionLanguage', () => {
  it.each([
    [{ lang: 'nb' }, 'nb'],
    [{ lang: 'en' }, 'en'],
    [{ lang: 'En' }, 'nb'],
    [{ lang: ' en' }, 'nb'],
    [{ lang: { en: true } }, 'nb'],
    [{}, 'nb'],
    [Object.create(null), 'nb'],
    [undefined, 'nb'],
    ['en', 'nb'],
  ])('reads %p as %s', (input, expected) => {
    // Act
    const lang = submissionLanguage(input);

    // Assess
    expect(lang).toBe(expected);
  });
});

describe('Function: parseSubmission', () => {
  it.each([
    ['nb', 'Ukjente felt: colour, size', 'Se over noen av feltene en gang til'],
    ['en', 'Unknown fields: colour, size', 'Some fields need another look'],
  ] as const)('words unknown fields and the summary in %s', (lang, unknown, summary) => {
    // Prepare
    const schema = z.strictObject({ name: z.string() });

    // Act
    const attempt = () => parseSubmission(schema, { name: 'Kari', colour: 'red', size: 'L' }, lang);

    // Assess
    expect(attempt).toThrow(new ValidationError(summary));
    expect(attempt).toThrow(expect.objectContaining({ fields: { '(body)': unknown } }));
  });

  it('keeps zod’s English for an issue no rule words, and words it in bokmål for nb', () => {
    // Prepare
    const schema = z.object({ controller: z.string() });
    const input = { controller: 1 };

    // Act
    const en = () => parseSubmission(schema, input, 'en');
    const nb = () => parseSubmission(schema, input, 'nb');

    // Assess
    expect(en).toThrow(
      expect.objectContaining({ fields: { controller: 'Invalid input: expected string, received number' } }),
    );
    expect(nb).toThrow(expect.objectContaining({ fields: { controller: 'Sjekk det du har fylt inn her' } }));
  });

  it('answers in English when no language is given, as it did before', () => {
    // Act
    const attempt = () => parseSubmission(z.object({ name: z.string({ error: 'Enter your name' }) }), {});

    // Assess
    expect(attempt).toThrow(new ValidationError('Some fields need another look'));
  });
});

describe('Table: INTAKE_TEXT', () => {
  /** Every key path of a table; functions are leaves. */
  const keyPaths = (value: unknown, prefix = ''): string[] =>
    typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([key, inner]) => keyPaths(inner, `${prefix}${key}.`))
      : [prefix.slice(0, -1)];

  it('has the same keys in bokmål and English', () => {
    // Act
    const nb = keyPaths(INTAKE_TEXT.nb).sort();
    const en = keyPaths(INTAKE_TEXT.en).sort();

    // Assess
    expect(nb).toEqual(en);
    expect(nb.length).toBeGreaterThan(20);
  });

  it.each(['nb', 'en'] as const)('puts the values into the %s messages that take them', (lang) => {
    // Prepare
    const text = INTAKE_TEXT[lang];

    // Act
    const messages = [
      text.controller.unknown(['sterk-a', 'sterk-b']),
      text.type.unknown(['access', 'erasure']),
      text.unknownFields(['colour', 'size']),
    ];

    // Assess
    expect(messages[0]).toMatch(/sterk-a, sterk-b$/);
    expect(messages[1]).toMatch(/access, erasure$/);
    expect(messages[2]).toMatch(/colour, size$/);
    expect(text.child.tooOld(16).match(/16/g)).toHaveLength(2);
  });
});
