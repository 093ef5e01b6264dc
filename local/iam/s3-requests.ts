/**
 * What an S3 call asks IAM for, as S3 derives it from a path-style request (`/<bucket>/<key>`, the only style
 * the local S3 serves): the action and `arn:aws:s3:::<bucket>/<key>` for object operations, the bucket's ARN
 * for bucket operations, `*` for ListBuckets. Several checks where S3 makes several (CopyObject reads the
 * source and writes the target; DeleteObjects deletes each key; a PUT with tags also needs PutObjectTagging).
 * Multipart uploads are authorised as S3 documents them: creating, uploading a part and completing are
 * s3:PutObject, aborting is s3:AbortMultipartUpload, listing parts s3:ListMultipartUploadParts. A request this
 * does not know is an UnmappedRequestError, so the check refuses it rather than waving it through.
 * Sources: the S3 API reference ("Permissions" of each operation) and the Service Authorization Reference.
 *
 * With SSE-KMS (the bucket's default encryption in the template, or the request's own
 * x-amz-server-side-encryption headers), S3 uses the key with the caller's credentials, so the caller needs
 * kms:* on it too: writing an object kms:GenerateDataKey, reading one kms:Decrypt, creating a multipart upload
 * both, uploading a part kms:Decrypt, copying Decrypt on the source and GenerateDataKey on the target. These
 * are `kmsChecks`, apart from the call's own, since a read of a missing object never reaches KMS.
 */
import type { TemplateEncryption } from '../template/encryption';
import { type AccessCheck, kmsChecks, type WireRequest } from './requests';

/** What S3 needs to know of the template's encryption: each bucket's default key, and the keys by any name. */
export type S3Encryption = Pick<TemplateEncryption, 'buckets' | 'keyArnOf'>;

export class UnmappedS3RequestError extends Error {
  override readonly name = 'UnmappedS3RequestError';
  constructor(operation: string) {
    super(`The local IAM check does not know which action s3 ${operation} needs`);
  }
}

/** The operation a request is, with the object (or bucket) it names: what the 403/404 rule needs. */
export interface S3Call {
  readonly operation: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly checks: AccessCheck[];
  /** What the call needs on the KMS key of an SSE-KMS object, once the object is known to exist. */
  readonly kmsChecks: AccessCheck[];
}

export const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;
export const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;

/** Whether the request's body is needed to map it (DeleteObjects names its keys in the XML body). */
export function s3NeedsBody(method: string, url: string): boolean {
  const { query } = split(url);
  return method.toUpperCase() === 'POST' && query.has('delete');
}

