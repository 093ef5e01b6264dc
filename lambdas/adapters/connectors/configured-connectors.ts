/**
 * The connectors the policy's `automated` systems name, built once per container. Mailchimp's
 * credentials are read from Secrets Manager on first use (and cached by the reader), so a function that
 * never reaches Mailchimp never asks for them.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Connector, DataSubject } from '../../domain/connectors/connector';
import type { Connector as ConnectorId } from '../../domain/policy/schema';
import type { Pseudonyms } from '../../domain/pseudonyms';
import { InternalConnector } from '../store/internal-connector';
import { MailchimpConnector } from './mailchimp';
import { MailchimpCredentialsReader } from './mailchimp-credentials';

export interface ConnectorSettings {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The internal connector finds the person's contact messages by their pseudonym. */
  readonly pseudonyms: Pseudonyms;
  readonly mailchimpSecretId: string;
  /** Only for the local stack's fake Mailchimp; unset on AWS. */
  readonly mailchimpBaseUrl?: string;
}

export function configuredConnectors(settings: ConnectorSettings): Record<ConnectorId, Connector> {
  const reader = new MailchimpCredentialsReader(new SecretsManagerClient());
  const mailchimp = async () => {
    const credentials = await reader.read(settings.mailchimpSecretId);
    return new MailchimpConnector({
      ...credentials,
      ...(settings.mailchimpBaseUrl === undefined ? {} : { baseUrl: settings.mailchimpBaseUrl }),
    });
  };
  return {
    internal: new InternalConnector(settings.documents, settings.tableName, settings.pseudonyms),
    mailchimp: {
      collect: async (subject: DataSubject) => (await mailchimp()).collect(subject),
      erase: async (subject: DataSubject) => (await mailchimp()).erase(subject),
      suppress: async (subject: DataSubject) => (await mailchimp()).suppress(subject),
    },
  };
}
