import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  BY_SUBJECT_INDEX,
  MESSAGES_BY_CONTROLLER_INDEX,
  OPEN_BY_DUE_DATE_INDEX,
  OPEN_TASKS_INDEX,
  REQUESTS_BY_CONTROLLER_INDEX,
} from '../../lambdas/config/table-indexes';

export interface DataTableProps {
  readonly key: IKey;
}

/**
 * The single table for contact messages, requests, their audit trail and the intake's counters.
 * Encrypted with our key, point-in-time recovery on, and protected from deletion: losing it would
 * lose people's requests and the evidence of how we handled them.
 */
export class DataTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: 'expiresAt',
    });
    for (const id of ['HIPAA.Security-DynamoDBInBackupPlan', 'NIST.800.53.R5-DynamoDBInBackupPlan']) {
      Validations.of(this.table).acknowledge({
        id,
        reason:
          'Point-in-time recovery keeps 35 days of restorable history. Longer backups in AWS Backup would keep personal data after people have had it erased, so we do not add them by default.',
      });
    }
    // Sparse: only open requests carry `openController`, so the daily sweep reads just those.
    this.table.addGlobalSecondaryIndex({
      indexName: OPEN_BY_DUE_DATE_INDEX,
      partitionKey: { name: 'openController', type: AttributeType.STRING },
      sortKey: { name: 'dueAt', type: AttributeType.STRING },
    });
    // Sparse: only open staff tasks carry `openTaskController`; the staff inbox reads just those.
    this.table.addGlobalSecondaryIndex({
      indexName: OPEN_TASKS_INDEX,
      partitionKey: { name: 'openTaskController', type: AttributeType.STRING },
      sortKey: { name: 'createdAt', type: AttributeType.STRING },
    });
    // Every real request (not duplicates) by company, newest first, for the staff list.
    this.table.addGlobalSecondaryIndex({
      indexName: REQUESTS_BY_CONTROLLER_INDEX,
      partitionKey: { name: 'requestController', type: AttributeType.STRING },
      sortKey: { name: 'receivedAt', type: AttributeType.STRING },
    });
    // Everything about one person (by the hash of their email): what a request collects, erases or holds.
    this.table.addGlobalSecondaryIndex({
      indexName: BY_SUBJECT_INDEX,
      partitionKey: { name: 'subjectHash', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
    });
    // Contact messages by company, newest first, for the staff's message inbox (only messages carry it).
    this.table.addGlobalSecondaryIndex({
      indexName: MESSAGES_BY_CONTROLLER_INDEX,
      partitionKey: { name: 'messageController', type: AttributeType.STRING },
      sortKey: { name: 'receivedAt', type: AttributeType.STRING },
    });
  }
}
