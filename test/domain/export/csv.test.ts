import {
  CSV_BOM,
  csvCell,
  csvChunks,
  csvRow,
  UndeclaredColumnError,
} from '../../../lambdas/domain/export/csv';
import { recordsOf, text } from './fixtures';

/** A small RFC 4180 reader: enough to prove the writer's output reads back to the same cells. */
function parseCsv(input: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < input.length; index++) {
    const character = input[index];
    if (quoted) {
      if (character === '"' && input[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(cell);
      cell = '';
    } else if (character === '\r' && input[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index++;
    } else cell += character;
  }
  if (cell !== '' || row.length > 0) throw new Error(`unterminated last row: ${JSON.stringify(row)}`);
  return rows;
}

describe('Function: csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['with; semicolon', '"with; semicolon"'],
    ['with\ttab', '"with\ttab"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['Ærlig østlending på Ås', 'Ærlig østlending på Ås'],
    ['', ''],
  ])('writes %j as %j', (value, expected) => {
    // Act
    const cell = csvCell(value);

    // Assess
    expect(cell).toBe(expected);
  });

  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+4721082800', "'+4721082800"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    // Norwegian Excel splits at semicolons: the part after one would be a cell of its own.
    [';=1+1', `"';=1+1"`],
    ['Kari;+47 912 34 567', `"'Kari;+47 912 34 567"`],
    ['a,@SUM(A1)', `"'a,@SUM(A1)"`],
    ['tab\t-1', `"'tab\t-1"`],
  ])('puts an apostrophe in front of the text %j, which a spreadsheet would evaluate', (value, expected) => {
    // Act
    const cell = csvCell(value);

    // Assess
    expect(cell).toBe(expected);
  });

  it.each([
    [-5, '-5'],
    [3.25, '3.25'],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
    [true, 'true'],
    [false, 'false'],
    [null, ''],
    [undefined, ''],
  ])('writes the non-text value %p as %j, never prefixed', (value, expected) => {
    // Act
    const cell = csvCell(value);

    // Assess
    expect(cell).toBe(expected);
  });
});

describe('Function: csvRow', () => {
  it('separates cells with commas and ends the row with CRLF', () => {
    // Act
    const row = csvRow(['a', 1, null, 'b,c']);

    // Assess
    expect(row).toBe('a,1,,"b,c"\r\n');
  });
});

describe('Function: csvChunks', () => {
  it('writes a BOM, a header from the keys in first-seen order, and a row per record', async () => {
    // Prepare
    const records = recordsOf([
      { email: 'kari@example.no', name: 'Kari' },
      { email: 'ola@example.no', tags: 'a,b', vip: true },
    ]);

    // Act
    const csv = await text(csvChunks(records));

    // Assess
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(parseCsv(csv.slice(1))).toEqual([
      ['email', 'name', 'tags', 'vip'],
      ['kari@example.no', 'Kari', '', ''],
      ['ola@example.no', '', 'a,b', 'true'],
    ]);
  });

  it('reads hostile and awkward values back unchanged apart from the formula guard', async () => {
    // Prepare
    const values = ['say "hi"', 'line\r\nbreak', '=1+1', ' leading space', 'ÆØÅ', "'quoted'"];
    const records = recordsOf(values.map((value) => ({ value })));

    // Act
    const rows = parseCsv((await text(csvChunks(records))).slice(1));

    // Assess
    expect(rows.slice(1).map((row) => row[0])).toEqual([
      'say "hi"',
      'line\r\nbreak',
      "'=1+1",
      ' leading space',
      'ÆØÅ',
      "'quoted'",
    ]);
  });

  it('uses declared columns in their order and refuses a record with a key outside them', async () => {
    // Prepare
    const good = recordsOf([{ b: 2, a: 1 }]);
    const bad = recordsOf([{ a: 1 }, { a: 2, secret: 'x' }]);

    // Act
    const csv = await text(csvChunks(good, ['a', 'b', 'c']));
    const failing = text(csvChunks(bad, ['a']));

    // Assess
    expect(csv).toBe(`${CSV_BOM}a,b,c\r\n1,2,\r\n`);
    await expect(failing).rejects.toThrow(UndeclaredColumnError);
  });

  it('streams many records in chunks of bounded size', async () => {
    // Prepare
    const records = async function* () {
      for (let index = 0; index < 20_000; index++) yield { id: index, note: `note ${index}` };
    };
    const sizes: number[] = [];

    // Act
    let rows = 0;
    for await (const chunk of csvChunks(records)) {
      sizes.push(chunk.length);
      rows += chunk.split('\r\n').length - 1;
    }

    // Assess
    expect(rows).toBe(20_001);
    expect(sizes.length).toBeGreaterThan(3);
    expect(Math.max(...sizes)).toBeLessThan(70 * 1024);
  });

  it('writes just the header for a kind without records', async () => {
    // Act
    const csv = await text(csvChunks(recordsOf([]), ['email']));

    // Assess
    expect(csv).toBe(`${CSV_BOM}email\r\n`);
  });
});
