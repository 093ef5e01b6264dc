/**
 * How each path-style S3 request maps to the IAM actions and ARNs S3 authorises it with (the S3 API reference's
 * "Permissions" of each operation): object operations on `arn:aws:s3:::<bucket>/<key>`, bucket operations on
 * the bucket's ARN with `s3:prefix` for listings, every key of a batch delete, both sides of a copy.
 */
import type { WireRequest } from '../../../local/iam/requests';
import { s3Call, s3NeedsBody, UnmappedS3RequestError } from '../../../local/iam/s3-requests';

const wire = (method: string, url: string, extra: Partial<WireRequest> = {}): WireRequest => ({
  method,
  url,
  headers: {},
  body: '',
  ...extra,
});
const checks = (method: string, url: string, extra: Partial<WireRequest> = {}) =>
  s3Call(wire(method, url, extra)).checks;

describe('object operations', () => {
  it.each([
    ['GET', '/exports/requests/r-1/export.zip', 'GetObject', 's3:GetObject'],
    ['HEAD', '/exports/requests/r-1/export.zip', 'HeadObject', 's3:GetObject'],
    ['PUT', '/exports/requests/r-1/export.zip', 'PutObject', 's3:PutObject'],
    ['DELETE', '/exports/requests/r-1/export.zip', 'DeleteObject', 's3:DeleteObject'],
    ['POST', '/exports/requests/r-1/export.zip?uploads', 'CreateMultipartUpload', 's3:PutObject'],
    ['PUT', '/exports/requests/r-1/export.zip?partNumber=1&uploadId=u', 'UploadPart', 's3:PutObject'],
    ['POST', '/exports/requests/r-1/export.zip?uploadId=u', 'CompleteMultipartUpload', 's3:PutObject'],
    [
      'DELETE',
      '/exports/requests/r-1/export.zip?uploadId=u',
      'AbortMultipartUpload',
      's3:AbortMultipartUpload',
    ],
    ['GET', '/exports/requests/r-1/export.zip?uploadId=u', 'ListParts', 's3:ListMultipartUploadParts'],
    ['GET', '/exports/requests/r-1/export.zip?tagging', 'GetObjectTagging', 's3:GetObjectTagging'],
  ])('%s %s is %s: %s on the object', (method, url, operation, action) => {
    const call = s3Call(wire(method, url));
    expect(call.operation).toBe(operation);
    expect(call.bucket).toBe('exports');
    expect(call.key).toBe('requests/r-1/export.zip');
    expect(call.checks).toEqual([{ action, resource: 'arn:aws:s3:::exports/requests/r-1/export.zip' }]);
  });

  it('decodes the key as S3 names it in the ARN', () => {
    expect(checks('GET', '/exports/uploads/r%201/m%C3%A5ling.csv')).toEqual([
      { action: 's3:GetObject', resource: 'arn:aws:s3:::exports/uploads/r 1/måling.csv' },
    ]);
  });

  it('authorises a presigned URL by its operation, not by its signature parameters', () => {
    const url =
      '/exports/requests/r-1/export.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=LOCALFNx%2F20260101%2Feu-north-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=ab&response-content-disposition=attachment';
    expect(s3Call(wire('GET', url)).operation).toBe('GetObject');
    expect(s3Call(wire('PUT', url)).operation).toBe('PutObject');
  });

  it('asks for GetObject and GetObjectAttributes for GetObjectAttributes', () => {
    expect(checks('GET', '/b/k?attributes').map((c) => c.action)).toEqual([
      's3:GetObject',
      's3:GetObjectAttributes',
    ]);
  });

  it('checks a copy on both sides: GetObject on the source, PutObject on the target', () => {
    expect(checks('PUT', '/b/to/k', { headers: { 'x-amz-copy-source': '/src/from/k%201' } })).toEqual([
      { action: 's3:PutObject', resource: 'arn:aws:s3:::b/to/k' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::src/from/k 1' },
    ]);
  });

  it('needs PutObjectTagging as well for a PUT that sets tags (header or presigned query)', () => {
    expect(checks('PUT', '/b/k', { headers: { 'x-amz-tagging': 'a=b' } }).map((c) => c.action)).toEqual([
      's3:PutObject',
      's3:PutObjectTagging',
    ]);
    expect(checks('PUT', '/b/k?x-amz-tagging=a%3Db').map((c) => c.action)).toEqual([
      's3:PutObject',
      's3:PutObjectTagging',
    ]);
  });
});

describe('bucket operations', () => {
  it('lists with ListBucket on the bucket, with the prefix asked for as s3:prefix', () => {
    expect(checks('GET', '/exports?list-type=2&prefix=requests%2Fr-1%2F')).toEqual([
      {
        action: 's3:ListBucket',
        resource: 'arn:aws:s3:::exports',
        conditions: { 's3:prefix': 'requests/r-1/' },
      },
    ]);
    // No prefix is the empty prefix, which a `requests/*` condition does not match.
    expect(checks('GET', '/exports/?list-type=2')).toEqual([
      { action: 's3:ListBucket', resource: 'arn:aws:s3:::exports', conditions: { 's3:prefix': '' } },
    ]);
    expect(s3Call(wire('GET', '/exports?prefix=a&delimiter=%2F')).operation).toBe('ListObjects');
  });

  it('authorises HeadBucket as ListBucket and ListBuckets as ListAllMyBuckets', () => {
    expect(checks('HEAD', '/exports')).toEqual([
      { action: 's3:ListBucket', resource: 'arn:aws:s3:::exports' },
    ]);
    expect(checks('GET', '/')).toEqual([{ action: 's3:ListAllMyBuckets', resource: '*' }]);
  });

  it('checks DeleteObject on every key of a batch delete, which needs the body', () => {
    expect(s3NeedsBody('POST', '/exports?delete')).toBe(true);
    expect(s3NeedsBody('PUT', '/exports/k')).toBe(false);
    const body =
      '<Delete><Object><Key>requests/r-1/a.json</Key></Object><Object><Key>uploads/r-1/b&amp;c.csv</Key></Object></Delete>';
    expect(checks('POST', '/exports?delete', { body })).toEqual([
      { action: 's3:DeleteObject', resource: 'arn:aws:s3:::exports/requests/r-1/a.json' },
      { action: 's3:DeleteObject', resource: 'arn:aws:s3:::exports/uploads/r-1/b&c.csv' },
    ]);
  });

  it('refuses to guess an operation it does not know', () => {
    expect(() => s3Call(wire('PUT', '/exports?lifecycle'))).toThrow(UnmappedS3RequestError);
    expect(() => s3Call(wire('POST', '/'))).toThrow(UnmappedS3RequestError);
  });
});
