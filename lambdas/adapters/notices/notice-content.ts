/**
 * What every notice email of a version says: its facts from the published versions, and the readable diff
 * against the version before it, in both languages. Computed once per version and container.
 */

import type { NoticeContent } from '../../domain/notices/send';
import { diffPolicies, diffSummary } from '../../domain/policy/diff';
import { previousVersion } from '../../domain/policy/versions';
import type { PolicyCatalogue } from '../policy/policy-catalogue';

export function noticeContentFrom(
  catalogue: PolicyCatalogue,
): (version: string) => Promise<NoticeContent | undefined> {
  const cache = new Map<string, Promise<NoticeContent | undefined>>();
  const build = async (version: string): Promise<NoticeContent | undefined> => {
    const to = await catalogue.version(version);
    if (to === undefined) return undefined;
    const { versions } = await catalogue.listing();
    const before = previousVersion(versions, version);
    const from = before === undefined ? undefined : await catalogue.version(before.version);
    const diff = diffPolicies(from?.document ?? to.document, to.document);
    return {
      organisation: to.document.organisation.name,
      version: to.info.version,
      effectiveDate: to.info.effectiveDate,
      summary: to.info.summary,
      changes: { nb: diffSummary(diff, 'nb'), en: diffSummary(diff, 'en') },
    };
  };
  return (version) => {
    let content = cache.get(version);
    if (content === undefined) {
      content = build(version);
      // A failed read is tried again by the next message, not remembered.
      content.catch(() => cache.delete(version));
      cache.set(version, content);
    }
    return content;
  };
}
