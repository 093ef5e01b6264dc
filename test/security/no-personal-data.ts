/**
 * No personal data where it must not be (issue 7). End-to-end flows on `npm start` — a contact message,
 * an access request with its download, an erasure with a staff upload, a guardian's rectification for a
 * child, and a rejection whose staff comment names the requester — while capturing everything the
 * handlers, the workflow and the emulators print, and afterwards every execution history of both state
 * machines (GetExecutionHistory). Both are scanned for email addresses, phone numbers, 11-digit national
 * identity numbers with valid mod-11 check digits, the subjects' names, task tokens, status tokens and
 * one-time codes. The expectation is 0 hits.
 *
 * What this cannot see: the local Step Functions records no TaskScheduled events, where AWS keeps a
 * task's resolved parameters, including the `.waitForTaskToken` token. docs/security.md says what that
 * means on AWS and how access to history is restricted.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type HistoryEvent, paginateGetExecutionHistory, paginateListExecutions } from '@aws-sdk/client-sfn';
import { mailboxOf } from '../../lambdas/domain/intake/rate-limits';
import { keyedPseudonyms } from '../../lambdas/domain/pseudonyms';
import { subjectHash } from '../../lambdas/domain/subject';
import { TEST_USERS } from '../../local/idporten/test-users';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../../local/template/intrinsics';
import { stepFunctionsClient } from '../stress/intake-load';
import { signInWithLocalIdporten } from '../support/idporten-sign-in';
import { eventually } from '../support/local-process';
import type { LocalStackFixture } from '../support/local-stack-fixture';
import { WorkflowDriver } from '../support/workflow-driver';

/** Kari, the local provider's adult at level high; every test user's number is looked for below. */
const EID_TEST_USER = '14838512470';

