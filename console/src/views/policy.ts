/**
 * The privacy policy page (`#/policy`): the versions (policy-page.ts draws them), loaded again after a
 * publish with the version just published merged in, as the public list is cached for up to a minute.
 */
import { api } from '../client';
import type { Message } from '../feedback';
import { osloToday, type PolicyListing, type PolicyVersionInfo, withPublished } from '../policy-versions';
import { stillOn } from '../routes';
import { isPrivacyOfficer, lang, mainRegion, texts } from '../state';
import { showFailure, showLoading } from './page-states';
import { policyPage } from './policy-page';

/** The versions loaded last, drawn again on a language switch. */
let loaded: PolicyListing | undefined;

export async function showPolicy(message?: Message, published?: PolicyVersionInfo): Promise<void> {
  showLoading();
  try {
    const listing = await api.get<PolicyListing>('/policy/versions');
    loaded = published === undefined ? listing : withPublished(listing, published, osloToday());
    if (stillOn('policy')) drawPolicy(loaded, message === undefined, message);
  } catch (failure) {
    showFailure(failure);
  }
}

function drawPolicy(listing: PolicyListing, focus: boolean, message?: Message): void {
  mainRegion().replaceChildren(
    ...policyPage(
      listing,
      {
        api,
        text: texts(),
        lang: lang,
        reload: (shown, published) => void showPolicy(shown, published),
        canPublish: isPrivacyOfficer(),
      },
      message,
    ),
  );
  if (focus) mainRegion().querySelector<HTMLElement>('h1')?.focus();
  else if (message !== undefined) document.getElementById('publish-status')?.focus();
}

export function redrawPolicy(): boolean {
  if (loaded === undefined) return false;
  drawPolicy(loaded, false);
  return true;
}

export function forgetPolicy(): void {
  loaded = undefined;
}
