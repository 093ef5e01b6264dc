import { DynamoEidFlows } from '../../../lambdas/adapters/store/dynamo-eid-flows';
import { keys } from '../../../lambdas/adapters/store/keys';
import { EID_FLOW_SECONDS, type EidFlow, type EidFlowStore } from '../../../lambdas/domain/eid/flow';
import { hashBrowserKey, hashFlowState } from '../../../lambdas/domain/eid/flow-secrets';
import { InMemoryEidFlows } from '../../support/in-memory-eid-flows';
import { type TestDatabase, useTestTables } from './dynalite-table';

/**
 * DynamoEidFlows on dynalite, and the in-memory fake the domain tests use (test/support/in-memory-eid-flows.ts)
 * held to the same cases: what only the table shows (its keys and kind) is checked on the adapter alone.
 */

const NOW = new Date('2026-03-02T09:00:00.000Z');
const NOW_EPOCH = NOW.getTime() / 1000;
const STATE = 'S'.repeat(43);
const BROWSER_KEY = 'B'.repeat(43);
const OTHER_BROWSER_KEY = 'O'.repeat(43);
const seconds = (count: number) => new Date(NOW.getTime() + count * 1000);

function aFlow(overrides: Partial<EidFlow> = {}): EidFlow {
  return {
    stateHash: hashFlowState(STATE),
    requestId: 'req-1',
    browserKeyHash: hashBrowserKey(BROWSER_KEY),
    sealedStatusToken: 'salt.iv.tag.data',
    level: 'high',
    lang: 'nb',
    createdAt: NOW.toISOString(),
    expiresAt: NOW_EPOCH + EID_FLOW_SECONDS,
    ...overrides,
  };
}

