/**
 * What the website may send: a contact message or a data subject request. The policy decides which
 * controllers exist and which request types are offered, so the schemas are built from it.
 */
import * as z from 'zod';
import { findController, offeredRequestTypes } from '../policy/queries';
import type { PolicyDocument, RequestType } from '../policy/schema';
import {
  BirthDateSchema,
  EmailSchema,
  HoneypotSchema,
  LangSchema,
  NameSchema,
  optionalField,
  PhoneSchema,
} from './fields';

function controllerField(policy: PolicyDocument) {
  const ids = policy.controllers.map((c) => c.id);
  return optionalField(
    z.string().refine((id) => findController(policy, id) !== undefined, {
      error: `Choose one of the companies: ${ids.join(', ')}`,
    }),
  );
}

export function contactSubmissionSchema(policy: PolicyDocument) {
  return z.object({
    name: NameSchema,
    email: EmailSchema,
    phone: optionalField(PhoneSchema),
    message: z
      .string({ error: 'Write your message' })
      .trim()
      .min(1, 'Write your message')
      .max(5000, 'Keep the message to at most 5,000 characters'),
    controller: controllerField(policy),
    lang: optionalField(LangSchema),
    website: HoneypotSchema,
  });
}

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
 * someone younger than the policy's guardian age on that day, and no one is born in the future.
 */
export function requestSubmissionSchema(policy: PolicyDocument, today: string) {
  const offered = offeredRequestTypes(policy);
  const minorAge = guardianAge(policy);
  const notInFuture = (date: string) => date <= today;
  return z
    .object({
      type: z
        .string({ error: 'Choose what you are asking for' })
        .refine((t): t is RequestType => offered.includes(t as RequestType), {
          error: `Choose one of: ${offered.join(', ')}`,
        }),
      name: NameSchema,
      email: EmailSchema,
      phone: optionalField(PhoneSchema),
      birthDate: optionalField(
        BirthDateSchema.refine(notInFuture, { error: 'The date of birth cannot be in the future' }),
      ),
      controller: controllerField(policy),
      details: optionalField(z.string().trim().max(5000, 'Keep the details to at most 5,000 characters')),
      lang: optionalField(LangSchema),
      onBehalfOf: optionalField(
        z.object(
          {
            name: z
              .string({ error: "Enter the child's name" })
              .trim()
              .min(1, "Enter the child's name")
              .max(200, "Use at most 200 characters for the child's name"),
            birthDate: BirthDateSchema.refine(notInFuture, {
              error: 'The date of birth cannot be in the future',
            }),
            relationship: z.literal('guardian', { error: 'Only a guardian can ask on behalf of a child' }),
          },
          { error: "Tell us the child's name and date of birth" },
        ),
      ),
      website: HoneypotSchema,
    })
    .superRefine((request, ctx) => {
      const child = request.onBehalfOf;
      if (child !== undefined && minorAge !== undefined && child.birthDate <= today) {
        if (!isYoungerThan(child.birthDate, minorAge, today)) {
          ctx.addIssue({
            code: 'custom',
            path: ['onBehalfOf', 'birthDate'],
            message: `A guardian can ask only for someone under ${minorAge}; from ${minorAge}, they ask themselves`,
          });
        }
      }
      if (request.type === 'rectification' && (request.details === undefined || request.details === '')) {
        ctx.addIssue({
          code: 'custom',
          path: ['details'],
          message: 'Tell us what is wrong and what it should say',
        });
      }
    });
}

export type ContactSubmission = z.output<ReturnType<typeof contactSubmissionSchema>>;
export type RequestSubmission = z.output<ReturnType<typeof requestSubmissionSchema>>;
