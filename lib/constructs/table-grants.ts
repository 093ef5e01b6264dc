import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';

/**
 * Grants exactly the DynamoDB actions a function uses, plus the matching use of the table's key.
 * CDK's grantReadWriteData would also hand out every index, scans and `kms:*` wildcards.
 */
export function grantTable(
  table: ITable,
  key: IKey,
  grantee: IGrantable,
  actions: ('GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query')[],
): void {
  Grant.addToPrincipal({
    grantee,
    actions: actions.map((action) => `dynamodb:${action}`),
    resourceArns: [table.tableArn],
  });
  const writes = actions.some((a) => a !== 'GetItem' && a !== 'Query');
  key.grant(
    grantee,
    'kms:Decrypt',
    'kms:DescribeKey',
    ...(writes ? ['kms:Encrypt', 'kms:GenerateDataKey'] : []),
  );
}
