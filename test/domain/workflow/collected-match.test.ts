import {
  CollectedDataMismatchError,
  collectedProblems,
} from '../../../lambdas/domain/workflow/collected-match';
import type { Finding } from '../../../lambdas/domain/workflow/findings';

const REQUEST = 'r-0001';
const AT = '2026-03-02T09:00:00.000Z';
const MEMBER = `requests/${REQUEST}/collected/mailchimp/member.jsonl`;
const TAGS = `requests/${REQUEST}/collected/mailchimp/tags.jsonl`;
const UNIQUE = '0d6f0c2e-5006-486e-8d47-85bf1076234d';
const UPLOAD = `uploads/${REQUEST}/pasientsky/${UNIQUE}-journal.pdf`;
const OTHER = `uploads/r-0002/pasientsky/${UNIQUE}-journal.pdf`;

const mailchimp: Finding = {
  systemId: 'mailchimp',
  source: 'connector',
  categories: ['email'],
  recordCount: 3,
  objectKey: `requests/${REQUEST}/collected/mailchimp/`,
  objects: [
    { kind: 'member', key: MEMBER, records: 1, bytes: 120 },
    { kind: 'tags', key: TAGS, records: 2, bytes: 40 },
  ],
  collectedAt: AT,
};
const pasientsky: Finding = {
  systemId: 'pasientsky',
  source: 'staff-upload',
  categories: ['health-record'],
  recordCount: 0,
  objectKey: UPLOAD,
  collectedAt: AT,
};
const noData: Finding = {
  systemId: 'brp-systems',
  source: 'no-data',
  categories: [],
  recordCount: 0,
  note: 'Searched',
  collectedAt: AT,
};
const everything = new Map([
  [MEMBER, 120],
  [TAGS, 40],
  [UPLOAD, 5_000],
  [`requests/${REQUEST}/export.zip`, 9_000],
]);
const without = (key: string) => new Map([...everything].filter(([k]) => k !== key));

describe('Function: collectedProblems', () => {
  it('finds nothing wrong when every recorded object is stored with its size', () => {
    // Act
    const problems = collectedProblems(REQUEST, [mailchimp, pasientsky, noData], everything);

    // Assess
    expect(problems).toEqual([]);
  });

  it.each([
    [
      'a collected object is missing',
      [mailchimp],
      without(TAGS),
      [{ systemId: 'mailchimp', problem: 'missing', key: TAGS }],
    ],
    [
      'a collected object has another size',
      [mailchimp],
      new Map([...everything, [MEMBER, 119]]),
      [{ systemId: 'mailchimp', problem: 'size-differs', key: MEMBER, recordedBytes: 120, storedBytes: 119 }],
    ],
    [
      'a staff upload is missing',
      [pasientsky],
      without(UPLOAD),
      [{ systemId: 'pasientsky', problem: 'missing', key: UPLOAD }],
    ],
    [
      'a staff upload belongs to another request',
      [{ ...pasientsky, objectKey: OTHER }],
      new Map([...everything, [OTHER, 10]]),
      [{ systemId: 'pasientsky', problem: 'foreign-key', key: OTHER }],
    ],
    [
      'a staff upload belongs to another system of the request',
      [{ ...pasientsky, objectKey: `uploads/${REQUEST}/brp-systems/${UNIQUE}-x.pdf` }],
      new Map([...everything, [`uploads/${REQUEST}/brp-systems/${UNIQUE}-x.pdf`, 10]]),
      [
        {
          systemId: 'pasientsky',
          problem: 'foreign-key',
          key: `uploads/${REQUEST}/brp-systems/${UNIQUE}-x.pdf`,
        },
      ],
    ],
    ...[
      `uploads/${REQUEST}/pasientsky/../../r-0002/pasientsky/${UNIQUE}-journal.pdf`,
      `uploads/${REQUEST}/pasientsky/${UNIQUE}-../../../requests/r-0002/collected/mailchimp/member.jsonl`,
      `uploads/../requests/r-0002/collected/mailchimp/member.jsonl`,
      `uploads/${REQUEST}/pasientsky/./${UNIQUE}-journal.pdf`,
      `uploads/${REQUEST}//pasientsky/${UNIQUE}-journal.pdf`,
      `uploads/${REQUEST}/pasientsky/${UNIQUE}-journal.pdf%2F..%2F..%2Fr-0002`,
      `uploads/${REQUEST}/pasientsky/${UNIQUE}-journal.pdf\n`,
      `uploads/${REQUEST}/pasientsky/${UNIQUE}-journal.pdf/`,
    ].map(
      (key) =>
        [
          `a staff upload's key has a dot segment, an empty segment or trailing junk: ${JSON.stringify(key)}`,
          [{ ...pasientsky, objectKey: key }],
          new Map([...everything, [key, 10]]),
          [{ systemId: 'pasientsky', problem: 'foreign-key', key }],
        ] as const,
    ),
    [
      'a collected object of the request points at another request through a dot segment',
      [
        {
          ...mailchimp,
          objects: [
            {
              kind: 'member',
              key: `requests/${REQUEST}/collected/mailchimp/../../../r-0002/collected/mailchimp/member.jsonl`,
              records: 3,
              bytes: 10,
            },
          ],
        },
      ],
      everything,
      [
        {
          systemId: 'mailchimp',
          problem: 'foreign-key',
          key: `requests/${REQUEST}/collected/mailchimp/../../../r-0002/collected/mailchimp/member.jsonl`,
        },
      ],
    ],
    [
      'a finding counts other records than its objects hold',
      [{ ...mailchimp, recordCount: 4 }],
      everything,
      [{ systemId: 'mailchimp', problem: 'count-differs', recorded: 4, inObjects: 3 }],
    ],
    [
      'an older finding (no objects recorded) has nothing stored under its prefix',
      [{ ...mailchimp, objects: undefined }],
      new Map([[UPLOAD, 5_000]]),
      [{ systemId: 'mailchimp', problem: 'missing', key: `requests/${REQUEST}/collected/mailchimp/` }],
    ],
  ] as const)('reports it when %s', (_, findings, stored, expected) => {
    // Act
    const problems = collectedProblems(REQUEST, findings as readonly Finding[], stored);

    // Assess
    expect(problems).toEqual(expected);
  });

  it('accepts an older finding (no objects recorded) with something stored under its prefix', () => {
    // Act
    const problems = collectedProblems(REQUEST, [{ ...mailchimp, objects: undefined }], without(TAGS));

    // Assess
    expect(problems).toEqual([]);
  });

  it.each([
    ['no-data', noData],
    ['not-linkable', { ...noData, source: 'not-linkable' as const }],
    [
      'a connector that found nothing',
      { ...mailchimp, recordCount: 0, objects: undefined, objectKey: undefined },
    ],
  ])('asks nothing of %s', (_, finding) => {
    // Act
    const problems = collectedProblems(REQUEST, [finding], new Map());

    // Assess
    expect(problems).toEqual([]);
  });
});

describe('Class: CollectedDataMismatchError', () => {
  it('names systems and problems, never a key (an uploaded file name can hold a name)', () => {
    // Act
    const error = new CollectedDataMismatchError(REQUEST, [
      { systemId: 'pasientsky', problem: 'missing', key: `uploads/${REQUEST}/pasientsky/ola-nordmann.pdf` },
    ]);

    // Assess
    expect(error.name).toBe('CollectedDataMismatchError');
    expect(error.message).toContain('pasientsky: missing');
    expect(error.message).not.toContain('ola-nordmann');
  });
});
