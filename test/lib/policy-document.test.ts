import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { jest } from '@jest/globals';
import { App, Stack } from 'aws-cdk-lib';
import { StaffAuth } from '../../lib/constructs/staff-auth';
import { repoRoot } from '../../lib/paths';
import { loadPolicyDocument, POLICY_LINT_AT_SYNTH } from '../../lib/policy-document';
import { fixedSterkDocument } from '../domain/policy/lint/lint-fixture';

describe('Function: loadPolicyDocument (synth)', () => {
  let dir: string;
  /** A document file, as a path relative to the repository root, as the settings give it. */
  const write = async (name: string, document: unknown) => {
    const file = join(dir, name);
    await writeFile(file, JSON.stringify(document));
    return relative(repoRoot, file);
  };
  let warn: ReturnType<typeof jest.spyOn>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'personvern-policy-document-'));
  });

  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    warn.mockRestore();
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A policy with one lint error: the pixel back on legitimate interest. */
  const withTrackerError = () => {
    const document = fixedSterkDocument();
    document.systems.find((system: { id: string }) => system.id === 'facebook-pixel').legalBasis.article6 = [
      'f',
    ];
    return document;
  };

  it('refuses a policy the schema refuses, whatever the lint setting', async () => {
    // Prepare
    const document = fixedSterkDocument();
    document.controllers[1].orgNumber = '827118363';
    const file = await write('invalid.json', document);

    // Act and assess
    expect(() => loadPolicyDocument(file, { lint: 'report' })).toThrow(
      /is not a valid policy document:\n {2}controllers\[1\]\.orgNumber: 827118363 fails the mod-11 check/,
    );
  });

  it('refuses a policy with lint errors when set to refuse, naming each error', async () => {
    // Prepare
    const file = await write('tracker.json', withTrackerError());

    // Act and assess
    expect(() => loadPolicyDocument(file, { lint: 'refuse' })).toThrow(
      /so synth stops:\n {2}systems\.facebook-pixel\.legalBasis: facebook-pixel: tracker on legitimate interest; ekomloven § 3-15 requires consent \(error\)/,
    );
  });

  it('prints the lint errors once per file and goes on when set to report', async () => {
    // Prepare
    const file = await write('tracker-report.json', withTrackerError());

    // Act
    const policy = loadPolicyDocument(file, { lint: 'report' });
    loadPolicyDocument(file, { lint: 'report' });

    // Assess
    expect(policy.organisation.name).toBe('STERK');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain(
      'systems.facebook-pixel.legalBasis: facebook-pixel: tracker on legitimate interest',
    );
  });

  it('loads a policy without lint errors silently, even when set to refuse', async () => {
    // Prepare
    const file = await write('fixed.json', fixedSterkDocument());

    // Act
    const policy = loadPolicyDocument(file, { lint: 'refuse' });

    // Assess
    expect(policy.version).toBe(fixedSterkDocument().version);
    expect(warn).not.toHaveBeenCalled();
  });

  it('refuses at synth by default, now that STERK lints clean (the Art. 21(1) objection, issue 18 item 3)', async () => {
    // Prepare
    const file = await write('tracker-default.json', withTrackerError());

    // Act and assess
    expect(POLICY_LINT_AT_SYNTH).toBe('refuse');
    expect(() => loadPolicyDocument(file)).toThrow(/so synth stops/);
    expect(() => loadPolicyDocument('policy/sterk.json')).not.toThrow();
    expect(warn).not.toHaveBeenCalled();
  });

  it('fails synth of a stack whose policy has a lint error', async () => {
    // Prepare
    const file = await write('tracker-synth.json', withTrackerError());
    const stack = () =>
      new Stack(new App(), 'Test', { env: { region: 'eu-north-1', account: '111111111111' } });
    const staffAuth = (policyFile: string) =>
      new StaffAuth(stack(), 'StaffAuth', {
        policyFile,
        callbackUrls: ['https://personvern.example/console'],
        consoleUrl: 'https://personvern.example/console',
        domainPrefix: 'personvern-test',
      });

    // Act and assess
    expect(() => staffAuth(file)).toThrow(
      /breaks the law's rules for a privacy notice \(1 error\), so synth stops:\n {2}systems\.facebook-pixel/,
    );
    expect(() => staffAuth('policy/sterk.json')).not.toThrow();
  });
});
