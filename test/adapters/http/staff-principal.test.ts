import { errorResponse } from '../../../lambdas/adapters/http/error-response';
import {
  assertCanSee,
  parseGroupsClaim,
  type StaffPrincipal,
  staffPrincipal,
} from '../../../lambdas/adapters/http/staff-principal';
import { apiEvent } from '../../support/api-event';

/** A proxy event for a staff route, with the claims API Gateway's Cognito authorizer would pass on. */
const staffEvent = (claims: Record<string, string> | undefined) => {
  const event = apiEvent({ method: 'GET', resource: '/staff/requests' });
  return { ...event, requestContext: { ...event.requestContext, authorizer: claims && { claims } } };
};

const claimsOf = (username: string, groups?: string) => ({
  sub: '6f1c2a9e-0c0d-4c55-9d0e-3b3c4a5d6e7f',
  'cognito:username': username,
  ...(groups === undefined ? {} : { 'cognito:groups': groups }),
  token_use: 'id',
  email: `${username}@personvern.test`,
  exp: 'Wed Nov 25 14:00:00 UTC 2026',
});

const statusOf = (act: () => unknown): number | undefined => {
  try {
    act();
    return undefined;
  } catch (error) {
    return errorResponse(error).statusCode;
  }
};

describe('Function: parseGroupsClaim', () => {
  it.each([
    ['privacy-officer', ['privacy-officer']],
    ['staff-sterk-hasle,staff-sterk-helse', ['staff-sterk-hasle', 'staff-sterk-helse']],
    ['staff-sterk-hasle, staff-sterk-helse', ['staff-sterk-hasle', 'staff-sterk-helse']],
    ['[staff-sterk-hasle staff-sterk-helse]', ['staff-sterk-hasle', 'staff-sterk-helse']],
    ['[staff-sterk-hasle, staff-sterk-helse]', ['staff-sterk-hasle', 'staff-sterk-helse']],
    ['["staff-sterk-hasle","staff-sterk-helse"]', ['staff-sterk-hasle', 'staff-sterk-helse']],
    ['[privacy-officer]', ['privacy-officer']],
    ['[]', []],
    ['', []],
  ])('reads %j', (claim, expected) => {
    // Act
    const groups = parseGroupsClaim(claim);

    // Assess
    expect(groups).toEqual(expected);
  });

  it.each([
    [['privacy-officer', 7], ['privacy-officer']],
    [undefined, []],
    [null, []],
  ])('reads %j that is not a string', (claim, expected) => {
    // Act
    const groups = parseGroupsClaim(claim);

    // Assess
    expect(groups).toEqual(expected);
  });
});

describe('Function: staffPrincipal', () => {
  it('sees every controller for the privacy officer', () => {
    // Act
    const principal = staffPrincipal(staffEvent(claimsOf('personvernombud', 'privacy-officer')));

    // Assess
    expect(principal).toEqual({
      username: 'personvernombud',
      groups: ['privacy-officer'],
      controllers: 'all',
    });
  });

  it.each(['staff-sterk-hasle,staff-sterk-helse', '[staff-sterk-hasle staff-sterk-helse]'])(
    'sees the controllers of the staff groups in %j',
    (groups) => {
      // Act
      const principal = staffPrincipal(staffEvent(claimsOf('ola', groups)));

      // Assess
      expect(principal.controllers).toEqual(['sterk-hasle', 'sterk-helse']);
    },
  );

  it.each([
    ['no authorizer', undefined],
    ['no username', { sub: 'x', 'cognito:groups': 'privacy-officer' }],
  ])('answers 401 with %s', (_, claims) => {
    // Act
    const status = statusOf(() => staffPrincipal(staffEvent(claims)));

    // Assess
    expect(status).toBe(401);
  });

  it.each([
    ['no groups claim', undefined],
    ['only groups that grant nothing', 'admins,staff-'],
  ])('answers 403 to a signed-in user with %s', (_, groups) => {
    // Act
    const status = statusOf(() => staffPrincipal(staffEvent(claimsOf('kari', groups))));

    // Assess
    expect(status).toBe(403);
  });
});

describe('Function: assertCanSee', () => {
  const haslePrincipal: StaffPrincipal = {
    username: 'staff-sterk-hasle',
    groups: ['staff-sterk-hasle'],
    controllers: ['sterk-hasle'],
  };

  it("lets staff see their own controller's data", () => {
    // Act
    const status = statusOf(() => assertCanSee(haslePrincipal, 'sterk-hasle'));

    // Assess
    expect(status).toBeUndefined();
  });

  it.each(['sterk-helse', 'sterk-helse-og-trening'])(
    "answers 403 for another controller's data (%s)",
    (id) => {
      // Act
      const status = statusOf(() => assertCanSee(haslePrincipal, id));

      // Assess
      expect(status).toBe(403);
    },
  );

  it('lets the privacy officer see any controller', () => {
    // Prepare
    const officer = staffPrincipal(staffEvent(claimsOf('personvernombud', 'privacy-officer')));

    // Act
    const statuses = ['sterk-helse', 'sterk-hasle', 'sterk-helse-og-trening'].map((id) =>
      statusOf(() => assertCanSee(officer, id)),
    );

    // Assess
    expect(statuses).toEqual([undefined, undefined, undefined]);
  });
});
