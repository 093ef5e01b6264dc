import { type ExportPorts, prepareExport } from '../../../lambdas/domain/export/build';
import { CSV_BOM } from '../../../lambdas/domain/export/csv';
import { DataJsonSchema } from '../../../lambdas/domain/export/data-json-schema';
import { collectedSourceFromData } from '../../../lambdas/domain/export/files';
import type { Finding } from '../../../lambdas/domain/workflow/findings';
import { sterkPolicy } from '../policy/sterk-fixture';
import { accessRequest, collected, finding, GENERATED_AT, patientFindings, text } from './fixtures';

function ports(calls: string[] = []): ExportPorts {
  return {
    readCollected: async (systemId, findings) => {
      calls.push(`read ${systemId} (${findings.length})`);
      if (systemId === 'mailchimp') {
        return collected({
          member: [{ email: 'kari@example.no', status: 'subscribed' }],
          'activity log': [{ action: '=open', at: '2026-11-01' }],
        });
      }
      return collected({ messages: [{ id: 'm-1', message: 'Hei, "STERK"' }] });
    },
    openUpload: async (key) => {
      calls.push(`open ${key}`);
      return (async function* () {
        yield Buffer.from(`bytes of ${key}`);
      })();
    },
  };
}

describe('Function: prepareExport', () => {
  it('lays out index.html, data.json, a CSV per system and kind, then the uploads', async () => {
    // Act
    const prepared = await prepareExport(
      {
        policy: sterkPolicy(),
        request: accessRequest('nb'),
        findings: patientFindings(),
        generatedAt: GENERATED_AT,
      },
      ports(),
    );

    // Assess
    expect(prepared.contents.map((entry) => entry.path)).toEqual([
      'index.html',
      'data.json',
      'mailchimp/member.csv',
      'mailchimp/activity-log.csv',
      'personvern/messages.csv',
      'uploads/pasientsky/journal.pdf',
    ]);
    expect(prepared.contents[3]).toEqual({
      path: 'mailchimp/activity-log.csv',
      kind: 'csv',
      systemId: 'mailchimp',
      systemName: 'Mailchimp',
      recordKind: 'activity log',
    });
  });

  it('reads collected records and opens uploads only when the files are consumed, one at a time', async () => {
    // Prepare
    const calls: string[] = [];
    const prepared = await prepareExport(
      {
        policy: sterkPolicy(),
        request: accessRequest('en'),
        findings: patientFindings(),
        generatedAt: GENERATED_AT,
      },
      ports(calls),
    );
    const contents: Record<string, string> = {};

    // Act
    const before = [...calls];
    for await (const file of prepared.files) {
      calls.push(`file ${file.path}`);
      contents[file.path] = await text(file.content);
    }

    // Assess
    expect(before).toEqual(['read mailchimp (1)', 'read personvern (1)']);
    expect(calls.slice(2)).toEqual([
      'file index.html',
      'file data.json',
      'file mailchimp/member.csv',
      'file mailchimp/activity-log.csv',
      'file personvern/messages.csv',
      'file uploads/pasientsky/journal.pdf',
      'open uploads/r-0001/pasientsky/journal.pdf',
    ]);
    expect(contents['uploads/pasientsky/journal.pdf']).toBe('bytes of uploads/r-0001/pasientsky/journal.pdf');
    expect(contents['mailchimp/activity-log.csv']).toBe(`${CSV_BOM}action,at\r\n'=open,2026-11-01\r\n`);
    expect(contents['index.html']).toContain('<html lang="en">');
    const data = DataJsonSchema.parse(JSON.parse(contents['data.json'] ?? ''));
    expect(data.files.map((entry) => entry.path)).toEqual(prepared.contents.map((entry) => entry.path));
    expect(data.systems.map((system) => system.systemId)).toEqual(['pasientsky', 'mailchimp', 'personvern']);
    expect(data.systems[1]?.recordKinds[1]?.records).toEqual([{ action: '=open', at: '2026-11-01' }]);
  });

  it('keeps uploaded file names readable but safe, and distinct', async () => {
    // Prepare
    const findings: Finding[] = [
      ...patientFindings().filter((entry) => entry.systemId !== 'pasientsky'),
      finding('pasientsky', 'staff-upload', ['health-record']),
    ];
    const uploads = [
      { systemId: 'pasientsky', key: 'uploads/a', fileName: 'C:\\Users\\staff\\Journal Ærlig.pdf' },
      { systemId: 'pasientsky', key: 'uploads/b', fileName: 'journal ærlig.PDF' },
      { systemId: 'pasientsky', key: 'uploads/c', fileName: 'Journal Ærlig.pdf' },
      { systemId: 'pasientsky', key: 'uploads/d', fileName: '../../etc/passwd' },
      { systemId: 'pasientsky', key: 'uploads/e', fileName: '..' },
      { systemId: 'pasientsky', key: 'uploads/f/scan<1>?.png' },
    ];

    // Act
    const prepared = await prepareExport(
      { policy: sterkPolicy(), request: accessRequest('nb'), findings, generatedAt: GENERATED_AT, uploads },
      ports(),
    );

    // Assess
    expect(prepared.contents.filter((entry) => entry.kind === 'upload').map((entry) => entry.path)).toEqual([
      'uploads/pasientsky/Journal Ærlig.pdf',
      // Names that differ only in case would overwrite each other when unpacked on Windows or macOS.
      'uploads/pasientsky/journal ærlig (2).PDF',
      'uploads/pasientsky/Journal Ærlig (3).pdf',
      'uploads/pasientsky/passwd',
      'uploads/pasientsky/upload',
      'uploads/pasientsky/scan_1_.png',
    ]);
  });

  it('refuses request types that have no export, and uploads for systems the policy lacks', async () => {
    // Prepare
    const base = { policy: sterkPolicy(), findings: patientFindings(), generatedAt: GENERATED_AT };

    // Act
    const erasure = prepareExport({ ...base, request: accessRequest('nb', { type: 'erasure' }) }, ports());
    const stranger = prepareExport(
      { ...base, request: accessRequest('nb'), uploads: [{ systemId: 'old-crm', key: 'uploads/x' }] },
      ports(),
    );

    // Assess
    await expect(erasure).rejects.toThrow(/erasure request has no export/);
    await expect(stranger).rejects.toThrow(/system "old-crm"/);
  });

  it('takes a connector’s in-memory result as a source, one kind per key, readable more than once', async () => {
    // Prepare
    const source = collectedSourceFromData({
      categories: ['email'],
      records: { member: [{ email: 'kari@example.no' }], tags: [{ tag: 'vip' }, { tag: 'yoga' }] },
    });

    // Act
    const read = async (index: number) => {
      const out: unknown[] = [];
      for await (const record of source.kinds[index]?.records() ?? []) out.push(record);
      return out;
    };

    // Assess
    expect(source.kinds.map((kind) => kind.kind)).toEqual(['member', 'tags']);
    expect(await read(1)).toEqual([{ tag: 'vip' }, { tag: 'yoga' }]);
    expect(await read(1)).toEqual([{ tag: 'vip' }, { tag: 'yoga' }]);
  });
});
