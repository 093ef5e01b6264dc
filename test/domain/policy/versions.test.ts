import {
  currentVersion,
  type PolicyVersionInfo,
  publishProblems,
  scheduledVersion,
  seedVersion,
  versionHistory,
} from '../../../lambdas/domain/policy/versions';

function published(
  version: string,
  effectiveDate: string,
  publishedBy = 'personvernombud',
): PolicyVersionInfo {
  return {
    version,
    effectiveDate,
    summary: `Changes in ${version}`,
    major: false,
    publishedBy,
    publishedAt: `${effectiveDate}T08:00:00.000Z`,
    source: 'published',
  };
}

const seed = seedVersion({ version: '1.0.0', effectiveDate: '2026-11-25' });

describe('Function: versionHistory', () => {
  it('lists the bundled seed with the stored versions, newest first by version number', () => {
    // Act
    const history = versionHistory(
      [published('1.10.0', '2027-03-01'), published('1.2.0', '2027-01-01')],
      seed,
    );

    // Assess
    expect(history.map((info) => [info.version, info.source])).toEqual([
      ['1.10.0', 'published'],
      ['1.2.0', 'published'],
      ['1.0.0', 'bundled'],
    ]);
  });

  it('lets a stored copy of the seed version replace the seed', () => {
    // Act
    const history = versionHistory([published('1.0.0', '2026-11-25', 'cli:ops')], seed);

    // Assess
    expect(history).toEqual([published('1.0.0', '2026-11-25', 'cli:ops')]);
  });
});

describe('Function: currentVersion and scheduledVersion', () => {
  const history = versionHistory([published('1.1.0', '2026-12-01'), published('2.0.0', '2027-01-01')], seed);

  it.each([
    ['2026-11-25', '1.0.0', '1.1.0'],
    ['2026-11-30', '1.0.0', '1.1.0'],
    ['2026-12-01', '1.1.0', '2.0.0'],
    ['2026-12-31', '1.1.0', '2.0.0'],
    ['2027-01-01', '2.0.0', undefined],
    ['2030-06-01', '2.0.0', undefined],
  ])('on %s serves %s, with %s scheduled', (today, current, scheduled) => {
    // Act
    const result = [currentVersion(history, today).version, scheduledVersion(history, today)?.version];

    // Assess
    expect(result).toEqual([current, scheduled]);
  });

  it('serves the oldest version when none has taken effect yet', () => {
    // Act
    const current = currentVersion([published('1.1.0', '2027-01-01'), seed], '2026-01-01');

    // Assess
    expect(current.version).toBe('1.0.0');
  });
});

describe('Function: publishProblems', () => {
  const history = versionHistory([published('1.1.0', '2026-12-01')], seed);
  const today = '2026-11-26';

  it.each([
    ['a newer version taking effect later', { version: '1.2.0', effectiveDate: '2026-12-15' }, []],
    ['a newer version taking effect today', { version: '2.0.0', effectiveDate: '2026-12-01' }, []],
    [
      'a version already published',
      { version: '1.1.0', effectiveDate: '2026-12-15' },
      ['version 1.1.0 is already published (by personvernombud)'],
    ],
    [
      'the bundled version',
      { version: '1.0.0', effectiveDate: '2026-12-15' },
      ['version 1.0.0 is already published (by deployment)'],
    ],
    [
      'an older version',
      { version: '1.0.5', effectiveDate: '2026-12-15' },
      ['version 1.0.5 is older than the newest published version 1.1.0; publish a higher version'],
    ],
    [
      'a date in the past',
      { version: '1.2.0', effectiveDate: '2026-11-25' },
      [
        'effective date 2026-11-25 is in the past (today is 2026-11-26 in Oslo)',
        'effective date 2026-11-25 is before 2026-12-01, when version 1.1.0 takes effect',
      ],
    ],
    [
      'a date before the newest version takes effect',
      { version: '1.2.0', effectiveDate: '2026-11-30' },
      ['effective date 2026-11-30 is before 2026-12-01, when version 1.1.0 takes effect'],
    ],
  ])('for %s: %j', (_, request, expected) => {
    // Act
    const problems = publishProblems({ ...request, summary: 'Vipps added' }, history, today);

    // Assess
    expect(problems).toEqual(expected);
  });

  it.each([
    ['an empty summary', '', 'a summary of the changes is required (--summary "…")'],
    ['a blank summary', '   ', 'a summary of the changes is required (--summary "…")'],
    ['a summary of 1001 characters', 'x'.repeat(1001), 'the summary is longer than 1000 characters'],
  ])('refuses %s', (_, summary, expected) => {
    // Act
    const problems = publishProblems(
      { version: '1.2.0', effectiveDate: '2026-12-15', summary },
      history,
      today,
    );

    // Assess
    expect(problems).toEqual([expected]);
  });
});
