import { StoredItemShapeError } from '../../../lambdas/adapters/store/item-parser';
import {
  parseContactMessage,
  parseOpenRequestRow,
  parseRequestRecord,
  parseStoredRequest,
} from '../../../lambdas/adapters/store/request-item-schemas';

const KARI = 'kari.nordmann@example.no';

function requestRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'request',
    id: 'req-1',
    type: 'access',
    controllerId: 'sterk-helse-og-trening',
    lang: 'nb',
    receivedAt: '2026-03-02T09:00:00.000Z',
    receivedDate: '2026-03-02',
    dueDate: '2026-04-02',
    dueAt: '2026-04-02T21:59:59.999Z',
    status: 'verified',
    statusTokenHashes: ['status-hash-1'],
    policyVersion: '1.0.0',
    requester: { name: 'Kari Nordmann', email: KARI },
    ...overrides,
  };
}

/** The error a parse throws, for its message. */
function shapeError(parse: () => unknown): StoredItemShapeError {
  try {
    parse();
  } catch (error) {
    if (error instanceof StoredItemShapeError) return error;
    throw error;
  }
  throw new Error('expected the parse to fail');
}

describe('Module: request-item-schemas', () => {
  describe('Function: parseStoredRequest', () => {
    it('returns a request row as stored, with attributes a newer writer added', () => {
      // Prepare
      const row = requestRow({
        plan: {
          identityCheck: false,
          reasons: [],
          systems: [{ systemId: 'medlemsregister', handling: 'automated' }],
        },
        stage: 'collecting',
        stageAt: '2026-03-02T09:05:00.000Z',
        extendedAt: '2026-03-20T09:00:00.000Z',
      });

      // Act
      const parsed = parseStoredRequest(row);

      // Assess
      expect(parsed).toEqual(row);
    });

    it('returns a duplicate row, told apart by its kind', () => {
      // Prepare
      const row = {
        ...requestRow({ kind: 'duplicate', duplicateOf: 'req-0', verifyBy: '2026-03-10T10:00:00.000Z' }),
        policyVersion: undefined,
        requester: undefined,
      };

      // Act
      const parsed = parseStoredRequest(row);

      // Assess
      expect(parsed).toMatchObject({ kind: 'duplicate', duplicateOf: 'req-0' });
    });

    it('fails loudly on a request type it does not know, naming the path and never the values', () => {
      // Prepare
      const row = requestRow({ type: 'teleport', requester: { name: 'Kari Nordmann', email: 42 } });

      // Act
      const error = shapeError(() => parseStoredRequest(row));

      // Assess
      expect(error.message).toMatch(/^A stored request item has an unexpected shape: /);
      expect(error.message).toContain('type: ');
      expect(error.message).toContain('requester.email: ');
      expect(error.message).not.toContain('teleport');
      expect(error.message).not.toContain('Kari');
      expect(error.message).not.toContain('42');
    });

    it('fails on a row of neither kind', () => {
      // Act
      const error = shapeError(() => parseStoredRequest(requestRow({ kind: 'contact-message' })));

      // Assess
      expect(error.message).toContain('kind: ');
      expect(error.message).not.toContain('contact-message');
    });
  });

  describe('Function: parseRequestRecord', () => {
    it('refuses a duplicate where a request must be', () => {
      // Act
      const error = shapeError(() => parseRequestRecord(requestRow({ kind: 'duplicate' })));

      // Assess
      expect(error.message).toContain('kind: ');
    });

    it('names a stage the workflow does not have', () => {
      // Act
      const error = shapeError(() => parseRequestRecord(requestRow({ stage: 'pondering' })));

      // Assess
      expect(error.message).toContain('stage: ');
      expect(error.message).not.toContain('pondering');
    });
  });

  describe('Function: parseOpenRequestRow', () => {
    it("returns the sweep's projection of an open request", () => {
      // Prepare
      const row = {
        id: 'req-1',
        type: 'erasure',
        receivedAt: '2026-03-02T09:00:00.000Z',
        dueDate: '2026-04-02',
      };

      // Act
      const parsed = parseOpenRequestRow(row);

      // Assess
      expect(parsed).toEqual(row);
    });

    it('names a missing due date', () => {
      // Act
      const error = shapeError(() =>
        parseOpenRequestRow({ id: 'req-1', type: 'erasure', receivedAt: '2026-03-02T09:00:00.000Z' }),
      );

      // Assess
      expect(error.message).toBe(
        'A stored open request item has an unexpected shape: dueDate: Invalid input: expected string, received undefined',
      );
    });
  });

  describe('Function: parseContactMessage', () => {
    it('returns a handled message with its handling', () => {
      // Prepare
      const row = {
        id: 'msg-1',
        controllerId: 'sterk-hasle',
        lang: 'en',
        receivedAt: '2026-03-02T09:00:00.000Z',
        sender: { name: 'Kari Nordmann', email: KARI },
        message: 'Hei',
        status: 'handled',
        handledAt: '2026-03-03T09:00:00.000Z',
        handledBy: 'staff-1',
        handledNote: 'Svart på telefon',
      };

      // Act
      const parsed = parseContactMessage(row);

      // Assess
      expect(parsed).toEqual(row);
    });

    it('names the sender field that is missing, without the message', () => {
      // Act
      const error = shapeError(() =>
        parseContactMessage({
          id: 'msg-1',
          controllerId: 'sterk-hasle',
          lang: 'nb',
          receivedAt: '2026-03-02T09:00:00.000Z',
          sender: { email: KARI },
          message: 'Min hemmelighet',
          status: 'new',
        }),
      );

      // Assess
      expect(error.message).toContain('sender.name: ');
      expect(error.message).not.toContain('hemmelighet');
      expect(error.message).not.toContain(KARI);
    });
  });
});
