import {
  birthDateCheck,
  birthDateOf,
  checkDigit,
  hasValidCheckDigits,
} from '../../../lambdas/domain/identity/national-id';

/**
 * The first number with right check digits from these date digits and individual number on, as the test
 * users are made (a check digit of 10 means that individual number is not used).
 */
function withCheckDigits(nine: string): string {
  for (let individual = Number(nine.slice(6)); individual < 1000; individual++) {
    const digits = `${nine.slice(0, 6)}${String(individual).padStart(3, '0')}`;
    const first = checkDigit([...digits].map(Number), [3, 7, 6, 1, 8, 9, 4, 5, 2]);
    if (first === undefined) continue;
    const second = checkDigit([...`${digits}${first}`].map(Number), [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
    if (second !== undefined) return `${digits}${first}${second}`;
  }
  throw new Error(`no valid number from ${nine}`);
}

describe('Function: hasValidCheckDigits', () => {
  it.each(['14838512470', '02917845630', '21861451310', '30819021003', '09890160015', '47906701517'])(
    'accepts the synthetic test number %s',
    (id) => {
      // Act
      const valid = hasValidCheckDigits(id);

      // Assess
      expect(valid).toBe(true);
    },
  );

  it.each([
    ['a changed check digit', '14838512471'],
    ['a changed date digit', '15838512470'],
    ['ten digits', '1483851247'],
    ['letters', '1483851247a'],
  ])('refuses %s', (_, id) => {
    // Act
    const valid = hasValidCheckDigits(id);

    // Assess
    expect(valid).toBe(false);
  });
});

describe('Function: birthDateOf', () => {
  it.each([
    ['a Skatteetaten synthetic number (month + 80)', '14838512470', '1985-03-14'],
    ['a child born in 2014 (individual number 500–999)', '21861451310', '2014-06-21'],
    ['a D-number with a synthetic month (Digdir’s test user)', '47906701517', '1967-10-07'],
    ['a plain fødselsnummer', withCheckDigits('010190123'), '1990-01-01'],
    ['an H-number (month + 40)', withCheckDigits('010590123'), '1990-05-01'],
    ['a person born in the 1800s (500–749, YY ≥ 54)', withCheckDigits('010160600'), '1860-01-01'],
  ])('reads %s', (_, id, expected) => {
    // Act
    const born = birthDateOf(id);

    // Assess
    expect(born).toBe(expected);
  });

  it('reads no date where the shifted digits land on none, or the century cannot be told', () => {
    // Prepare
    const thirtyFirstOfFebruary = withCheckDigits('310290123');
    const noCentury = withCheckDigits('010145800'); // 750–899 with YY 40–53: no century in the rule

    // Act
    const dates = [thirtyFirstOfFebruary, noCentury].map((id) => birthDateOf(id));

    // Assess
    expect(hasValidCheckDigits(thirtyFirstOfFebruary)).toBe(true);
    expect(noCentury.slice(6, 9) >= '800' && noCentury.slice(6, 9) <= '899').toBe(true);
    expect(dates).toEqual([undefined, undefined]);
  });
});

describe('Function: birthDateCheck', () => {
  it('says whether the typed birth date is the number’s', () => {
    // Act
    const results = [
      birthDateCheck('14838512470', '1985-03-14'),
      birthDateCheck('30819021003', '1990-01-31'),
      birthDateCheck('14838512470', undefined),
      birthDateCheck('14838512471', '1985-03-14'),
    ];

    // Assess
    expect(results).toEqual(['matches', 'differs', 'not-given', 'unknown']);
  });
});
