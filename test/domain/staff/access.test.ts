import { NotFoundError } from '../../../lambdas/domain/errors';
import {
  canSee,
  isPrivacyOfficer,
  PRIVACY_OFFICER_GROUP,
  seesAnything,
  staffGroupFor,
  visibleControllers,
  visibleTo,
} from '../../../lambdas/domain/staff/access';

describe('Function: visibleControllers', () => {
  it.each([
    [['privacy-officer'], 'all'],
    [['staff-sterk-hasle', 'privacy-officer'], 'all'],
    [['staff-sterk-hasle'], ['sterk-hasle']],
    [
      ['staff-sterk-hasle', 'staff-sterk-helse'],
      ['sterk-hasle', 'sterk-helse'],
    ],
    [['staff-sterk-helse', 'staff-sterk-helse'], ['sterk-helse']],
    [['staff-', 'admins', 'Privacy-Officer', 'privacy-officers'], []],
    [[], []],
  ])('gives groups %j the controllers %j', (groups, expected) => {
    // Act
    const scope = visibleControllers(groups);

    // Assess
    expect(scope).toEqual(expected);
  });
});

describe('Function: canSee', () => {
  it('lets the privacy officer see every controller', () => {
    // Prepare
    const scope = visibleControllers([PRIVACY_OFFICER_GROUP]);

    // Act
    const seen = ['sterk-helse-og-trening', 'sterk-hasle', 'sterk-helse'].map((id) => canSee(scope, id));

    // Assess
    expect(seen).toEqual([true, true, true]);
  });

  it("keeps one controller's staff to that controller", () => {
    // Prepare
    const scope = visibleControllers([staffGroupFor('sterk-hasle')]);

    // Act
    const seen = ['sterk-helse-og-trening', 'sterk-hasle', 'sterk-helse'].map((id) => canSee(scope, id));

    // Assess
    expect(seen).toEqual([false, true, false]);
  });

  it('does not treat a controller id as a prefix of another', () => {
    // Prepare
    const scope = visibleControllers([staffGroupFor('sterk-helse')]);

    // Act
    const seen = canSee(scope, 'sterk-helse-og-trening');

    // Assess
    expect(seen).toBe(false);
  });
});

describe('Function: seesAnything', () => {
  it.each([
    [['privacy-officer'], true],
    [['staff-sterk-helse'], true],
    [['admins'], false],
    [[], false],
  ])('is %j → %p', (groups, expected) => {
    // Act
    const result = seesAnything(visibleControllers(groups));

    // Assess
    expect(result).toBe(expected);
  });
});

describe('Function: isPrivacyOfficer', () => {
  it('is the one who sees every company, not staff of all companies listed one by one', () => {
    // Act
    const officer = isPrivacyOfficer({ username: 'po', controllers: 'all' });
    const everyCompany = isPrivacyOfficer({
      username: 'staff',
      controllers: ['sterk-helse-og-trening', 'sterk-hasle', 'sterk-helse'],
    });

    // Assess
    expect(officer).toBe(true);
    expect(everyCompany).toBe(false);
  });
});

describe('Function: staffGroupFor', () => {
  it('names the group after the controller', () => {
    // Act
    const group = staffGroupFor('sterk-helse-og-trening');

    // Assess
    expect(group).toBe('staff-sterk-helse-og-trening');
  });
});

describe('Function: visibleTo', () => {
  const hasle = { username: 'staff-sterk-hasle', controllers: ['sterk-hasle'] };
  const request = { id: 'r-1', controllerId: 'sterk-helse' };

  it.each([
    ['another company’s request', request, 'request', 'No such request'],
    ['an unknown request', undefined, 'request', 'No such request'],
    ['another company’s task', request, 'task', 'No such task'],
    ['an unknown task', undefined, 'task', 'No such task'],
  ] as const)('answers %s with the same 404', (_, item, what, message) => {
    // Act
    const attempt = () => visibleTo(hasle, item, what);

    // Assess
    expect(attempt).toThrow(NotFoundError);
    expect(attempt).toThrow(new RegExp(`^${message}$`));
  });

  it('hands back what staff may see', () => {
    // Act
    const own = visibleTo(hasle, { ...request, controllerId: 'sterk-hasle' }, 'request');
    const officers = visibleTo({ username: 'p', controllers: 'all' }, request, 'request');

    // Assess
    expect(own.id).toBe('r-1');
    expect(officers).toBe(request);
  });
});
