/** The people on a request page: the requester, and the child a guardian asks for. */
import type { RequestFile } from '../../../lambdas/domain/staff/staff-api';
import { facts } from '../dom';
import { formatDate } from '../format';
import { lang, texts } from '../state';

/** `identity`: how the requester proved who they are, on the request page (views/national-id.ts). */
export function personFacts(file: RequestFile, identity: HTMLElement | '' = ''): HTMLElement {
  const text = texts();
  return facts([
    [text.name, file.requester.name],
    [text.email, file.requester.email],
    [text.phone, file.requester.phone],
    [text.birthDate, file.requester.birthDate && formatDate(file.requester.birthDate, lang)],
    [text.identity, identity],
  ]);
}

export function childFacts(file: RequestFile, age?: number): HTMLElement | string {
  const text = texts();
  const child = file.onBehalfOf;
  if (child === undefined) return '';
  return facts([
    [text.name, child.name],
    [text.birthDate, formatDate(child.birthDate, lang)],
    [text.age, age === undefined ? undefined : text.ageYears.replace('{n}', String(age))],
    [text.relationship, text.filedBy.replace('{name}', file.requester.name)],
  ]);
}
