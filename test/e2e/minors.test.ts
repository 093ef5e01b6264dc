/**
 * A parent's requests for a child, end to end on `npm start` (issue 18 item 7): access and erasure for a
 * 10-, a 14- and a 17-year-old. The journal system is collected for the 10-year-old; for the 14-year-old it
 * follows the child's view staff record; for the 17-year-old it follows the young person's consent, and is
 * withheld without it. The parent's answer says what was withheld and on which law.
 */
import { jest } from '@jest/globals';
import { unzip } from '../adapters/export/unzip';
import { useLocalStack } from '../support/local-stack-fixture';
import { WorkflowDriver } from '../support/workflow-driver';

jest.setTimeout(180_000);

const fixture = useLocalStack();
let counter = 0;
const email = () => `forelder.${Date.now()}${counter++}@example.no`;

/** A birth date that makes the child `age` today, two months past the birthday. */
function bornYearsAgo(age: number): string {
  const born = new Date();
  born.setUTCFullYear(born.getUTCFullYear() - age, born.getUTCMonth() - 2);
  return born.toISOString().slice(0, 10);
}

interface Case {
  readonly type: 'access' | 'erasure';
  readonly age: number;
  /** What staff record about the child's say when they approve the identity check. */
  readonly say: Record<string, unknown>;
  readonly withheld: boolean;
}

const CASES: Case[] = [
  { type: 'access', age: 10, say: {}, withheld: false },
  { type: 'erasure', age: 10, say: {}, withheld: false },
  { type: 'access', age: 14, say: { childView: 'objects' }, withheld: true },
  { type: 'erasure', age: 14, say: { childView: 'no-objection' }, withheld: false },
  { type: 'access', age: 17, say: {}, withheld: true },
  { type: 'erasure', age: 17, say: { youngPersonConsent: true }, withheld: false },
];

describe("A parent's request for a child, end to end", () => {
  it.each(CASES)(
    '$type for a $age-year-old with $say: journal system withheld $withheld',
    async ({ type, age, say, withheld }) => {
      // Prepare
      const driver = new WorkflowDriver(fixture());
      const officer = await driver.token('personvernombud');
      const { id } = await driver.submitVerified({
        type,
        name: 'Mor Nordmann',
        email: email(),
        lang: 'nb',
        onBehalfOf: { name: 'Barn Nordmann', birthDate: bornYearsAgo(age), relationship: 'guardian' },
      });
      const [identity] = await driver.openTasks(officer, id, 'identity-check');
      const detail = await driver.requestFile(officer, id);

      // Act
      const decided = await driver.decide(officer, identity?.taskId ?? '', { decision: 'approve', ...say });
      const manual = await driver.openTasks(officer, id, 'manual-collection', withheld ? 2 : 3);
      for (const task of manual)
        await driver.decide(officer, task.taskId, {
          decision: 'approve',
          noDataFound: true,
          comment: 'Søkte på navn og fødselsdato',
        });
      const [review] = await driver.openTasks(officer, id, 'review');
      await driver.decide(officer, review?.taskId ?? '', { decision: 'approve' });
      const status = await driver.finished(officer, id);
      const answer = (await driver.emailsAbout(id, 2)).find((e) => e.subject.startsWith('Svar på'));
      const file = await driver.requestFile(officer, id);
      const index =
        type === 'access'
          ? (unzip(await driver.readExport(id))
              .find((f) => f.path === 'index.html')
              ?.data.toString('utf8') ?? '')
          : '';

      // Assess
      const reasons = (detail.openTasks as { reasons?: { ruleId?: string }[] }[])[0]?.reasons ?? [];
      const rules = reasons.flatMap((r) => (r.ruleId === undefined ? [] : [r.ruleId]));
      expect(rules).toEqual(
        age === 10
          ? ['guardian-consent-under-18']
          : age === 14
            ? ['guardian-consent-under-18', 'child-view-12-to-15']
            : ['guardian-consent-under-18', 'own-record-rights-from-16'],
      );
      expect(decided.status).toBe(200);
      expect(status).toBe('completed');
      expect(manual.map((t) => t.systemId)).toEqual(
        withheld ? expect.not.arrayContaining(['pasientsky']) : expect.arrayContaining(['pasientsky']),
      );
      const pasientsky = (file.findings as { systemId: string; source: string }[]).find(
        (f) => f.systemId === 'pasientsky',
      );
      expect(pasientsky?.source).toBe(withheld ? 'withheld' : 'no-data');
      // Plain-text email wraps its lines: read it as one run of words.
      const text = (answer?.body.text ?? '').replace(/\s+/g, ' ');
      expect(text).toContain('PasientSky:');
      if (withheld) {
        expect(text).toContain('PasientSky: Holdt tilbake:');
        expect(text).toContain(age === 14 ? '§ 3-4 andre og tredje ledd' : '§§ 3-4, 4-3 og 5-1');
      } else {
        expect(text).not.toContain('Holdt tilbake');
      }
      if (type === 'access') expect(index.includes('Opplysninger som er holdt tilbake')).toBe(withheld);
    },
  );

  it("refuses to approve a 14-year-old's case until staff record the child's view", async () => {
    // Prepare
    const driver = new WorkflowDriver(fixture());
    const officer = await driver.token('personvernombud');
    const { id } = await driver.submitVerified({
      type: 'access',
      name: 'Far Nordmann',
      email: email(),
      lang: 'en',
      onBehalfOf: { name: 'Barn Nordmann', birthDate: bornYearsAgo(14), relationship: 'guardian' },
    });
    const [identity] = await driver.openTasks(officer, id, 'identity-check');

    // Act
    const refused = await driver.decide(officer, identity?.taskId ?? '', { decision: 'approve' });
    const { error } = (await refused.json()) as {
      error: { message: string; fields?: Record<string, string> };
    };
    const still = await driver.openTasks(officer, id, 'identity-check');

    // Assess
    expect(refused.status).toBe(400);
    expect(error.message).toContain("Record the child's view before approving");
    expect(error.fields?.childView).toBe('Choose "no-objection" or "objects"');
    expect(still.map((t) => t.taskId)).toEqual([identity?.taskId]);
  });
});