/** The cases every EidFlowStore must pass; `store` gives the store under test, empty for each test. */
function eidFlowStoreContract(store: () => EidFlowStore): void {
  describe('Contract: EidFlowStore', () => {
    it('gives back the flow it stored, with exactly the flow’s fields', async () => {
      // Prepare
      const flow = aFlow({ level: 'substantial', lang: 'en' });

      // Act
      await store().create(flow);
      const read = await store().get(flow.stateHash);

      // Assess
      expect(read).toEqual(flow);
      expect(Object.keys(read ?? {}).sort()).toEqual(Object.keys(flow).sort());
    });

    it('finds no flow under a state hash it never stored', async () => {
      // Prepare
      await store().create(aFlow());

      // Act
      const read = await store().get(hashFlowState('T'.repeat(43)));

      // Assess
      expect(read).toBeUndefined();
    });

    it('refuses a second flow with the same state hash and keeps the first', async () => {
      // Prepare
      const first = aFlow();
      await store().create(first);

      // Act
      const second = store().create(aFlow({ requestId: 'req-2' }));

      // Assess
      await expect(second).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
      expect(await store().get(first.stateHash)).toEqual(first);
    });

    it('consumes a flow once: true and usedAt set, then false with usedAt unchanged', async () => {
      // Prepare
      const flow = aFlow();
      await store().create(flow);

      // Act
      const first = await store().consume(flow.stateHash, flow.browserKeyHash, seconds(30));
      const again = await store().consume(flow.stateHash, flow.browserKeyHash, seconds(40));

      // Assess
      expect([first, again]).toEqual([true, false]);
      expect(await store().get(flow.stateHash)).toEqual({ ...flow, usedAt: seconds(30).toISOString() });
    });

    it('refuses another browser’s hash and leaves the flow unused for the right browser', async () => {
      // Prepare
      const flow = aFlow();
      await store().create(flow);

      // Act
      const other = await store().consume(flow.stateHash, hashBrowserKey(OTHER_BROWSER_KEY), seconds(10));
      const unusedAfterwards = (await store().get(flow.stateHash))?.usedAt;
      const right = await store().consume(flow.stateHash, flow.browserKeyHash, seconds(20));

      // Assess
      expect(other).toBe(false);
      expect(unusedAfterwards).toBeUndefined();
      expect(right).toBe(true);
    });

    it('consumes up to the last whole second before expiresAt and refuses at expiresAt', async () => {
      // Prepare
      const late = aFlow();
      const expired = aFlow({ stateHash: hashFlowState('E'.repeat(43)) });
      await store().create(late);
      await store().create(expired);

      // Act
      const justInTime = await store().consume(
        late.stateHash,
        late.browserKeyHash,
        seconds(EID_FLOW_SECONDS - 0.001),
      );
      const atExpiry = await store().consume(
        expired.stateHash,
        expired.browserKeyHash,
        seconds(EID_FLOW_SECONDS),
      );

      // Assess
      expect(justInTime).toBe(true);
      expect(atExpiry).toBe(false);
      expect((await store().get(expired.stateHash))?.usedAt).toBeUndefined();
    });

    it('refuses a flow after it expired', async () => {
      // Prepare
      const flow = aFlow();
      await store().create(flow);

      // Act
      const consumed = await store().consume(
        flow.stateHash,
        flow.browserKeyHash,
        seconds(EID_FLOW_SECONDS + 1),
      );

      // Assess
      expect(consumed).toBe(false);
      expect((await store().get(flow.stateHash))?.usedAt).toBeUndefined();
    });

    it('consumes nothing, and creates nothing, for a state hash it never stored', async () => {
      // Prepare
      const missing = hashFlowState('M'.repeat(43));

      // Act
      const consumed = await store().consume(missing, hashBrowserKey(BROWSER_KEY), seconds(1));

      // Assess
      expect(consumed).toBe(false);
      expect(await store().get(missing)).toBeUndefined();
    });

    it('lets exactly one of ten racing consumes win', async () => {
      // Prepare
      const flow = aFlow();
      await store().create(flow);

      // Act
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store().consume(flow.stateHash, flow.browserKeyHash, seconds(i + 1)),
        ),
      );

      // Assess
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect((await store().get(flow.stateHash))?.usedAt).toBe(seconds(winner + 1).toISOString());
    });

    it('hands out copies: changing what get returned changes nothing stored', async () => {
      // Prepare
      const flow = aFlow();
      await store().create(flow);
      const read = (await store().get(flow.stateHash)) as { requestId: string };

      // Act
      read.requestId = 'req-tampered';

      // Assess
      expect((await store().get(flow.stateHash))?.requestId).toBe('req-1');
    });
  });
}

describe('Class: DynamoEidFlows (on dynalite)', () => {
  let database: TestDatabase;
  let table: string;
  let flows: DynamoEidFlows;

  useTestTables((started, name) => {
    database = started;
    table = name;
    flows = new DynamoEidFlows(database.documents, table);
  });

  eidFlowStoreContract(() => flows);

  it('stores the flow under its own key with its kind, which get leaves out', async () => {
    // Prepare
    const flow = aFlow();

    // Act
    await flows.create(flow);
    const raw = await database.rawItem(table, keys.eidFlow(flow.stateHash));
    const read = await flows.get(flow.stateHash);

    // Assess
    expect(raw).toEqual({
      pk: `EID-FLOW#${flow.stateHash}`,
      sk: 'EID-FLOW',
      kind: 'eid-flow',
      ...flow,
    });
    expect(read).not.toHaveProperty('pk');
    expect(read).not.toHaveProperty('sk');
    expect(read).not.toHaveProperty('kind');
  });

  it('keeps the flow’s secrets out of the table: only hashes of the state and the browser key', async () => {
    // Act
    await flows.create(aFlow());

    // Assess
    const text = JSON.stringify(await database.allItems(table));
    expect(text).not.toContain(STATE);
    expect(text).not.toContain(BROWSER_KEY);
  });
});

describe('Class: InMemoryEidFlows (the same cases)', () => {
  let flows: InMemoryEidFlows;

  beforeEach(() => {
    flows = new InMemoryEidFlows();
  });

  eidFlowStoreContract(() => flows);
});
