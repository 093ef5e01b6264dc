/**
 * The people the local ID-porten knows (docs/id-porten.md section 7; the README has the same table). The
 * numbers are Skatteetaten-style synthetic ones (month + 80), so no real fødselsnummer has these digits.
 *
 * A test picks the level of a sign-in by picking the user: Jonas signs in with MinID at level substantial,
 * everyone else with BankID at level high, whatever the relying party asked for. A relying party that asked
 * for high and gets Jonas must refuse him itself, as it must with the real ID-porten.
 */

export type IdportenAcr = 'idporten-loa-substantial' | 'idporten-loa-high';

export interface TestUser {
  /** The national identity number ID-porten sends as `pid`. */
  readonly pid: string;
  readonly name: string;
  /** `YYYY-MM-DD`, the date the number carries. */
  readonly born: string;
  /** What the user is for in the tests. */
  readonly usedFor: string;
  /** The level the user signs in at, whatever was requested. */
  readonly acr: IdportenAcr;
  /** The eID the user signs in with, as ID-porten names it in `amr`. */
  readonly amr: readonly string[];
}

const HIGH = { acr: 'idporten-loa-high', amr: ['BankID'] } as const;
const SUBSTANTIAL = { acr: 'idporten-loa-substantial', amr: ['MinID'] } as const;

export const TEST_USERS: readonly TestUser[] = [
  {
    pid: '14838512470',
    name: 'Kari Testesen',
    born: '1985-03-14',
    usedFor: "an adult's own request at level high",
    ...HIGH,
  },
  { pid: '02917845630', name: 'Ola Testmann', born: '1978-11-02', usedFor: 'a guardian', ...HIGH },
  {
    pid: '21861451310',
    name: 'Emma Testesen',
    born: '2014-06-21',
    usedFor: 'the child (12), and a minor signing in',
    ...HIGH,
  },
  {
    pid: '30819021003',
    name: 'Nora Feilfødt',
    born: '1990-01-30',
    usedFor: 'the birth-date mismatch',
    ...HIGH,
  },
  {
    pid: '09890160015',
    name: 'Jonas Substansiell',
    born: '2001-09-09',
    usedFor: 'signing in at level substantial',
    ...SUBSTANTIAL,
  },
];

const byPid = new Map(TEST_USERS.map((user) => [user.pid, user]));

/** The test user with this number; undefined for anyone else, who cannot sign in locally. */
export function testUserByPid(pid: string): TestUser | undefined {
  return byPid.get(pid);
}
