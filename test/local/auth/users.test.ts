import { readFileSync } from 'node:fs';
import { repoRoot } from '../../../lib/paths';
import { localStaffUsers } from '../../../local/auth/users';

describe('Function: localStaffUsers', () => {
  it('seeds the privacy officer and one staff user per controller of the policy', () => {
    // Act
    const users = localStaffUsers();

    // Assess
    expect(users.map((user) => [user.username, user.groups])).toEqual([
      ['personvernombud', ['privacy-officer']],
      ['staff-sterk-helse-og-trening', ['staff-sterk-helse-og-trening']],
      ['staff-sterk-hasle', ['staff-sterk-hasle']],
      ['staff-sterk-helse', ['staff-sterk-helse']],
    ]);
  });

  it('gives each user a stable, distinct sub', () => {
    // Act
    const first = localStaffUsers().map((user) => user.sub);
    const second = localStaffUsers().map((user) => user.sub);

    // Assess
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    for (const sub of first)
      expect(sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('uses passwords that the deployed pool would accept (14+ characters, all classes)', () => {
    // Act
    const passwords = localStaffUsers().map((user) => user.password);

    // Assess
    for (const password of passwords) {
      expect(password.length).toBeGreaterThanOrEqual(14);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[^A-Za-z0-9]/);
    }
  });

  it('are the users the README lists under "Staff sign-in (local)"', () => {
    // Prepare
    const readme = readFileSync(`${repoRoot}/README.md`, 'utf8');
    const section = readme.split(/^## /m).find((part) => part.startsWith('Staff sign-in (local)')) ?? '';

    // Act
    const rows = section
      .split('\n')
      .filter((line) => /^\|\s*`/.test(line))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim().replaceAll('`', '')),
      );

    // Assess
    expect(rows).toEqual(
      localStaffUsers().map((user) => [user.username, user.password, user.groups.join(', ')]),
    );
  });
});
