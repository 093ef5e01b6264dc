/**
 * Issuing a staff upload URL, on dynalite with the real stores (signing needs no S3): the key is recorded
 * for the request and system and the issue audited with system and size only; another company's request
 * is not there, whatever the body says, and a refused upload is not audited.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { staffUploadUrl } from '../../../lambdas/adapters/staff/upload-url';
import { DynamoAuditTrail } from '../../../lambdas/adapters/store/dynamo-audit-trail';
import { DynamoRequests } from '../../../lambdas/adapters/store/dynamo-requests';
import { DynamoIssuedUploads } from '../../../lambdas/adapters/store/dynamo-staff-tasks';
import { NotFoundError, ValidationError } from '../../../lambdas/domain/errors';
import { sterkPolicy } from '../../domain/policy/sterk-fixture';
import { useTestTables } from '../store/dynalite-table';
import { HASLE_STAFF, OTHER_COMPANY_STAFF, requestRecord, storeRequest } from './fixtures';

const NOW = new Date('2026-03-03T10:00:00.000Z');
const UNIQUE = '0d6f3c1e-8b0a-4f55-9c1e-2b7a0c9d4e11';
const client = new S3Client({
  region: 'eu-north-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  endpoint: 'http://127.0.0.1:4566',
  forcePathStyle: true,
  requestChecksumCalculation: 'WHEN_REQUIRED',
});
const upload = {
  systemId: 'pasientsky',
  fileName: 'journal.pdf',
  contentType: 'application/pdf',
  size: 1234,
};

describe('Function: staffUploadUrl', () => {
  let audit: DynamoAuditTrail;
  let issued: DynamoIssuedUploads;
  let issue: ReturnType<typeof staffUploadUrl>;

  useTestTables(async (database, table) => {
    audit = new DynamoAuditTrail(database.documents, table);
    issued = new DynamoIssuedUploads(database.documents, table);
    issue = staffUploadUrl({
      policy: sterkPolicy(),
      requests: new DynamoRequests(database.documents, table),
      issued,
      audit,
      client,
      bucket: 'personvern-exports',
      dataKeyArn: 'arn:aws:kms:eu-north-1:111122223333:key/data',
      newId: () => UNIQUE,
      clock: () => NOW,
    });
    const plan = {
      identityCheck: false,
      reasons: [],
      systems: [{ systemId: 'pasientsky', handling: 'manual' }],
    } as const;
    await storeRequest(database, table, requestRecord('r-1', { plan }));
  });

  it('records the key for the request and system, audits the issue, and hands out a signed PUT', async () => {
    // Act
    const grant = await issue(HASLE_STAFF, 'r-1', () => upload);

    // Assess
    expect(grant).toMatchObject({ method: 'PUT', expiresInSeconds: 900 });
    expect(grant.uploadKey).toContain(`uploads/r-1/pasientsky/${UNIQUE}`);
    expect(new URL(grant.url).pathname).toBe(`/personvern-exports/${grant.uploadKey}`);
    expect(grant.headers).toMatchObject({ 'Content-Type': 'application/pdf', 'Content-Length': '1234' });
    expect(await issued.find('r-1', grant.uploadKey)).toEqual({
      requestId: 'r-1',
      systemId: 'pasientsky',
      key: grant.uploadKey,
      issuedAt: NOW.toISOString(),
      issuedBy: 'siri',
    });
    const trail = await audit.list('r-1');
    expect(trail.map(({ action, actor, details }) => ({ action, actor, details }))).toEqual([
      {
        action: 'upload-url-issued',
        actor: { kind: 'staff', id: 'siri' },
        details: { systemId: 'pasientsky', size: 1234 },
      },
    ]);
  });

  it('answers another company’s request like one that does not exist, without reading the body', async () => {
    // Prepare
    const body = () => {
      throw new ValidationError('The body was read');
    };

    // Act
    const grant = issue(OTHER_COMPANY_STAFF, 'r-1', body);

    // Assess
    await expect(grant).rejects.toThrow(NotFoundError);
    expect(await audit.list('r-1')).toEqual([]);
  });

  it('refuses an upload for a system the request does not collect from manually, and audits nothing', async () => {
    // Act
    const grant = issue(HASLE_STAFF, 'r-1', () => ({ ...upload, systemId: 'brp-systems' }));

    // Assess
    await expect(grant).rejects.toThrow(ValidationError);
    expect(await audit.list('r-1')).toEqual([]);
  });
});