export function s3Call(request: WireRequest, encryption?: S3Encryption): S3Call {
  const method = request.method.toUpperCase();
  const { segments, query } = split(request.url);
  // A presigned URL carries its signed x-amz-* headers in the query instead.
  const amz = (name: string): string | undefined => {
    const header = request.headers[name];
    if (header !== undefined) return Array.isArray(header) ? header.join(',') : header;
    for (const [param, value] of query) if (param.toLowerCase() === name) return value;
    return undefined;
  };
  const call = (
    operation: string,
    checks: AccessCheck[],
    bucket?: string,
    key?: string,
    kms: AccessCheck[] = [],
  ): S3Call => ({
    operation,
    checks,
    kmsChecks: kms,
    ...(bucket === undefined ? {} : { bucket }),
    ...(key === undefined ? {} : { key }),
  });

  if (segments.length === 0) {
    if (method === 'GET') return call('ListBuckets', [{ action: 's3:ListAllMyBuckets', resource: '*' }]);
    throw new UnmappedS3RequestError(`${method} /`);
  }
  const [bucket = '', ...rest] = segments;
  const onBucket = (action: string, conditions?: Record<string, string>): AccessCheck => ({
    action,
    resource: bucketArn(bucket),
    ...(conditions === undefined ? {} : { conditions }),
  });

  if (rest.length === 0) {
    // Listing: s3:prefix is what a policy's condition on ListBucket sees (empty when no prefix is asked for).
    const listing = (): Record<string, string> => ({
      's3:prefix': query.get('prefix') ?? '',
      ...(query.has('delimiter') ? { 's3:delimiter': query.get('delimiter') ?? '' } : {}),
      ...(query.has('max-keys') ? { 's3:max-keys': query.get('max-keys') ?? '' } : {}),
    });
    if (method === 'GET') {
      if (query.get('list-type') === '2')
        return call('ListObjectsV2', [onBucket('s3:ListBucket', listing())], bucket);
      if (query.has('uploads'))
        return call('ListMultipartUploads', [onBucket('s3:ListBucketMultipartUploads')], bucket);
      if (query.has('versions'))
        return call('ListObjectVersions', [onBucket('s3:ListBucketVersions', listing())], bucket);
      if (query.has('location')) return call('GetBucketLocation', [onBucket('s3:GetBucketLocation')], bucket);
      if (query.has('cors')) return call('GetBucketCors', [onBucket('s3:GetBucketCORS')], bucket);
      if (query.has('policy')) return call('GetBucketPolicy', [onBucket('s3:GetBucketPolicy')], bucket);
      if (query.has('tagging')) return call('GetBucketTagging', [onBucket('s3:GetBucketTagging')], bucket);
      if ([...query.keys()].every((name) => LIST_V1_PARAMS.has(name)))
        return call('ListObjects', [onBucket('s3:ListBucket', listing())], bucket);
    }
    // HeadBucket is authorised as ListBucket.
    if (method === 'HEAD') return call('HeadBucket', [onBucket('s3:ListBucket')], bucket);
    if (method === 'POST' && query.has('delete')) {
      const keys = [...request.body.matchAll(/<Key>([\s\S]*?)<\/Key>/g)].map((match) =>
        unescapeXml(match[1] ?? ''),
      );
      return call(
        'DeleteObjects',
        keys.map((key) => ({ action: 's3:DeleteObject', resource: objectArn(bucket, key) })),
        bucket,
      );
    }
    if (method === 'PUT' && query.has('cors'))
      return call('PutBucketCors', [onBucket('s3:PutBucketCORS')], bucket);
    if (method === 'PUT' && query.size === 0)
      return call('CreateBucket', [onBucket('s3:CreateBucket')], bucket);
    if (method === 'DELETE' && query.size === 0)
      return call('DeleteBucket', [onBucket('s3:DeleteBucket')], bucket);
    throw new UnmappedS3RequestError(`${method} /${bucket}?${[...query.keys()].join('&')}`);
  }

  const key = rest.join('/');
  const onObject = (action: string): AccessCheck => ({ action, resource: objectArn(bucket, key) });
  // The key an object is read with: its bucket's default (objects keep no key of their own locally).
  const readKey = (inBucket: string, ofKey: string, actions: string[]): AccessCheck[] => {
    const sse = encryption?.buckets.get(inBucket);
    if (sse === undefined) return [];
    const context = sse.bucketKey ? bucketArn(inBucket) : objectArn(inBucket, ofKey);
    return kmsChecks('s3', sse.keyArn, actions, { 'aws:s3:arn': context });
  };
  // The key a new object is written with: the request's own SSE headers, else the bucket's default.
  const writeKey = (actions: string[]): AccessCheck[] => {
    const algorithm = amz('x-amz-server-side-encryption');
    const named = amz('x-amz-server-side-encryption-aws-kms-key-id');
    const sse = encryption?.buckets.get(bucket);
    if (algorithm === undefined) return readKey(bucket, key, actions);
    if (!algorithm.startsWith('aws:kms')) return [];
    // No key named: the bucket's default key, or else the AWS managed aws/s3, which every caller may use.
    const keyArn = named === undefined ? sse?.keyArn : (encryption?.keyArnOf(named) ?? named);
    const context = sse?.bucketKey ? bucketArn(bucket) : objectArn(bucket, key);
    return kmsChecks('s3', keyArn, actions, { 'aws:s3:arn': context });
  };
  const object = (operation: string, actions: string[], extra: AccessCheck[] = [], kms: AccessCheck[] = []) =>
    call(operation, [...actions.map(onObject), ...extra], bucket, key, kms);
  const sourceOf = (): { bucket: string; key: string } | undefined => {
    const source = amz('x-amz-copy-source');
    if (source === undefined) return undefined;
    // `/<bucket>/<key>` or `<bucket>/<key>`, URL-encoded, optionally `?versionId=…`.
    const [path = ''] = source.split('?');
    const [sourceBucket = '', ...sourceKey] = decode(path.replace(/^\//, '')).split('/');
    return { bucket: sourceBucket, key: sourceKey.join('/') };
  };
  const copySource = (): AccessCheck[] => {
    const source = sourceOf();
    return source === undefined
      ? []
      : [{ action: 's3:GetObject', resource: objectArn(source.bucket, source.key) }];
  };
  const sourceKms = (): AccessCheck[] => {
    const source = sourceOf();
    return source === undefined ? [] : readKey(source.bucket, source.key, ['kms:Decrypt']);
  };
  // Tags or a canned ACL set with a PUT need their own actions as well.
  const alongside = (): string[] => [
    ...(amz('x-amz-tagging') !== undefined ? ['s3:PutObjectTagging'] : []),
    ...(amz('x-amz-acl') !== undefined ? ['s3:PutObjectAcl'] : []),
  ];

  switch (method) {
    case 'GET':
      if (query.has('uploadId')) return object('ListParts', ['s3:ListMultipartUploadParts']);
      // S3 asks for both: s3:GetObject and s3:GetObjectAttributes (unversioned buckets).
      if (query.has('attributes'))
        return object('GetObjectAttributes', ['s3:GetObject', 's3:GetObjectAttributes']);
      if (query.has('tagging')) return object('GetObjectTagging', ['s3:GetObjectTagging']);
      if (query.has('acl')) return object('GetObjectAcl', ['s3:GetObjectAcl']);
      if (query.has('versionId'))
        return object('GetObject', ['s3:GetObjectVersion'], [], readKey(bucket, key, ['kms:Decrypt']));
      return object('GetObject', ['s3:GetObject'], [], readKey(bucket, key, ['kms:Decrypt']));
    case 'HEAD':
      return object('HeadObject', [query.has('versionId') ? 's3:GetObjectVersion' : 's3:GetObject']);
    case 'PUT':
      if (query.has('uploadId') && query.has('partNumber'))
        return object(
          copySource().length > 0 ? 'UploadPartCopy' : 'UploadPart',
          ['s3:PutObject'],
          copySource(),
          [...readKey(bucket, key, ['kms:Decrypt']), ...sourceKms()],
        );
      if (query.has('tagging')) return object('PutObjectTagging', ['s3:PutObjectTagging']);
      if (query.has('acl')) return object('PutObjectAcl', ['s3:PutObjectAcl']);
      if (copySource().length > 0)
        return object('CopyObject', ['s3:PutObject', ...alongside()], copySource(), [
          ...sourceKms(),
          ...writeKey(['kms:GenerateDataKey']),
        ]);
      return object('PutObject', ['s3:PutObject', ...alongside()], [], writeKey(['kms:GenerateDataKey']));
    case 'POST':
      if (query.has('uploads'))
        return object(
          'CreateMultipartUpload',
          ['s3:PutObject', ...alongside()],
          [],
          writeKey(['kms:GenerateDataKey', 'kms:Decrypt']),
        );
      if (query.has('uploadId')) return object('CompleteMultipartUpload', ['s3:PutObject']);
      break;
    case 'DELETE':
      if (query.has('uploadId')) return object('AbortMultipartUpload', ['s3:AbortMultipartUpload']);
      if (query.has('tagging')) return object('DeleteObjectTagging', ['s3:DeleteObjectTagging']);
      return object('DeleteObject', [query.has('versionId') ? 's3:DeleteObjectVersion' : 's3:DeleteObject']);
  }
  throw new UnmappedS3RequestError(`${method} /${bucket}/${key}?${[...query.keys()].join('&')}`);
}

/** The query parameters of a ListObjects (v1) call, besides the presigned URL's own. */
const LIST_V1_PARAMS = new Set(['prefix', 'delimiter', 'marker', 'max-keys', 'encoding-type']);

function split(url: string): { segments: string[]; query: URLSearchParams } {
  const [path = '/', search = ''] = url.split('?', 2) as [string, string?];
  const query = new URLSearchParams(search);
  // The presigned URL's signature parameters name no operation.
  for (const name of [...query.keys()])
    if (/^x-amz-(algorithm|credential|date|expires|signedheaders|signature|security-token)$/i.test(name))
      query.delete(name);
  const segments = path.split('/').slice(1);
  // `/bucket/` is the bucket, `/bucket/a//b` keeps its empty segment as part of the key.
  if (segments.length === 2 && segments[1] === '') segments.pop();
  if (segments.length === 1 && segments[0] === '') segments.pop();
  return { segments: segments.map(decode), query };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&amp;/g, '&');
}
