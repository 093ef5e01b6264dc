import { birthDateOf, hasValidCheckDigits } from '../../../lambdas/domain/identity/national-id';
import { TEST_USERS, testUserByPid } from '../../../local/idporten/test-users';

describe('the local ID-porten test users', () => {
  it.each(TEST_USERS.map((user) => [user.name, user] as const))(
    '%s has a valid number carrying the listed birth date',
    (_name, user) => {
      expect(hasValidCheckDigits(user.pid)).toBe(true);
      expect(birthDateOf(user.pid)).toBe(user.born);
    },
  );

  it('uses synthetic numbers only (month + 80), which no real person has', () => {
    for (const { pid } of TEST_USERS) expect(Number(pid.slice(2, 4))).toBeGreaterThan(80);
  });

  it('signs Jonas in with MinID at substantial and everyone else with BankID at high', () => {
    expect(
      Object.fromEntries(TEST_USERS.map(({ name, acr, amr }) => [name.split(' ')[0], [acr, ...amr]])),
    ).toEqual({
      Kari: ['idporten-loa-high', 'BankID'],
      Ola: ['idporten-loa-high', 'BankID'],
      Emma: ['idporten-loa-high', 'BankID'],
      Nora: ['idporten-loa-high', 'BankID'],
      Jonas: ['idporten-loa-substantial', 'MinID'],
    });
  });

  it('finds a user by number and no one else', () => {
    expect(testUserByPid('14838512470')?.name).toBe('Kari Testesen');
    expect(testUserByPid('14838512471')).toBeUndefined();
    expect(new Set(TEST_USERS.map((user) => user.pid)).size).toBe(TEST_USERS.length);
  });
});
