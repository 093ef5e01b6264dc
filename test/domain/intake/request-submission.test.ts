import { ValidationError } from '../../../lambdas/domain/errors';
import { INTAKE_TEXT } from '../../../lambdas/domain/intake/i18n';
import { parseSubmission } from '../../../lambdas/domain/intake/parse';
import {
  guardianAge,
  isYoungerThan,
  requestSubmissionSchema,
} from '../../../lambdas/domain/intake/submissions';
import type { PolicyDocument } from '../../../lambdas/domain/policy/schema';
import { sterkDocument, sterkPolicy } from '../policy/sterk-fixture';

const TODAY = '2026-06-15';
const TEXT = INTAKE_TEXT.en;
const valid = { type: 'access', name: 'Kari Nordmann', email: 'Kari@Example.no' };
const child = (birthDate: string) => ({ name: 'Ola Nordmann', birthDate, relationship: 'guardian' });

/** Parses with the shipped policy on TODAY, as the intake does; throws ValidationError. */
function parse(input: unknown, policy: PolicyDocument = sterkPolicy(), today = TODAY) {
  return parseSubmission(requestSubmissionSchema(policy, today), input);
}

function fieldsOf(attempt: () => unknown): Record<string, string> {
  try {
    attempt();
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('The submission was accepted');
}

/** The request types the shipped policy offers, read from the JSON itself. */
const offeredInDocument: string[] = sterkDocument()
  .rights.filter((right: { kind: string }) => right.kind === 'request')
  .map((right: { type: string }) => right.type);

describe('Function: requestSubmissionSchema', () => {
  it.each(offeredInDocument)('accepts a request of the offered type %s', (type) => {
    // Act
    const submission = parse({ ...valid, type, details: 'Telefonnummeret mitt er feil' });

    // Assess
    expect(submission.type).toBe(type);
  });

  it('refuses a type the policy does not offer', () => {
    // Prepare
    const policy = sterkPolicy();
    const withoutPortability = {
      ...policy,
      rights: policy.rights.filter((right) => right.kind !== 'request' || right.type !== 'portability'),
    } as PolicyDocument;

    // Act
    const fields = fieldsOf(() => parse({ ...valid, type: 'portability' }, withoutPortability));

    // Assess
    expect(Object.keys(fields)).toEqual(['type']);
    expect(fields.type).not.toContain('portability');
    expect(fields.type).toContain('access');
  });

  it.each([
    ['a type no policy knows', { ...valid, type: 'complaint' }, 'type'],
    ['a missing type', { name: valid.name, email: valid.email }, 'type'],
    ['a missing name', { ...valid, name: ' ' }, 'name'],
    ['a malformed email', { ...valid, email: 'kari@' }, 'email'],
    ['an unknown controller', { ...valid, controller: 'sterk-bergen' }, 'controller'],
    ['a birth date that is not a date', { ...valid, birthDate: '15.06.1990' }, 'birthDate'],
    ['details over 5,000 characters', { ...valid, details: 'x'.repeat(5001) }, 'details'],
  ])('refuses %s with a message for that field', (_, input, field) => {
    // Act
    const fields = fieldsOf(() => parse(input));

    // Assess
    expect(fields).toEqual({ [field]: expect.stringMatching(/\S/) });
  });

  describe('a name', () => {
    it.each([
      ['line breaks', 'Kari\nNordmann\r\n', 'Kari Nordmann'],
      ['a right-to-left override', 'Kari \u202Ennamdro\u202C', 'Kari nnamdro'],
      ['control characters', 'Ka\u0000ri\u0007 Nordmann', 'Kari Nordmann'],
      ['a lone surrogate', 'Kari \uD800Nordmann', 'Kari Nordmann'],
      ['runs of spaces', '  Kari    Nordmann ', 'Kari Nordmann'],
    ])('is kept on one line without %s', (_, name, kept) => {
      // Act
      const submission = parse({ ...valid, name });

      // Assess
      expect(submission.name).toBe(kept);
    });

    it('keeps letters of every script, accents and emoji joiners', () => {
      // Act
      const submission = parse({ ...valid, name: 'Åse Øyvårdsdóttir 李 👩‍👧' });

      // Assess
      expect(submission.name).toBe('Åse Øyvårdsdóttir 李 👩‍👧');
    });

    it.each([
      'Kari https://sterk-login.example/verify',
      'Visit www.sterk-gevinst.example now',
      'kari@example.no',
      'Ola ftp://x',
    ])('is refused when it carries a link: %s', (name) => {
      // Assess
      expect(fieldsOf(() => parse({ ...valid, name }))).toEqual({ name: TEXT.name.noLinks });
      expect(fieldsOf(() => parse({ ...valid, onBehalfOf: { ...child('2015-01-01'), name } }))).toEqual({
        'onBehalfOf.name': TEXT.name.noLinks,
      });
    });

    it('is refused when nothing is left of it', () => {
      // Assess
      expect(fieldsOf(() => parse({ ...valid, name: '\u202E\n\u0000 ' }))).toEqual({
        name: TEXT.name.required,
      });
    });
  });

  it('normalises the email address and the phone number', () => {
    // Act
    const submission = parse({ ...valid, phone: '912 34 567' });

    // Assess
    expect(submission).toMatchObject({ email: 'kari@example.no', phone: '+4791234567' });
  });

  describe('a rectification', () => {
    it.each([
      ['no details', {}],
      ['empty details', { details: '' }],
      ['details of only spaces', { details: '   ' }],
    ])('needs details: refuses %s', (_, details) => {
      // Act
      const fields = fieldsOf(() => parse({ ...valid, type: 'rectification', ...details }));

      // Assess
      expect(fields).toEqual({ details: TEXT.details.requiredForRectification });
    });

    it('is accepted with details, trimmed', () => {
      // Act
      const submission = parse({ ...valid, type: 'rectification', details: '  Adressen min er feil ' });

      // Assess
      expect(submission.details).toBe('Adressen min er feil');
    });

    it('is the only type that needs details', () => {
      // Act
      const submission = parse({ ...valid, type: 'erasure' });

      // Assess
      expect(submission.details).toBeUndefined();
    });
  });

  describe('a guardian asking for a child', () => {
    it('is accepted for a child who turns 18 tomorrow', () => {
      // Act
      const submission = parse({ ...valid, onBehalfOf: child('2008-06-16') });

      // Assess
      expect(submission.onBehalfOf).toEqual(child('2008-06-16'));
    });

    it('is accepted for a child born today', () => {
      // Act
      const submission = parse({ ...valid, onBehalfOf: child(TODAY) });

      // Assess
      expect(submission.onBehalfOf?.birthDate).toBe(TODAY);
    });

    it.each([
      ['who turns 18 today', '2008-06-15'],
      ['who turned 18 yesterday', '2008-06-14'],
      ['who is an adult', '1980-01-01'],
    ])('is refused for someone %s', (_, birthDate) => {
      // Act
      const fields = fieldsOf(() => parse({ ...valid, onBehalfOf: child(birthDate) }));

      // Assess
      expect(fields).toEqual({ 'onBehalfOf.birthDate': TEXT.child.tooOld(18) });
    });

    it('is refused for a child born in the future, saying so rather than naming the age', () => {
      // Act
      const fields = fieldsOf(() => parse({ ...valid, onBehalfOf: child('2026-06-16') }));

      // Assess
      expect(fields).toEqual({ 'onBehalfOf.birthDate': TEXT.birthDate.inFuture });
    });

    it.each([
      [
        'someone who is not a guardian',
        { ...child('2015-01-01'), relationship: 'neighbour' },
        'onBehalfOf.relationship',
      ],
      ['a child without a name', { ...child('2015-01-01'), name: '' }, 'onBehalfOf.name'],
      [
        'a child without a birth date',
        { name: 'Ola Nordmann', relationship: 'guardian' },
        'onBehalfOf.birthDate',
      ],
    ])('is refused for %s', (_, onBehalfOf, field) => {
      // Act
      const fields = fieldsOf(() => parse({ ...valid, onBehalfOf }));

      // Assess
      expect(Object.keys(fields)).toEqual([field]);
    });

    it('takes the age from the policy', () => {
      // Prepare
      const policy = sterkPolicy();
      const at16 = {
        ...policy,
        ageRules: policy.ageRules.map((rule) =>
          rule.kind === 'guardian-consent' ? { ...rule, belowAge: 16 } : rule,
        ),
      } as PolicyDocument;

      // Act
      const sixteen = fieldsOf(() => parse({ ...valid, onBehalfOf: child('2010-06-15') }, at16));
      const fifteen = parse({ ...valid, onBehalfOf: child('2010-06-16') }, at16);

      // Assess
      expect(sixteen).toEqual({ 'onBehalfOf.birthDate': TEXT.child.tooOld(16) });
      expect(fifteen.onBehalfOf?.birthDate).toBe('2010-06-16');
    });

    it('has no age limit when the policy has no guardian rule', () => {
      // Prepare
      const policy = sterkPolicy();
      const noRule = {
        ...policy,
        ageRules: policy.ageRules.filter((rule) => rule.kind !== 'guardian-consent'),
      } as PolicyDocument;

      // Act
      const submission = parse({ ...valid, onBehalfOf: child('1980-01-01') }, noRule);

      // Assess
      expect(guardianAge(noRule)).toBeUndefined();
      expect(submission.onBehalfOf?.birthDate).toBe('1980-01-01');
    });
  });

  it("refuses the requester's own birth date in the future and accepts today", () => {
    // Act
    const tomorrow = fieldsOf(() => parse({ ...valid, birthDate: '2026-06-16' }));
    const today = parse({ ...valid, birthDate: TODAY });

    // Assess
    expect(tomorrow).toEqual({ birthDate: TEXT.birthDate.inFuture });
    expect(today.birthDate).toBe(TODAY);
  });
});

describe('Function: guardianAge', () => {
  it('reads 18 from the STERK policy', () => {
    // Act
    const age = guardianAge(sterkPolicy());

    // Assess
    expect(age).toBe(18);
  });
});

describe('Function: isYoungerThan', () => {
  it.each([
    ['the day before the birthday', '2008-06-15', 18, '2026-06-14', true],
    ['on the birthday', '2008-06-15', 18, '2026-06-15', false],
    ['the day after the birthday', '2008-06-15', 18, '2026-06-16', false],
    ['at the turn of the year before', '2008-01-01', 18, '2025-12-31', true],
    ['at the turn of the year', '2008-01-01', 18, '2026-01-01', false],
    ['a leap-day child on 28 February of a common year', '2008-02-29', 18, '2026-02-28', true],
    ['a leap-day child on 1 March of a common year', '2008-02-29', 18, '2026-03-01', false],
    ['a leap-day child on 28 February of a leap year', '2004-02-29', 20, '2024-02-28', true],
    ['a leap-day child on 29 February of a leap year', '2004-02-29', 20, '2024-02-29', false],
  ])('compares %s', (_, birthDate, age, today, expected) => {
    // Act
    const younger = isYoungerThan(birthDate, age, today);

    // Assess
    expect(younger).toBe(expected);
  });
});
