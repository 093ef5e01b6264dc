/**
 * The export preview on an access or portability request's page: the files the data subject will get,
 * with the first rows of each table, so the reviewer sees the answer before approving it. Loaded only when
 * asked for (a button), because the API records every preview as a view of the person's data.
 */
import type { ExportPreview, PreviewFile } from '../../../lambdas/domain/staff/staff-api';
import type { StaffApi } from '../api';
import { facts, h, table } from '../dom';
import { refusalText, sayIn, signedOut, statusRegion } from '../feedback';
import { type Lang, nameOf, type Texts } from '../i18n';

export interface PreviewContext {
  readonly api: StaffApi;
  readonly text: Texts;
  readonly lang: Lang;
}

export const EXPORT_TYPES: readonly string[] = ['access', 'portability'];

export function exportPreviewSection(requestId: string, context: PreviewContext): HTMLElement {
  const { text } = context;
  const status = statusRegion('preview-status');
  const body = h('div', { id: 'preview-body' });
  const button = h(
    'button',
    { type: 'button', class: 'secondary', id: 'preview-button' },
    text.previewButton,
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.replaceChildren(h('p', {}, text.loading));
    try {
      const preview = await context.api.get<ExportPreview>(
        `/staff/requests/${encodeURIComponent(requestId)}/export-preview`,
      );
      status.replaceChildren();
      body.replaceChildren(...drawPreview(preview, context));
      button.hidden = true;
      body.querySelector('h3')?.focus();
    } catch (failure) {
      button.disabled = false;
      if (signedOut(failure)) return;
      sayIn(status, 'error', refusalText(failure, text.previewRefused, text));
    }
  });
  return h(
    'section',
    { 'aria-labelledby': 'preview-heading', id: 'export-preview' },
    h('h2', { id: 'preview-heading' }, text.previewTitle),
    h('p', { class: 'note' }, text.previewIntro),
    button,
    status,
    body,
  );
}

function drawPreview(preview: ExportPreview, { text }: PreviewContext): HTMLElement[] {
  const exportLang = nameOf(text.langNames, preview.lang);
  return [
    h('h3', { tabindex: -1 }, text.previewFiles),
    facts([[text.previewLanguage, exportLang]]),
    table(
      text.previewFiles,
      [text.colFile, text.colContent],
      preview.files.map((file) => [h('code', {}, file.path), describe(file, text)]),
    ),
    ...preview.files.flatMap((file) =>
      file.preview === undefined
        ? []
        : [
            h(
              'div',
              { class: 'preview-csv', 'data-path': file.path },
              file.preview.rows.length === 0
                ? h('p', {}, `${file.path}: ${text.previewEmpty}`)
                : table(
                    file.path,
                    file.preview.columns,
                    file.preview.rows.map(
                      (row) => file.preview?.columns.map((column) => cell(row[column])) ?? [],
                    ),
                  ),
              file.preview.truncated ? h('p', { class: 'note' }, text.previewMore) : '',
            ),
          ],
    ),
    h('h3', {}, text.previewPurposes),
    h(
      'ul',
      {},
      preview.purposes.map((p) =>
        h('li', {}, h('strong', {}, p.systemName), `: ${p.purpose} (${p.legalBasis})`),
      ),
    ),
    h('h3', {}, text.previewCategories),
    h(
      'ul',
      {},
      preview.categories.map((c) =>
        h('li', {}, c.special ? `${c.label} (${text.specialCategory})` : c.label),
      ),
    ),
  ];
}

function describe(file: PreviewFile, text: Texts): string {
  const kind = nameOf(text.fileKindNames, file.kind);
  if (file.kind === 'csv') return `${kind}: ${file.systemName ?? ''} – ${file.recordKind ?? ''}`;
  if (file.kind === 'upload') return `${kind}: ${file.systemName ?? ''} – ${file.fileName ?? ''}`;
  return kind;
}

/** One value of a previewed row, as the API sends it. */
type Cell = NonNullable<PreviewFile['preview']>['rows'][number][string];

function cell(value: Cell | undefined): string {
  return value === undefined || value === null ? '' : String(value);
}
