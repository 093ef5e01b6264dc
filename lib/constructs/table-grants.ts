import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';

export type TableAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query';

export interface TableGrantOptions {
  /** Also Query the table's indexes (the subject index, the open-tasks index…). */
  readonly indexes?: boolean;
  /** Also BatchWriteItem (bulk deletes of one person's items). */
  readonly batchWrite?: boolean;
}

/**
 * Grants exactly the DynamoDB actions a function uses, plus the matching use of the table's key.
 * CDK's grantReadWriteData would also hand out every index, scans and `kms:*` wildcards.
 */
export function grantTable(
  table: ITable,
  key: IKey,
  grantee: IGrantable,
  actions: TableAction[],
  options: TableGrantOptions = {},
): void {
  Grant.addToPrincipal({
    grantee,
    actions: [
      ...actions.map((action) => `dynamodb:${action}`),
      ...(options.batchWrite ? ['dynamodb:BatchWriteItem'] : []),
    ],
    resourceArns: [table.tableArn],
  });
  if (options.indexes) {
    Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:Query'],
      resourceArns: [`${table.tableArn}/index/*`],
    });
  }
  const writes = options.batchWrite || actions.some((a) => a !== 'GetItem' && a !== 'Query');
  key.grant(
    grantee,
    'kms:Decrypt',
    'kms:DescribeKey',
    ...(writes ? ['kms:Encrypt', 'kms:GenerateDataKey'] : []),
  );
}