/** Whether 11 digits are a valid Norwegian national identity number (both mod-11 check digits). */
function isNationalIdentityNumber(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const d = [...digits].map(Number);
  const check = (weights: number[]) => {
    const rest = 11 - (weights.reduce((sum, w, i) => sum + w * (d[i] ?? 0), 0) % 11);
    return rest === 11 ? 0 : rest;
  };
  const k1 = check([3, 7, 6, 1, 8, 9, 4, 5, 2]);
  const k2 = check([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
  return k1 !== 10 && k2 !== 10 && k1 === d[9] && k2 === d[10];
}

/** A valid number for a birth date (DDMMYY) and individual number: the first that has check digits. */
function nationalIdentityNumber(ddmmyy: string, individual: number): string {
  for (let n = individual; n < individual + 100; n += 1) {
    for (let k = 0; k < 100; k += 1) {
      const candidate = `${ddmmyy}${String(n).padStart(3, '0')}${String(k).padStart(2, '0')}`;
      if (isNationalIdentityNumber(candidate)) return candidate;
    }
  }
  throw new Error('no valid number found');
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** Norwegian numbers as people type them: 8 digits, optionally +47/0047, in groups. */
const PHONE = /(?<![\w-])(?:(?:\+|00)47[\s-]?)?[2-9]\d(?:[\s-]?\d){6}(?![\w-])/g;
const ELEVEN_DIGITS = /(?<!\d)\d{11}(?!\d)/g;

interface Hit {
  readonly kind: string;
  readonly found: string;
  readonly where: string;
}

/** Everything personal the text holds: patterns (emails, phones, national ids) and the needles given. */
function scan(text: string, where: string, needles: Record<string, readonly string[]>): Hit[] {
  const hits: Hit[] = [];
  for (const [found] of text.matchAll(EMAIL)) hits.push({ kind: 'email', found, where });
  for (const [found] of text.matchAll(ELEVEN_DIGITS)) {
    if (isNationalIdentityNumber(found)) hits.push({ kind: 'national identity number', found, where });
  }
  for (const [kind, values] of Object.entries(needles)) {
    for (const value of values) {
      const pattern = new RegExp(`(?<![\\w-])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'i');
      if (pattern.test(text)) hits.push({ kind, found: value, where });
    }
  }
  return hits;
}

/** Phone-shaped strings, kept apart: ids and timestamps make a generic pattern noisy, so it only reports. */
function phoneShaped(text: string): string[] {
  return [...text.matchAll(PHONE)].map(([found]) => found);
}

/** Registers the suites; `stack` is the local stack the test file started. */
export function personalDataSuite(stack: () => LocalStackFixture): void {
  describe('No personal data in logs or execution histories', () => {
    const names = [
      'Ingrid Ødegård',
      'Sigrid Solberg',
      'Torleif Haugen',
      'Mor Solberg',
      'Emil Solberg',
      'Per Paulsen',
      'Kari Testesen',
    ] as const;
    const phones = ['+47 412 34 567', '98765432', '922 33 444'];
    const ids = {
      adult: nationalIdentityNumber('150190', 123),
      child: nationalIdentityNumber('010515', 512),
      other: nationalIdentityNumber('311270', 234),
    };
    const addresses: string[] = [];
    const taskTokens = new Set<string>();
    let histories = '';
    let executions = 0;
    let logs = '';
    let codes: string[] = [];
    let statusTokens: string[] = [];

    beforeAll(async () => {
      const driver = new WorkflowDriver(stack());
      const run = Date.now();
      const email = (who: string) => {
        const address = `${who}.${run}@example.no`;
        addresses.push(address);
        return address;
      };
      // Task tokens live only on table items while a task is open: watch the table to learn them.
      let watching = true;
      const watcher = (async () => {
        while (watching) {
          for (const item of await stack().scanItems()) {
            const json = JSON.stringify(item);
            for (const [, token] of json.matchAll(/"taskToken":"([^"]+)"/g)) taskTokens.add(token ?? '');
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      })();
      const officer = await driver.token('personvernombud');
      const everyManualTask = async (id: string, decide: (systemId?: string) => Record<string, unknown>) => {
        for (const task of await driver.openTasks(officer, id, 'manual-collection', 3)) {
          await driver.decide(officer, task.taskId, decide(task.systemId));
        }
      };

      // A contact message with a phone number and a national identity number in it.
      const sigrid = email('sigrid');
      await driver.sendContact({
        name: 'Ingrid Ødegård',
        email: email('ingrid'),
        phone: phones[0],
        message: `Jeg heter Ingrid Ødegård, fødselsnummer ${ids.other}. Ring meg på ${phones[0]}.`,
      });
      await driver.seedMailchimpMember(sigrid, { FNAME: 'Sigrid', LNAME: 'Solberg', PHONE: phones[1] ?? '' });

      // An access request, answered, then downloaded with a fresh code.
      const access = await driver.submitVerified({
        type: 'access',
        name: 'Sigrid Solberg',
        email: sigrid,
        phone: phones[1],
        birthDate: '1990-01-15',
        details: `Alt om meg, fødselsnummer ${ids.adult}.`,
        lang: 'en',
      });
      const [identity] = await driver.openTasks(officer, access.id, 'identity-check');
      await driver.decide(officer, identity?.taskId ?? '', {
        decision: 'approve',
        comment: `Ringte Sigrid Solberg på ${phones[1]}, fødselsnummer ${ids.adult} stemmer.`,
      });
      await everyManualTask(access.id, () => ({
        decision: 'approve',
        noDataFound: true,
        comment: 'Søkte på Sigrid Solberg',
      }));
      const [review] = await driver.openTasks(officer, access.id, 'review');
      await driver.decide(officer, review?.taskId ?? '', { decision: 'approve' });
      await driver.finished(officer, access.id);
      const download = access.statusUrl.replace('/status?', '/download?');
      const post = (body: unknown) =>
        fetch(download, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(body),
        });
      await post({});
      const codeMail = await eventually(async () =>
        (await driver.emailsAbout(access.id, 3)).find(
          (e) => e.subject === 'Your code to download your information',
        ),
      );
      await post({ code: /^\s+(\d{6})$/m.exec(codeMail.body.text ?? '')?.[1] ?? '' });

      // An access request confirmed with ID-porten (the local provider's test user Kari): the code
      // confirms the mailbox, the sign-in the person, with a birth date typed to compare.
      const kari = await driver.submitVerified({
        type: 'access',
        name: 'Kari Testesen',
        email: email('kari'),
        birthDate: '1985-03-14',
        lang: 'nb',
        verification: 'eid',
      });
      await signInWithLocalIdporten(kari.statusUrl.replace('/status?', '/eid?'), EID_TEST_USER);
      // No identity check opens (the sign-in answered it): collection straight away, every system by hand.
      const kariPlan = await eventually(async () => {
        const file = (await driver.requestFile(officer, kari.id)) as {
          plan?: { systems: { handling: string }[] };
        };
        return file.plan;
      });
      const byHand = kariPlan.systems.filter((system) => system.handling === 'manual').length;
      for (const task of await driver.openTasks(officer, kari.id, 'manual-collection', byHand)) {
        await driver.decide(officer, task.taskId, {
          decision: 'approve',
          noDataFound: true,
          comment: 'Søkte',
        });
      }
      const [kariReview] = await driver.openTasks(officer, kari.id, 'review');
      await driver.decide(officer, kariReview?.taskId ?? '', { decision: 'approve' });
      await driver.finished(officer, kari.id);

      // An erasure with a staff upload that names the person.
      const torleif = email('torleif');
      const erasure = await driver.submitVerified({
        type: 'erasure',
        name: 'Torleif Haugen',
        email: torleif,
        phone: phones[2],
        lang: 'en',
      });
      const [erasureIdentity] = await driver.openTasks(officer, erasure.id, 'identity-check');
      await driver.decide(officer, erasureIdentity?.taskId ?? '', { decision: 'approve' });
      for (const task of await driver.openTasks(officer, erasure.id, 'manual-collection', 3)) {
        const decision =
          task.systemId === 'pasientsky'
            ? {
                decision: 'approve',
                uploadKey: await driver.uploadExport(
                  officer,
                  erasure.id,
                  'pasientsky',
                  `Journal for Torleif Haugen (${ids.other}), tlf ${phones[2]}`,
                ),
              }
            : { decision: 'approve', noDataFound: true, comment: 'Ingen treff' };
        await driver.decide(officer, task.taskId, decision);
      }
      const [erasureReview] = await driver.openTasks(officer, erasure.id, 'review');
      await driver.decide(officer, erasureReview?.taskId ?? '', { decision: 'approve' });
      // Erasing journal entries is the practitioner's decision; its comment names the person too.
      const [journalDecision] = await driver.openTasks(officer, erasure.id, 'manual-action');
      await driver.decide(officer, journalDecision?.taskId ?? '', {
        decision: 'approve',
        comment: `Behandleren beholder notatene om Torleif Haugen (${ids.other})`,
        erasureOutcome: 'kept',
      });
      await driver.finished(officer, erasure.id);

      // A guardian's rectification for a child, through staff.
      const guardian = await driver.submitVerified({
        type: 'rectification',
        name: 'Mor Solberg',
        email: email('mor'),
        details: `Sønnen min Emil Solberg (${ids.child}) står med feil adresse.`,
        onBehalfOf: { name: 'Emil Solberg', birthDate: '2015-05-01', relationship: 'guardian' },
        lang: 'en',
      });
      const [guardianIdentity] = await driver.openTasks(officer, guardian.id, 'identity-check');
      await driver.decide(officer, guardianIdentity?.taskId ?? '', {
        decision: 'approve',
        comment: 'Fødselsattest sett',
      });
      await everyManualTask(guardian.id, () => ({
        decision: 'approve',
        noDataFound: true,
        comment: 'Søkte',
      }));
      const [guardianReview] = await driver.openTasks(officer, guardian.id, 'review');
      await driver.decide(officer, guardianReview?.taskId ?? '', { decision: 'approve' });
      // One manual action per system that holds the child's data; decide them as they open, until done.
      await eventually(async () => {
        const file = await driver.requestFile(officer, guardian.id);
        if (file.completed === true) return true;
        const { tasks } = (await (await driver.staff(officer, 'GET', '/staff/tasks')).json()) as {
          tasks: { taskId: string; requestId: string; type: string }[];
        };
        for (const task of tasks.filter((t) => t.requestId === guardian.id && t.type === 'manual-action')) {
          await driver.decide(officer, task.taskId, {
            decision: 'approve',
            comment: 'Adressen til Emil Solberg rettet',
          });
        }
        return undefined;
      }, 60_000);

      // A rejection whose comment names the requester (the comment reaches the email, never the workflow).
      const rejected = await driver.submitVerified({
        type: 'objection',
        name: 'Per Paulsen',
        email: email('per'),
      });
      const [objection] = await driver.openTasks(officer, rejected.id, 'review');
      await driver.decide(officer, objection?.taskId ?? '', {
        decision: 'reject',
        comment:
          'Per Paulsen har ingen markedsføringsdata hos oss; forespørselen gjentar en fra forrige uke.',
      });
      await driver.finished(officer, rejected.id);

      watching = false;
      await watcher;

      // Every execution history of every state machine the stack runs.
      const sfn = stepFunctionsClient(stack());
      const machines = /state machines: ([^)]*)\)/.exec(stack().output())?.[1]?.split(', ') ?? [];
      const events: HistoryEvent[] = [];
      for (const name of machines) {
        const stateMachineArn = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}`;
        for await (const page of paginateListExecutions({ client: sfn }, { stateMachineArn })) {
          for (const execution of page.executions ?? []) {
            executions += 1;
            for await (const history of paginateGetExecutionHistory(
              { client: sfn },
              { executionArn: execution.executionArn, includeExecutionData: true },
            )) {
              events.push(...(history.events ?? []));
            }
          }
        }
      }
      sfn.destroy();
      histories = JSON.stringify(events);
      logs = stack().output();
      const mail = await stack().emails();
      codes = [
        ...new Set(
          mail.flatMap((m) => [...(m.body.text ?? '').matchAll(/^\s+(\d{6})$/gm)].map(([, c]) => c ?? '')),
        ),
      ];
      statusTokens = [
        ...new Set(
          mail.flatMap((m) =>
            [...(m.body.text ?? '').matchAll(/token=([\w-]{43})/g)].map(([, t]) => t ?? ''),
          ),
        ),
      ];
    });

    const needles = () => ({
      name: [...names],
      phone: phones,
      'task token': [...taskTokens],
      'status token': statusTokens,
      'one-time code': codes,
      // ID-porten's pid of every local test user: the number must never leave the callback.
      'eID test user number': TEST_USERS.map((user) => user.pid),
    });

    it('saw what it scans for: names, ids, task tokens, codes, status tokens and many history events', () => {
      // Assess
      expect(Object.values(ids).every(isNationalIdentityNumber)).toBe(true);
      expect(isNationalIdentityNumber(`${ids.adult.slice(0, 10)}${(Number(ids.adult[10]) + 1) % 10}`)).toBe(
        false,
      );
      expect(taskTokens.size).toBeGreaterThan(10);
      expect(codes.length).toBeGreaterThanOrEqual(5);
      expect(statusTokens.length).toBeGreaterThanOrEqual(4);
      expect(executions).toBeGreaterThanOrEqual(5);
      expect(histories.length).toBeGreaterThan(10_000);
      expect(logs).toContain('"level":"INFO"');
      process.stdout.write(
        `\nScanned ${Math.round(logs.length / 1024)} KB of logs and ${executions} execution histories (${Math.round(histories.length / 1024)} KB) for ${names.length} names, ${phones.length} phone numbers, national identity numbers, ${addresses.length} addresses, ${taskTokens.size} task tokens, ${statusTokens.length} status tokens and ${codes.length} codes\n`,
      );
      // The scanner finds what it looks for (so 0 hits below means something).
      const planted = `Sigrid Solberg ${ids.adult} ${[...taskTokens][0]} ${codes[0]} ${addresses[0]}`;
      expect(new Set(scan(planted, 'planted', needles()).map((h) => h.kind))).toEqual(
        new Set(['name', 'national identity number', 'task token', 'one-time code', 'email']),
      );
      expect(scan(`pid=${EID_TEST_USER}`, 'planted', needles()).map((h) => h.kind)).toContain(
        'eID test user number',
      );
    });

    it('finds none of it in the logs of the handlers, the workflow and the emulators', () => {
      // Assess
      expect(scan(logs, 'logs', needles())).toEqual([]);
      expect(
        phoneShaped(logs).filter((p) =>
          phones.some((q) => q.replace(/\D/g, '').endsWith(p.replace(/\D/g, '').slice(-8))),
        ),
      ).toEqual([]);
    });

    it('keeps addresses in the table only as keyed pseudonyms: a copy cannot be matched against a list of them', async () => {
      // Prepare: what someone with a copy of the table and a list of addresses would compute.
      const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
      const table = JSON.stringify(await stack().scanItems()).toLowerCase();
      // The key the stack generated for its secret, as Secrets Manager generates it on AWS.
      const secrets = join(stack().dataDir, 'secrets');
      const [keyFile, ...others] = readdirSync(secrets);
      expect(others).toEqual([]);
      const stackPseudonyms = keyedPseudonyms(readFileSync(join(secrets, keyFile ?? '')));

      // Assess
      for (const address of addresses) {
        const bare = [sha256(`subject:${address}`), sha256(address), sha256(mailboxOf(address)).slice(0, 32)];
        for (const guess of bare)
          expect({ address, found: table.includes(guess) }).toEqual({ address, found: false });
      }
      const foundByPseudonym = addresses.filter((address) =>
        table.includes(subjectHash(stackPseudonyms, address)),
      );
      expect(foundByPseudonym.length).toBeGreaterThanOrEqual(3);
    });

    it('finds none of it in any execution history (inputs and outputs of every state)', () => {
      // Assess
      expect(scan(histories, 'execution history', needles())).toEqual([]);
      expect(
        phoneShaped(histories).filter((p) =>
          phones.some((q) => q.replace(/\D/g, '').endsWith(p.replace(/\D/g, '').slice(-8))),
        ),
      ).toEqual([]);
    });
  });
}
