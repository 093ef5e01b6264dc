/** The legal-holds register (`#/holds`, the privacy officer's): every hold, each in force with a lift button. */
import type { HoldList, HoldView } from '../../../lambdas/domain/staff/staff-api';
import { api } from '../client';
import { statusRegion } from '../feedback';
import { stillOn } from '../routes';
import { lang, mainRegion, texts } from '../state';
import { holdsRegister } from './holds-table';
import { showFailure, showLoading } from './page-states';

/** The last register loaded, drawn again on a language switch. */
let loaded: readonly HoldView[] | undefined;

export async function showHolds(): Promise<void> {
  showLoading();
  try {
    const { holds } = await api.get<HoldList>('/staff/holds');
    loaded = holds;
    if (stillOn('holds')) drawHolds(holds, true);
  } catch (failure) {
    showFailure(failure);
  }
}

function drawHolds(holds: readonly HoldView[], focus: boolean): void {
  const content = holdsRegister(holds, statusRegion('holds-status'), { api, text: texts(), lang });
  mainRegion().replaceChildren(...content);
  if (focus) mainRegion().querySelector<HTMLElement>('h1')?.focus();
}

export function redrawHolds(): boolean {
  if (loaded === undefined) return false;
  drawHolds(loaded, false);
  return true;
}

/** Also when a hold is placed elsewhere: the register loads again next time. */
export function forgetHolds(): void {
  loaded = undefined;
}
