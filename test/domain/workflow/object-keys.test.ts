import { ValidationError } from '../../../lambdas/domain/errors';
import {
  CollectedDataMismatchError,
  readingOwnObjectsOnly,
} from '../../../lambdas/domain/workflow/collected-match';
import {
  belongsToRequest,
  isCollectedKeyOf,
  isUploadKeyOf,
  parseUploadKey,
  safeUploadName,
  uploadObjectKey,
} from '../../../lambdas/domain/workflow/object-keys';
import { readDecision } from '../../../lambdas/domain/workflow/tasks';

const A = '3f2c7a1e-8b4d-4c6e-9a10-5d7e2b9c1f00';
const B = '9b1d0c4e-2f3a-4e5b-8c6d-7e8f9a0b1c2d';
const UNIQUE = '6f14d2b9-5006-486e-8d47-85bf1076234d';
const OWN = `uploads/${A}/pasientsky/${UNIQUE}-journal.pdf`;

/** What the pen test sent (issue 17), and the variants of it a prefix check or a normalising path would take. */
const ATTACKS = [
  `uploads/../requests/${B}/collected/mailchimp/member.jsonl`,
  `uploads/${A}/pasientsky/../../${B}/pasientsky/${UNIQUE}-journal.pdf`,
  `uploads/${A}/pasientsky/${UNIQUE}-journal.pdf/../../../../requests/${B}/export.zip`,
  `uploads/${A}/pasientsky/./${UNIQUE}-journal.pdf`,
  `uploads/${A}/./pasientsky/${UNIQUE}-journal.pdf`,
  `uploads/${A}//pasientsky/${UNIQUE}-journal.pdf`,
  `uploads//${A}/pasientsky/${UNIQUE}-journal.pdf`,
  `uploads/${A}/pasientsky/${UNIQUE}-..`,
  `uploads/${A}/pasientsky/${UNIQUE}-.hidden`,
  `uploads/${A}/pasientsky/${UNIQUE}-journal.pdf%2F..%2F${B}`,
  `uploads/${A}%2Fpasientsky/${UNIQUE}-journal.pdf`,
  `uploads/${A}/pasientsky\\..\\${UNIQUE}-journal.pdf`,
  `uploads/${A}/pasientsky/${UNIQUE}-journal.pdf\n`,
  `uploads/${A}/pasientsky/${UNIQUE}-journal.pdf `,
  `uploads/${A}/pasientsky/${UNIQUE}-journal.pdf/`,
  `uploads/${A}/pasientsky/${UNIQUE}-journal.pdf?x=1`,
  `/uploads/${A}/pasientsky/${UNIQUE}-journal.pdf`,
  ` uploads/${A}/pasientsky/${UNIQUE}-journal.pdf`,
  `UPLOADS/${A}/pasientsky/${UNIQUE}-journal.pdf`,
  `uploads/${A}/pasientsky/`,
  `uploads/${A}/pasientsky/${UNIQUE}-`,
  `uploads/${A}/pasientsky/journal.pdf`,
  `uploads/${A}/PasientSky/${UNIQUE}-journal.pdf`,
  `uploads/${A}/pasientsky/${UNIQUE.toUpperCase()}-journal.pdf`,
  `uploads/${A}/pasientsky/extra/${UNIQUE}-journal.pdf`,
  `requests/${B}/collected/mailchimp/member.jsonl`,
  '',
];

describe('Function: parseUploadKey', () => {
  it('gives back the parts of a key it made', () => {
    // Prepare
    const parts = { requestId: A, systemId: 'pasientsky', unique: UNIQUE, fileName: 'journal.pdf' };

    // Act
    const key = uploadObjectKey(parts);

    // Assess
    expect(key).toBe(OWN);
    expect(parseUploadKey(key)).toEqual(parts);
  });

  it.each(ATTACKS)('refuses %j', (key) => {
    // Act
    const parts = parseUploadKey(key);

    // Assess
    expect(parts).toBeUndefined();
  });
});

