/**
 * What every view shares: the page's language, how staff sign in, the sign-in's message and what a form
 * last said. What a view loaded stays in that view's own module (views/*.ts), which alone changes it.
 *
 * Exported `let`s are read-only outside this module (ES modules bind them live): the setters below are the
 * only way to change them, so every change is a call in plain sight. They also stay plain variables once
 * bundled, which minify, where an object's properties would not.
 */
import { localTokenSource, session, type TokenSource } from './auth';
import type { Message } from './feedback';
import { type Lang, TEXTS, type Texts } from './i18n';

/** Where the API is: the page names it (empty on AWS, where the console calls its own origin). */
export const API_BASE = document.querySelector<HTMLMetaElement>('meta[name="personvern-api"]')?.content ?? '';

export let lang: Lang = 'nb';

export function switchLanguage(): void {
  lang = lang === 'nb' ? 'en' : 'nb';
}

export const texts = (): Texts => TEXTS[lang];

/** How staff sign in: locally with a password, or on AWS through the Cognito hosted UI (config.json). */
export let tokens: TokenSource = localTokenSource(API_BASE);

export function useTokens(source: TokenSource): void {
  tokens = source;
}

/** Shown above the sign-in: why the session ended, or why a return from the hosted UI failed. */
export let notice: string | undefined;

export function setNotice(text: string | undefined): void {
  notice = text;
}

/**
 * What a form last said (by task id, or 'extension', 'holds', 'message'), kept across the redraw that
 * follows it; cleared when the route changes.
 */
export const formMessages = new Map<string, Message>();

/** The page's main region, where every view draws. */
export const mainRegion = (): HTMLElement => document.getElementById('main') as HTMLElement;

/** The console shows the privacy officer's tools to that group only; the API enforces it regardless. */
export function isPrivacyOfficer(): boolean {
  return (session.get()?.groups ?? []).includes('privacy-officer');
}
