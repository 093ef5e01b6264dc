/**
 * Names for the ids the API returns (companies, systems, categories), from the policy document at build
 * time: esbuild replaces `PERSONVERN_CATALOG` with a literal (console/build.ts). No personal data.
 */
import type { Lang } from './i18n';

/** One finding of the policy linter (`npx personvern policy lint`) on the deployed document. */
export interface PolicyReportFinding {
  readonly rule: string;
  readonly reference: string;
  readonly path: string;
  readonly severity: 'error' | 'warning';
  readonly message: Readonly<Record<Lang, string>>;
}

export interface Catalog {
  /** The organisation's name (`organisation.name`), for the texts that name it, e.g. "STERK". */
  readonly organisation: string;
  readonly controllers: readonly { readonly id: string; readonly name: string }[];
  readonly systems: readonly { readonly id: string; readonly name: string }[];
  readonly categories: readonly { readonly id: string; readonly label: Readonly<Record<Lang, string>> }[];
  /** The linter's report on the policy the console was built with: what the privacy officer must confirm. */
  readonly policyReport: {
    readonly version: string;
    readonly errors: number;
    readonly warnings: number;
    readonly findings: readonly PolicyReportFinding[];
  };
}

declare const PERSONVERN_CATALOG: Catalog;

export const catalog: Catalog = PERSONVERN_CATALOG;

export const controllerName = (id: string): string =>
  catalog.controllers.find((c) => c.id === id)?.name ?? id;
export const systemName = (id: string | undefined): string =>
  id === undefined ? '' : (catalog.systems.find((s) => s.id === id)?.name ?? id);
export const categoryName = (id: string, lang: Lang): string =>
  catalog.categories.find((c) => c.id === id)?.label[lang] ?? id;

/** The companies whose requests the signed-in person handles, from the token's groups. */
export function visibleControllers(groups: readonly string[]): Catalog['controllers'] {
  if (groups.includes('privacy-officer')) return catalog.controllers;
  return catalog.controllers.filter((c) => groups.includes(`staff-${c.id}`));
}
