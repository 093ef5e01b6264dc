import {
  findController,
  mainController,
  offeredRequestTypes,
  retentionRulesFor,
  systemsForRequest,
} from '../../../lambdas/domain/policy/queries';
import { sterkPolicy } from './sterk-fixture';

describe('Function: offeredRequestTypes', () => {
  it('lists the request types from rights, leaving out the complaint', () => {
    // Act
    const types = offeredRequestTypes(sterkPolicy());

    // Assess
    expect(types).toEqual([
      'access',
      'rectification',
      'erasure',
      'restriction',
      'portability',
      'objection',
      'objection-general',
      'withdraw-consent',
    ]);
  });
});

describe('Function: mainController', () => {
  it('returns the controller marked main', () => {
    // Act
    const controller = mainController(sterkPolicy());

    // Assess
    expect(controller.id).toBe('sterk-helse-og-trening');
  });
});

describe('Function: findController', () => {
  it.each([
    { id: 'sterk-helse', legalName: 'STERK Helse AS' },
    { id: 'sterk-bergen', legalName: undefined },
  ])('finds $id', ({ id, legalName }) => {
    // Act
    const controller = findController(sterkPolicy(), id);

    // Assess
    expect(controller?.legalName).toBe(legalName);
  });
});

describe('Function: systemsForRequest', () => {
  it.each([
    { type: 'portability', controllerId: undefined, expected: ['brp-systems'] },
    { type: 'objection', controllerId: undefined, expected: ['mailchimp'] },
    // The trackers rest on consent (ekomloven § 3-15): a withdrawal runs against them, and explains they cannot be looked up.
    {
      type: 'withdraw-consent',
      controllerId: undefined,
      expected: ['brp-systems', 'google-tag-manager', 'google-analytics', 'facebook-pixel', 'mailchimp'],
    },
    // The general objection (Art. 21(1)): the systems on legitimate interest.
    { type: 'objection-general', controllerId: undefined, expected: ['mailchimp', 'personvern'] },
    {
      type: 'rectification',
      controllerId: 'sterk-helse',
      expected: ['pasientsky', 'melin-convene-medical', 'mailchimp', 'personvern'],
    },
  ] as const)('runs $type for $controllerId against $expected', ({ type, controllerId, expected }) => {
    // Act
    const systems = systemsForRequest(sterkPolicy(), type, controllerId);

    // Assess
    expect(systems.map((system) => system.id)).toEqual(expected);
  });
});

describe('Function: retentionRulesFor', () => {
  it.each([
    { system: 'pasientsky', category: 'name', expected: ['patient-record'] },
    { system: 'mailchimp', category: 'name', expected: ['newsletter'] },
    { system: 'brp-systems', category: 'purchase-history', expected: ['accounting'] },
    { system: 'melin-convene-medical', category: 'purchase-history', expected: ['accounting'] },
    { system: 'mailchimp', category: 'photo', expected: [] },
  ])('governs $category in $system by $expected', ({ system, category, expected }) => {
    // Act
    const rules = retentionRulesFor(sterkPolicy(), system, category);

    // Assess
    expect(rules.map((rule) => rule.id)).toEqual(expected);
  });
});
