// A Node module hook (module.register) that resolves `#policy` to the configured policy document, as the
// Lambda bundle's esbuild alias does: the local stack's functions and the CLI run the TypeScript source
// through tsx, whose resolution knows no such specifier. Plain JS: hooks load before any TypeScript loader.
/** @type {string | undefined} */
let policyUrl;

/** @param {{ policyUrl: string }} data */
export function initialize(data) {
  policyUrl = data.policyUrl;
}

/**
 * @param {string} specifier
 * @param {{ importAttributes?: Record<string, string> }} context
 * @param {(specifier: string, context: unknown) => unknown} nextResolve
 */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === '#policy' && policyUrl !== undefined) {
    return { url: policyUrl, format: 'json', importAttributes: context.importAttributes, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
