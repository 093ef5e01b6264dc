/**
 * The parsing every stored item goes through (item-schemas.ts, request-item-schemas.ts): a stored item that
 * does not have the shape its reader expects fails here, with the item kind and the fields named, instead of
 * somewhere downstream as an `undefined`.
 *
 * Errors name paths and expectations only, never values: items hold personal data.
 */
import * as z from '../../domain/zod';

/** A stored item that does not have the shape its reader expects. */
export class StoredItemShapeError extends Error {
  override readonly name = 'StoredItemShapeError';
}

/**
 * The members of a string union the domain declares only as a type, listed for an enum: a member added to the
 * type but not to the list fails to compile here, instead of failing every read of an item that has it.
 */
export const allOf =
  <T extends string>() =>
  <const L extends readonly [T, ...T[]]>(
    list: L & (Exclude<T, L[number]> extends never ? unknown : { missing: Exclude<T, L[number]> }),
  ): L =>
    list;

// Typed as any zod schema and parsed through the functional API, so a classic schema would serve as well.
export function parser<T>(kind: string, schema: z.core.$ZodType<T>) {
  return (item: unknown): T => {
    const result = z.safeParse(schema, item);
    if (result.success) return result.data;
    const fields = result.error.issues
      .map((issue) => `${issue.path.map(String).join('.') || '(item)'}: ${issue.message}`)
      .join('; ');
    throw new StoredItemShapeError(`A stored ${kind} item has an unexpected shape: ${fields}`);
  };
}
