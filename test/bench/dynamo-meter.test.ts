import { type IndexSpec, type Item, writeUnits } from '../../bench/dynamo-meter';

const TABLE_KEYS = ['pk', 'sk'];
const OPEN: IndexSpec = { name: 'Open', keys: ['openController', 'dueAt'], projection: 'ALL', include: [] };
const LISTED_KEYS: IndexSpec = {
  name: 'Listed',
  keys: ['requestController', 'receivedAt'],
  projection: 'KEYS_ONLY',
  include: [],
};
const LISTED_STATUS: IndexSpec = {
  ...LISTED_KEYS,
  name: 'ListedStatus',
  projection: 'INCLUDE',
  include: ['status'],
};

const s = (value: string) => ({ S: value });
const request = (extra: Item = {}): Item => ({
  pk: s('REQUEST#1'),
  sk: s('REQUEST'),
  requestController: s('sterk'),
  receivedAt: s('2026-03-02T09:00:00.000Z'),
  dueAt: s('2026-04-02T21:59:59.999Z'),
  status: s('awaiting-verification'),
  ...extra,
});

describe('Function: writeUnits', () => {
  it('charges a new item once for the table and once for each index it is in', () => {
    // Act
    const units = writeUnits({ before: null, after: request() }, TABLE_KEYS, [OPEN, LISTED_KEYS]);

    // Assess
    expect(units).toEqual({ table: 1, indexes: { Listed: 1 } });
  });

  it('charges an ALL index for any change, and a KEYS_ONLY or INCLUDE index only for what it holds', () => {
    // Prepare
    const before = request();
    const after = request({ verification: s('code') });

    // Act
    const units = writeUnits({ before, after }, TABLE_KEYS, [
      { ...LISTED_KEYS, name: 'All', projection: 'ALL' },
      LISTED_KEYS,
      LISTED_STATUS,
    ]);
    const statusChange = writeUnits({ before, after: request({ status: s('verified') }) }, TABLE_KEYS, [
      LISTED_KEYS,
      LISTED_STATUS,
    ]);

    // Assess
    expect(units).toEqual({ table: 1, indexes: { All: 1 } });
    expect(statusChange).toEqual({ table: 1, indexes: { ListedStatus: 1 } });
  });

  it('charges two index writes when the index key changes, and one when the item leaves the index', () => {
    // Prepare
    const open = request({ openController: s('sterk') });

    // Act
    const moved = writeUnits(
      { before: open, after: { ...open, dueAt: s('2026-05-02T21:59:59.999Z') } },
      TABLE_KEYS,
      [OPEN],
    );
    const closed = writeUnits({ before: open, after: request() }, TABLE_KEYS, [OPEN]);

    // Assess
    expect(moved).toEqual({ table: 1, indexes: { Open: 2 } });
    expect(closed).toEqual({ table: 1, indexes: { Open: 1 } });
  });

  it('charges a refused conditional write the existing item on the table and nothing on the indexes', () => {
    // Prepare
    const big = request({ details: s('x'.repeat(1500)) });

    // Act
    const refused = writeUnits({ before: big, after: big, refused: true }, TABLE_KEYS, [LISTED_KEYS]);
    const refusedNew = writeUnits({ before: null, after: null, refused: true }, TABLE_KEYS, [LISTED_KEYS]);

    // Assess
    expect(refused).toEqual({ table: 2, indexes: {} });
    expect(refusedNew).toEqual({ table: 1, indexes: {} });
  });

  it('charges the larger of the item before and after, in whole kilobytes', () => {
    // Act
    const shrunk = writeUnits(
      { before: request({ details: s('x'.repeat(2100)) }), after: request() },
      TABLE_KEYS,
      [],
    );

    // Assess
    expect(shrunk).toEqual({ table: 3, indexes: {} });
  });
});
