import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { SesMailer } from '../../adapters/email/ses-mailer';
import { formLanguage } from '../../adapters/http/form-language';
import { httpHandler } from '../../adapters/http/http-handler';
import { answerRequester } from '../../adapters/http/requester-answer';
import { pageLinks, requesterPageSecurity, statusTokenOf } from '../../adapters/http/requester-page';
import { resendJson, resendPage } from '../../adapters/http/resend-answer';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { RequesterMailEnv } from '../../config/environments';
import { resendCode } from '../../domain/requests/resend-code';
import { cryptoSecrets } from '../../domain/requests/secrets';

const env = RequesterMailEnv.parse(process.env);
const deps = {
  requests: new DynamoRequests(DynamoDBDocumentClient.from(new DynamoDBClient()), env.TABLE_NAME),
  mailer: new SesMailer(new SESv2Client(), { configurationSetName: env.SES_CONFIGURATION_SET }),
  mailFrom: env.MAIL_FROM,
  publicBaseUrl: env.PUBLIC_BASE_URL,
  secrets: cryptoSecrets,
  clock: () => new Date(),
};

/** `POST /requests/{id}/resend`: a new code by email, at most once a minute and a few times in all. */
async function resend(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const id = event.pathParameters?.id ?? '';
  return answerRequester(event, formLanguage(event), {
    run: () => resendCode(id, deps),
    logMessage: 'New code asked for',
    page: (outcome, lang) =>
      resendPage(outcome, lang, pageLinks(env.PUBLIC_BASE_URL, id, lang, statusTokenOf(event))),
    json: resendJson,
  });
}

export const handler = httpHandler(resend, requesterPageSecurity);
