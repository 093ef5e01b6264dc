import {
  choiceLabel,
  decisionPayload,
  TASK_CHOICES,
  type TaskType,
  uploadContentType,
  uploadHeaders,
} from '../../console/src/decisions';
import { TEXTS } from '../../console/src/i18n';
import { readDecision } from '../../lambdas/domain/workflow/tasks';

describe('decisionPayload', () => {
  it.each([
    ['identity-check', 'approve', '', { decision: 'approve' }],
    ['identity-check', 'approve', ' Ringte pasienten ', { decision: 'approve', comment: 'Ringte pasienten' }],
    ['identity-check', 'reject', 'Ikke samme person', { decision: 'reject', comment: 'Ikke samme person' }],
    ['identity-check', 'ask-info', 'Send kopi av ID', { decision: 'ask-info', comment: 'Send kopi av ID' }],
    ['review', 'approve', '', { decision: 'approve' }],
    ['review', 'reject', 'Unntatt etter § 16', { decision: 'reject', comment: 'Unntatt etter § 16' }],
    ['manual-action', undefined, 'Slettet i BRP', { decision: 'approve', comment: 'Slettet i BRP' }],
    ['attention', 'approve', '', { decision: 'approve' }],
    ['attention', 'reject', 'Dobbel forespørsel', { decision: 'reject', comment: 'Dobbel forespørsel' }],
    [
      'manual-collection',
      'no-data',
      'Søkte på navn og fødselsdato',
      { decision: 'approve', noDataFound: true, comment: 'Søkte på navn og fødselsdato' },
    ],
  ] as const)('builds %s / %s into what the API accepts', (type, choice, text, expected) => {
    // Prepare
    const form = { choice, text };

    // Act
    const result = decisionPayload(type, form);

    // Assess
    expect(result).toEqual({ ok: true, payload: expected });
    if (result.ok) expect(readDecision(type, result.payload)).toEqual(expected);
  });

  it('approves a manual collection with the upload key, which the API accepts', () => {
    // Prepare
    const form = {
      choice: 'upload',
      text: '',
      uploadKey: 'uploads/req-1/pasientsky/6f14d2b9-5006-486e-8d47-85bf1076234d-export.pdf',
    };

    // Act
    const result = decisionPayload('manual-collection', form);

    // Assess
    expect(result).toEqual({
      ok: true,
      payload: {
        decision: 'approve',
        uploadKey: 'uploads/req-1/pasientsky/6f14d2b9-5006-486e-8d47-85bf1076234d-export.pdf',
      },
    });
    if (result.ok) expect(() => readDecision('manual-collection', result.payload)).not.toThrow();
  });

  it.each([
    ['identity-check', undefined, 'x', 'errChooseDecision', 'choice'],
    ['identity-check', 'delete', 'x', 'errChooseDecision', 'choice'],
    ['identity-check', 'reject', '  ', 'errReasonRequired', 'text'],
    ['identity-check', 'ask-info', '', 'errQuestionRequired', 'text'],
    ['review', 'ask-info', 'x', 'errChooseDecision', 'choice'],
    ['review', 'reject', '', 'errReasonRequired', 'text'],
    ['attention', 'reject', '', 'errReasonRequired', 'text'],
    ['manual-action', 'approve', '', 'errWhatDone', 'text'],
    ['manual-collection', 'no-data', '', 'errWhereLooked', 'text'],
    ['manual-collection', 'upload', 'fine', 'errFileRequired', 'file'],
    ['review', 'approve', 'x'.repeat(2001), 'errTooLong', 'text'],
  ] as const)('refuses %s / %s / %j with %s', (type, choice, text, error, field) => {
    // Prepare
    const form = { choice, text };

    // Act
    const result = decisionPayload(type, form);

    // Assess
    expect(result).toEqual({ ok: false, error, field });
  });

  it('labels every choice of every task type in both languages', () => {
    // Prepare
    const pairs = Object.entries(TASK_CHOICES).flatMap(([type, choices]) =>
      choices.map((choice) => [type as TaskType, choice] as const),
    );

    // Act
    const labels = pairs.flatMap(([type, choice]) => [
      choiceLabel(type, choice, TEXTS.nb),
      choiceLabel(type, choice, TEXTS.en),
    ]);

    // Assess
    expect(labels).toHaveLength(pairs.length * 2);
    for (const [index, [, choice]] of pairs.entries()) {
      expect(labels[index * 2]).not.toBe(choice);
      expect(labels[index * 2 + 1]).not.toBe(choice);
    }
  });
});

describe('uploads', () => {
  it.each([
    ['eksport.pdf', 'application/pdf', 'application/pdf'],
    ['eksport.csv', '', 'text/csv'],
    [
      'Eksport.XLSX',
      'application/octet-stream',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    ['eksport', '', 'application/octet-stream'],
  ])('signs %s (browser type %j) as %s', (name, browserType, expected) => {
    // Prepare
    const file = { name, type: browserType };

    // Act
    const type = uploadContentType(file.name, file.type);

    // Assess
    expect(type).toBe(expected);
  });

  it('sends the signed headers except Content-Length, which the browser sets', () => {
    // Prepare
    const signed = {
      'Content-Type': 'text/plain',
      'Content-Length': '12',
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:eu-north-1:1:key/k',
    };

    // Act
    const sent = uploadHeaders(signed);

    // Assess
    expect(sent).toEqual({
      'Content-Type': 'text/plain',
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:eu-north-1:1:key/k',
    });
  });
});
