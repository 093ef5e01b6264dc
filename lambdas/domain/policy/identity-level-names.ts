/**
 * ID-porten's assurance levels, lowest first (idporten-loa-substantial, idporten-loa-high). Apart from
 * schema.ts so the request workflow's functions, which compare levels (identity-levels.ts), do not load the
 * policy schema and classic zod with it at cold start (issue 22).
 */
export const IDENTITY_LEVELS = ['substantial', 'high'] as const;
