import {
  CONTROLLER,
  codeIssue,
  type RequestStoreFixture,
  requestRecord,
  requestStoreContract,
} from '../adapters/store/request-store-contract';
import { InMemoryRequests } from './in-memory-requests';

describe('Class: InMemoryRequests (the shared contract)', () => {
  let store: InMemoryRequests;
  let fixture: RequestStoreFixture;

  beforeEach(() => {
    store = new InMemoryRequests();
    fixture = {
      store,
      async lock(dedupeKey) {
        const lock = store.lock(dedupeKey);
        return lock === undefined ? undefined : { requestId: lock.requestId, until: lock.until };
      },
      openRequestIds: async (controllerId) => store.openRequestIds(controllerId),
      async withholdRequest(id) {
        const writeBack = store.withholdRequest(id);
        return async () => writeBack();
      },
    };
  });

  requestStoreContract(() => fixture);

  describe('Read-outs for tests', () => {
    it('lists what is stored, with the attributes get hides and the locks', async () => {
      // Prepare
      await store.create(
        requestRecord('req-1'),
        { key: 'dedupe-key-1', until: '2026-04-02T21:59:59.999Z' },
        'subject-1',
      );
      await store.issueCode('req-1', codeIssue());
      await store.markVerified('req-1', 'code-hash-1', '2026-03-02T09:10:00.000Z');

      // Act
      const items = store.items();

      // Assess
      expect(items).toEqual([
        expect.objectContaining({ id: 'req-1', subjectHash: 'subject-1', openController: CONTROLLER }),
        expect.objectContaining({ kind: 'duplicate-lock', key: 'dedupe-key-1', requestId: 'req-1' }),
      ]);
    });
  });
});
