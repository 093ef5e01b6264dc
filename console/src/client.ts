/**
 * The console's one staff API client, with the signed-in person's token. What a 401 does (end the session,
 * show the sign-in with a message) belongs to the page around the views: main.ts sets it at start.
 */
import { staffApi } from './api';
import { session } from './auth';
import { API_BASE } from './state';

let unauthorized = (): void => {};

export const api = staffApi(
  API_BASE,
  () => session.get()?.idToken,
  () => unauthorized(),
);

export function onUnauthorized(handle: () => void): void {
  unauthorized = handle;
}