describe('Function: uploadObjectKey', () => {
  it.each([
    ['a request id with a slash', { requestId: `${A}/../${B}` }],
    ['a request id of dots', { requestId: '..' }],
    ['a system id with a slash', { systemId: 'pasientsky/../brp-systems' }],
    ['a file name with a slash', { fileName: '../../x.pdf' }],
    ['a file name of dots', { fileName: '..' }],
    ['an empty file name', { fileName: '' }],
    ['a unique part that is not a UUID', { unique: 'abc' }],
  ])('refuses to make a key from %s', (_, part) => {
    // Prepare
    const parts = { requestId: A, systemId: 'pasientsky', unique: UNIQUE, fileName: 'journal.pdf', ...part };

    // Act
    const attempt = () => uploadObjectKey(parts);

    // Assess
    expect(attempt).toThrow(RangeError);
  });
});

describe('Function: safeUploadName', () => {
  it.each([
    ['Journal for Kari (2025).pdf', 'Journal_for_Kari_2025_.pdf'],
    ['..', 'export'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['%2F..%2F', '_2F.._2F'],
    [`${'a'.repeat(150)}.${'.'.repeat(119)}`, 'export'],
    [`${'a'.repeat(150)}...${'b'.repeat(117)}`, `${'b'.repeat(117)}`],
  ])('makes %j a name that parses back: %j', (name, safe) => {
    // Act
    const made = safeUploadName(name);

    // Assess
    expect(made).toBe(safe);
    expect(parseUploadKey(`uploads/${A}/pasientsky/${UNIQUE}-${made}`)?.fileName).toBe(made);
  });
});

describe('Functions: isUploadKeyOf, isCollectedKeyOf and belongsToRequest', () => {
  it('takes a key only for its own request and system', () => {
    // Act
    const verdicts = {
      own: isUploadKeyOf(OWN, A, 'pasientsky'),
      otherRequest: isUploadKeyOf(OWN, B, 'pasientsky'),
      otherSystem: isUploadKeyOf(OWN, A, 'brp-systems'),
      requestIdPrefix: isUploadKeyOf(OWN, A.slice(0, 8), 'pasientsky'),
      collected: isCollectedKeyOf(`requests/${A}/collected/mailchimp/member.jsonl`, A, 'mailchimp'),
      collectedOther: isCollectedKeyOf(`requests/${B}/collected/mailchimp/member.jsonl`, A, 'mailchimp'),
      collectedDots: isCollectedKeyOf(
        `requests/${A}/collected/mailchimp/../../../${B}/collected/mailchimp/member.jsonl`,
        A,
        'mailchimp',
      ),
    };

    // Assess
    expect(verdicts).toEqual({
      own: true,
      otherRequest: false,
      otherSystem: false,
      requestIdPrefix: false,
      collected: true,
      collectedOther: false,
      collectedDots: false,
    });
  });

  it.each(ATTACKS)('never counts %j as request A’s object', (key) => {
    // Act
    const belongs = belongsToRequest(key, A);

    // Assess
    expect(belongs).toBe(false);
  });
});

describe('Function: readingOwnObjectsOnly', () => {
  it('opens the request’s own upload and refuses another request’s object without opening it', async () => {
    // Prepare
    const opened: string[] = [];
    const open = readingOwnObjectsOnly(A, async (key) => {
      opened.push(key);
      return key;
    });
    const foreign = `uploads/${B}/pasientsky/${UNIQUE}-journal.pdf`;

    // Act
    const own = await open(OWN);
    const refused = open(foreign);
    const dotted = open(`uploads/../requests/${B}/collected/mailchimp/member.jsonl`);

    // Assess
    expect(own).toBe(OWN);
    await expect(refused).rejects.toThrow(CollectedDataMismatchError);
    await expect(dotted).rejects.toThrow(CollectedDataMismatchError);
    expect(opened).toEqual([OWN]);
  });
});

describe('Function: readDecision (a manual collection’s upload key)', () => {
  it('takes a key in the layout', () => {
    // Act
    const decision = readDecision('manual-collection', { decision: 'approve', uploadKey: OWN });

    // Assess
    expect(decision).toEqual({ decision: 'approve', uploadKey: OWN });
  });

  it.each(ATTACKS)('refuses %j as a bad shape (400)', (uploadKey) => {
    // Act
    const attempt = () => readDecision('manual-collection', { decision: 'approve', uploadKey });

    // Assess
    expect(attempt).toThrow(ValidationError);
  });
});
