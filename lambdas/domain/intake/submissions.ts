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

export function requestSubmissionSchema(policy: PolicyDocument) {
  const offered = offeredRequestTypes(policy);
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
      birthDate: optionalField(BirthDateSchema),
      controller: controllerField(policy),
      details: optionalField(z.string().trim().max(5000, 'Keep the details to at most 5,000 characters')),
      lang: optionalField(LangSchema),
      onBehalfOf: optionalField(
        z.object({
          name: NameSchema,
          birthDate: BirthDateSchema,
          relationship: z.literal('guardian', { error: 'Only a guardian can ask on behalf of a child' }),
        }),
      ),
      website: HoneypotSchema,
    })
    .superRefine((request, ctx) => {
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
