/**
 * `#policy` is the configured policy document (the `policyFile` setting), not a file of its own: each runtime
 * maps the specifier to that file (docs/policy.md, "Which policy a function runs"). Typed as unknown JSON
 * here, so no policy's shape leaks into the types; bundled-policy.ts says what it is.
 */
declare module '#policy' {
  const document: unknown;
  export default document;
}
