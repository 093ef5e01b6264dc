/**
 * zod for the functions' runtime schemas: the functional `zod/mini` API, with zod's English messages.
 *
 * Why mini (issue 22): classic zod puts ≈90 KB into a bundle and ≈20 ms into every cold start, whatever
 * few schemas a function parses; mini tree-shakes to what is used (a few KB). It has the same parser and
 * the same issues, but loads no locale by default (every message would read "Invalid input"), so English is
 * configured here, and schema modules import `* as z` from this module rather than from 'zod/mini'. The
 * 400 answers and stored-item errors therefore read exactly as they did with classic zod.
 *
 * Classic zod stays where its cost is not paid at a cold start: the synth (lib/), the policy schema
 * (published and checked off the request path) and the tests.
 */
import { config, type core, pipe, transform, type ZodMiniPipe, type ZodMiniTransform } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';

/**
 * Classic zod's `z.preprocess`, which mini lacks: `fn` runs on the raw input, then `schema` parses what it
 * returns. The same pipe classic builds; typed as classic types it, since the input is only known at run time.
 */
export function preprocess<U extends core.$ZodType>(
  fn: (value: unknown) => unknown,
  schema: U,
): ZodMiniPipe<ZodMiniTransform<unknown, unknown>, U> {
  return pipe(transform(fn), schema as core.$ZodType) as ZodMiniPipe<ZodMiniTransform<unknown, unknown>, U>;
}
