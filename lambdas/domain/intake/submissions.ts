/**
 * What the website may send: a contact message or a data subject request. The policy decides which
 * controllers exist and which request types are offered, so the schemas are built from it.
 */
import type { Language } from '../policy/language';
import { findController, offeredRequestTypes } from '../policy/queries';
import type { PolicyDocument, RequestType } from '../policy/schema';
import * as z from '../zod';
import {
  birthDateSchema,
  emailSchema,
  HoneypotSchema,
  langSchema,
  nameSchema,
  optionalField,
  personNameSchema,
  phoneSchema,
} from './fields';
import { INTAKE_TEXT, type IntakeText } from './i18n';

function controllerField(policy: PolicyDocument, text: IntakeText) {
  const ids = policy.controllers.map((c) => c.id);
  return optionalField(
    z.string().check(
      z.refine((id) => findController(policy, id) !== undefined, {
        error: text.controller.unknown(ids),
      }),
    ),
  );
}

/** A contact message as the website sends it; `lang` picks the language of the field messages. */
export function contactSubmissionSchema(policy: PolicyDocument, lang: Language = 'en') {
  const text = INTAKE_TEXT[lang];
  return z.object({
    name: nameSchema(text),
    email: emailSchema(text),
    phone: optionalField(phoneSchema(text)),
    message: z
      .string({ error: text.message.required })
      .check(z.trim())
      .check(z.minLength(1, text.message.required))
      .check(z.maxLength(5000, text.message.tooLong)),
    controller: controllerField(policy, text),
    lang: optionalField(langSchema(text)),
    policyNotices: policyNoticesField,
    website: HoneypotSchema,
  });
}

/**
 * The "tell me about policy changes" checkbox: a ticked box sends `yes` (a form) or `true` (JSON); an
 * unticked one sends nothing. Anything else is not a consent and is ignored rather than refused.
 */
const policyNoticesField = z.preprocess(
  (value) => value === 'yes' || value === 'on' || value === 'true' || value === true,
  z.boolean(),
);

/** The age below which the policy lets a guardian act for a child (18 for STERK). */
export function guardianAge(policy: PolicyDocument): number | undefined {
  const rule = policy.ageRules.find((r) => r.kind === 'guardian-consent');
  return rule?.belowAge;
}

/** Whether someone born on `birthDate` is younger than `age` on `today` (all `YYYY-MM-DD`). */
export function isYoungerThan(birthDate: string, age: number, today: string): boolean {
  const year = Number(birthDate.slice(0, 4)) + age;
  return `${String(year).padStart(4, '0')}${birthDate.slice(4)}` > today;
}

/**
 * A request as the website sends it. `today` is the Oslo date of receipt: a guardian may act only for
 * someone younger than the policy's guardian age on that day, and no one is born in the future. `lang`
 * picks the language of the field messages.
 */
export function requestSubmissionSchema(
  policy: PolicyDocument,
  today: string,
  lang: Language = 'en',
  options: { readonly eidOffered?: boolean } = {},
) {
  const text = INTAKE_TEXT[lang];
  const offered = offeredRequestTypes(policy);
  const minorAge = guardianAge(policy);
  const notInFuture = (date: string) => date <= today;
  return z
    .object({
      // A pipe rather than a refinement: mini's refinements do not narrow the type to RequestType.
      type: z.pipe(
        z.string({ error: text.type.required }),
        z.custom<RequestType>((t) => offered.includes(t as RequestType), {
          error: text.type.unknown(offered),
        }),
      ),
      name: nameSchema(text),
      email: emailSchema(text),
      phone: optionalField(phoneSchema(text)),
      birthDate: optionalField(
        birthDateSchema(text).check(z.refine(notInFuture, { error: text.birthDate.inFuture })),
      ),
      controller: controllerField(policy, text),
      details: optionalField(z.string().check(z.trim()).check(z.maxLength(5000, text.details.tooLong))),
      lang: optionalField(langSchema(text)),
      policyNotices: policyNoticesField,
      onBehalfOf: optionalField(
        z.object(
          {
            name: personNameSchema({
              required: text.child.nameRequired,
              tooLong: text.child.nameTooLong,
              noLinks: text.name.noLinks,
            }),
            birthDate: birthDateSchema(text).check(z.refine(notInFuture, { error: text.birthDate.inFuture })),
            relationship: z.literal('guardian', { error: text.child.guardianOnly }),
          },
          { error: text.child.missing },
        ),
      ),
      /** How the requester proves who they are: the emailed code (the default), or ID-porten with it. */
      verification: optionalField(
        z.enum(['email', 'eid'], { error: text.verification.unknown }).check(
          z.refine((how) => how === 'email' || options.eidOffered === true, {
            error: text.verification.notOffered,
          }),
        ),
      ),
      website: HoneypotSchema,
    })
    .check(
      z.superRefine((request, ctx) => {
        const child = request.onBehalfOf;
        if (child !== undefined && minorAge !== undefined && child.birthDate <= today) {
          if (!isYoungerThan(child.birthDate, minorAge, today)) {
            ctx.addIssue({
              code: 'custom',
              path: ['onBehalfOf', 'birthDate'],
              message: text.child.tooOld(minorAge),
            });
          }
        }
        if (request.type === 'rectification' && (request.details === undefined || request.details === '')) {
          ctx.addIssue({
            code: 'custom',
            path: ['details'],
            message: text.details.requiredForRectification,
          });
        }
      }),
    );
}

export type ContactSubmission = z.output<ReturnType<typeof contactSubmissionSchema>>;
export type RequestSubmission = z.output<ReturnType<typeof requestSubmissionSchema>>;
