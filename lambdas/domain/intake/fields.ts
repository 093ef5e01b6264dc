/**
 * Field rules shared by the public forms, built from a language's texts (./i18n): each message is
 * written for the person filling in the form, in their language.
 */
import * as z from 'zod';
import { INTAKE_TEXT, type IntakeText } from './i18n';

const NORWEGIAN_MOBILE_OR_LANDLINE = /^[2-9]\d{7}$/;
const E164 = /^\+[1-9]\d{7,14}$/;

export const nameSchema = (text: IntakeText) =>
  z.string({ error: text.name.required }).trim().min(1, text.name.required).max(200, text.name.tooLong);

export const emailSchema = (text: IntakeText) =>
  z
    .string({ error: text.email.required })
    .trim()
    .min(1, text.email.required)
    .max(254, text.email.tooLong)
    .pipe(z.email({ error: text.email.invalid }))
    .transform((email) => email.toLowerCase());

/** Norwegian 8-digit numbers (spaces allowed) or E.164; stored as E.164. */
export const phoneSchema = (text: IntakeText) =>
  z
    .string({ error: text.phone.notText })
    .transform((phone) => phone.replace(/[\s-]/g, ''))
    .refine((phone) => NORWEGIAN_MOBILE_OR_LANDLINE.test(phone) || E164.test(phone), {
      error: text.phone.invalid,
    })
    .transform((phone) => (phone.startsWith('+') ? phone : `+47${phone}`));

export const langSchema = (text: IntakeText) =>
  z.enum(['nb', 'en'], { error: text.lang.invalid }).default('nb');

export const birthDateSchema = (text: IntakeText) => z.iso.date({ error: text.birthDate.format });

/** The English rules, as before the messages were translated. */
export const NameSchema = nameSchema(INTAKE_TEXT.en);
export const EmailSchema = emailSchema(INTAKE_TEXT.en);
export const PhoneSchema = phoneSchema(INTAKE_TEXT.en);
export const LangSchema = langSchema(INTAKE_TEXT.en);
export const BirthDateSchema = birthDateSchema(INTAKE_TEXT.en);

/** A form field people never see. Bots fill it; we accept their submission and keep nothing. */
export const HoneypotSchema = z.string().max(10_000).optional();

/** Empty form fields arrive as "" from a plain HTML form; they mean "not given". */
export const optionalField = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());
