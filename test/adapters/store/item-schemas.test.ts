import { StoredItemShapeError } from '../../../lambdas/adapters/store/item-parser';
import { parseRetention } from '../../../lambdas/adapters/store/item-schemas';

const kept = {
  systemId: 'pasientsky',
  categoryId: 'health-record',
  action: 'retain',
  basis: {
    kind: 'retention-rule',
    ruleId: 'patient-record',
    legalReference: { citation: { nb: 'pasientjournalforskriften § 15', en: 'section 15' } },
  },
  retainUntil: '2036-03-02',
};

describe('Function: parseRetention', () => {
  it('reads the legal-hold check’s decisions back as stored', () => {
    // Act
    const { decisions } = parseRetention({ pk: 'REQUEST#r-1', sk: 'RETENTION', decisions: [kept] });

    // Assess
    expect(decisions).toEqual([kept]);
  });

  it('fails loudly on a decision of another shape, naming the path and no value', () => {
    // Prepare
    const changed = {
      ...kept,
      action: 'shred',
      basis: { kind: 'legal-hold', holdId: 'h-1', reason: 'Tvist med Kari Nordmann' },
    };

    // Act
    const parse = () => parseRetention({ decisions: [kept, changed] });

    // Assess
    expect(parse).toThrow(StoredItemShapeError);
    expect(parse).toThrow(/decisions\.1\.action/);
    expect(parse).not.toThrow(/shred|Kari/);
  });
});
