import { accessKeyIdOf, functionAccessKeyId, functionOfAccessKeyId } from '../../../local/iam/credentials';

describe('per-function credentials', () => {
  it("reads the function back from its access key id, as the SDK's SigV4 header carries it", () => {
    const key = functionAccessKeyId('RequestsPostRequest61127D8F');
    const authorization = `AWS4-HMAC-SHA256 Credential=${key}/20260101/eu-north-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00`;
    expect(functionOfAccessKeyId(accessKeyIdOf({ authorization }))).toBe('RequestsPostRequest61127D8F');
  });

  it('treats the shared local key and unsigned calls as no function (not checked)', () => {
    const authorization =
      'AWS4-HMAC-SHA256 Credential=local/20260101/eu-north-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00';
    expect(functionOfAccessKeyId(accessKeyIdOf({ authorization }))).toBeUndefined();
    expect(functionOfAccessKeyId(accessKeyIdOf({}))).toBeUndefined();
  });
});
