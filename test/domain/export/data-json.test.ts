import { art15Information, type ExportRequest } from '../../../lambdas/domain/export/art15';
import {
  type DataJsonInput,
  dataJsonChunks,
  EXPORT_SCHEMA_VERSION,
} from '../../../lambdas/domain/export/data-json';
import { DataJsonSchema } from '../../../lambdas/domain/export/data-json-schema';
import { sterkPolicy } from '../policy/sterk-fixture';
import { accessRequest, GENERATED_AT, patientFindings, recordsOf, text } from './fixtures';

function input(overrides: Partial<DataJsonInput> = {}): DataJsonInput {
  const request = accessRequest('en');
  const art15 = art15Information({ policy: sterkPolicy(), request, findings: patientFindings() });
  return {
    generatedAt: GENERATED_AT,
    request,
    controllerName: 'STERK Helse & Trening AS',
    art15,
    files: [
      { path: 'index.html', kind: 'index' },
      { path: 'data.json', kind: 'data' },
      {
        path: 'mailchimp/member.csv',
        kind: 'csv',
        systemId: 'mailchimp',
        systemName: 'Mailchimp',
        recordKind: 'member',
      },
      {
        path: 'mailchimp/tags.csv',
        kind: 'csv',
        systemId: 'mailchimp',
        systemName: 'Mailchimp',
        recordKind: 'tags',
      },
      {
        path: 'uploads/pasientsky/journal.pdf',
        kind: 'upload',
        systemId: 'pasientsky',
        systemName: 'PasientSky',
        fileName: 'journal.pdf',
      },
    ],
    systems: [
      {
        systemId: 'pasientsky',
        systemName: 'PasientSky',
        findings: [
          {
            source: 'staff-upload',
            categories: ['health-record'],
            recordCount: 1,
            lastActivityDate: '2026-10-01',
            collectedAt: '2026-11-24T10:00:00Z',
          },
        ],
        recordKinds: [],
        uploads: [{ path: 'uploads/pasientsky/journal.pdf', fileName: 'journal.pdf' }],
      },
      {
        systemId: 'mailchimp',
        systemName: 'Mailchimp',
        findings: [
          { source: 'connector', categories: ['email'], recordCount: 3, collectedAt: '2026-11-24T10:00:00Z' },
        ],
        recordKinds: [
          {
            kind: 'member',
            csvPath: 'mailchimp/member.csv',
            records: recordsOf([
              { email: 'kari@example.no', status: 'subscribed', rating: 4, vip: false, merge: null },
              { email: 'ola@example.no', note: 'Line\nbreak, "quotes", \u2028 and ]}' },
            ]),
          },
          { kind: 'tags', csvPath: 'mailchimp/tags.csv', records: recordsOf([]) },
        ],
        uploads: [],
      },
    ],
    ...overrides,
  };
}

describe('Function: dataJsonChunks', () => {
  it('writes JSON that matches the documented shape', async () => {
    // Act
    const json = JSON.parse(await text(dataJsonChunks(input())));

    // Assess
    const result = DataJsonSchema.safeParse(json);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(json.schemaVersion).toBe(EXPORT_SCHEMA_VERSION);
    expect(json.request).toEqual({
      id: 'r-0001',
      type: 'access',
      controllerId: 'sterk-helse-og-trening',
      controllerName: 'STERK Helse & Trening AS',
      lang: 'en',
      receivedDate: '2026-11-20',
    });
    expect(json.art15.purposes.map((purpose: { systemId: string }) => purpose.systemId)).toEqual([
      'pasientsky',
      'mailchimp',
      'personvern',
    ]);
  });

  it('carries every record unchanged, with the count after the records', async () => {
    // Act
    const json = JSON.parse(await text(dataJsonChunks(input())));

    // Assess
    const mailchimp = json.systems[1];
    expect(mailchimp.recordKinds).toEqual([
      {
        kind: 'member',
        csvPath: 'mailchimp/member.csv',
        records: [
          { email: 'kari@example.no', status: 'subscribed', rating: 4, vip: false, merge: null },
          { email: 'ola@example.no', note: 'Line\nbreak, "quotes", \u2028 and ]}' },
        ],
        recordCount: 2,
      },
      { kind: 'tags', csvPath: 'mailchimp/tags.csv', records: [], recordCount: 0 },
    ]);
    expect(json.systems[0].uploads).toEqual([
      { path: 'uploads/pasientsky/journal.pdf', fileName: 'journal.pdf' },
    ]);
    expect(json.systems[0].recordKinds).toEqual([]);
  });

  it('leaves out everything on the request record but the documented metadata', async () => {
    // Prepare
    const record = {
      ...accessRequest('en'),
      statusTokenHashes: ['hash-of-the-status-token'],
      taskToken: 'workflow-task-token',
      verification: { codeHash: 'hash-of-the-code' },
      requester: { name: 'Kari', email: 'kari@example.no' },
    } as ExportRequest;

    // Act
    const output = await text(dataJsonChunks(input({ request: record })));

    // Assess
    expect(output).not.toContain('hash-of-the-status-token');
    expect(output).not.toContain('workflow-task-token');
    expect(output).not.toContain('hash-of-the-code');
    expect(Object.keys(JSON.parse(output).request)).toEqual([
      'id',
      'type',
      'controllerId',
      'controllerName',
      'lang',
      'receivedDate',
    ]);
  });

  it('is valid JSON with no systems at all', async () => {
    // Act
    const json = JSON.parse(await text(dataJsonChunks(input({ systems: [] }))));

    // Assess
    expect(json.systems).toEqual([]);
    expect(DataJsonSchema.safeParse(json).success).toBe(true);
  });

  it('streams 50,000 records in bounded chunks that parse together', async () => {
    // Prepare
    const many = async function* () {
      for (let index = 0; index < 50_000; index++) yield { id: index, email: `person${index}@example.no` };
    };
    const base = input();
    const systems = [
      { ...base.systems[1], recordKinds: [{ kind: 'member', csvPath: 'm.csv', records: many }] },
    ];
    const sizes: number[] = [];
    let all = '';

    // Act
    for await (const chunk of dataJsonChunks(input({ systems: systems as DataJsonInput['systems'] }))) {
      sizes.push(chunk.length);
      all += chunk;
    }

    // Assess
    const json = JSON.parse(all);
    expect(json.systems[0].recordKinds[0].recordCount).toBe(50_000);
    expect(json.systems[0].recordKinds[0].records[49_999]).toEqual({
      id: 49_999,
      email: 'person49999@example.no',
    });
    expect(sizes.length).toBeGreaterThan(20);
    expect(Math.max(...sizes)).toBeLessThan(80 * 1024);
  });
});
