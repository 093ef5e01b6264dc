/**
 * The console's hash routes: `#/` (inbox), `#/requests/<id>`, `#/messages`, `#/messages/<id>`, `#/holds`,
 * `#/policy` and `#/consent`.
 */
import { session } from './auth';

export type Route =
  | { view: 'inbox' }
  | { view: 'request'; id: string }
  | { view: 'messages' }
  | { view: 'message'; id: string }
  | { view: 'holds' }
  | { view: 'policy' }
  | { view: 'consent' };

/** The route in the address bar; `undefined` for an address the console does not know. */
export function route(): Route | undefined {
  const hash = window.location.hash;
  if (hash === '' || hash === '#' || hash === '#/') return { view: 'inbox' };
  if (hash === '#/messages') return { view: 'messages' };
  if (hash === '#/holds') return { view: 'holds' };
  if (hash === '#/policy') return { view: 'policy' };
  if (hash === '#/consent') return { view: 'consent' };
  const match = /^#\/requests\/([A-Za-z0-9-]+)$/.exec(hash);
  if (match?.[1] !== undefined) return { view: 'request', id: match[1] };
  const message = /^#\/messages\/([A-Za-z0-9-]+)$/.exec(hash);
  if (message?.[1] !== undefined) return { view: 'message', id: message[1] };
  return undefined;
}

/** The route to draw: an unknown address shows the inbox. */
export const currentRoute = (): Route => route() ?? { view: 'inbox' };

/**
 * Whether the page is still on this view once an answer arrives: someone who clicks on before a list has
 * loaded must not have the late list drawn over the page they went to.
 */
export function stillOn(view: Route['view'], id?: string): boolean {
  const current = currentRoute();
  return (
    session.get() !== undefined &&
    current.view === view &&
    (id === undefined || ('id' in current && current.id === id))
  );
}
