/**
 * Publishing is audited on one trail of its own, beside the requests' trails. Apart from publish.ts so the
 * change-notice functions, which read that trail, do not load the policy schema and classic zod with it at
 * cold start (issue 22).
 */
export const POLICY_AUDIT_TRAIL = 'policy-versions';
