/**
 * Field rules shared by the public forms. Each message is written for the person filling in the form:
 * it says what to do, not what the parser saw.
 */
import * as z from 'zod';

const NORWEGIAN_MOBILE_OR_LANDLINE = /^[2-9]\d{7}$/;
const E164 = /^\+[1-9]\d{7,14}$/;

export const NameSchema = z
  .string({ error: 'Enter your name' })
  .trim()
  .min(1, 'Enter your name')
  .max(200, 'Use at most 200 characters for the name');

export const EmailSchema = z
  .string({ error: 'Enter your email address' })
  .trim()
  .min(1, 'Enter your email address')
  .max(254, 'That email address is too long')
  .pipe(z.email({ error: 'Enter a valid email address, such as ola@example.no' }))
  .transform((email) => email.toLowerCase());

/** Norwegian 8-digit numbers (spaces allowed) or E.164; stored as E.164. */
export const PhoneSchema = z
  .string({ error: 'Enter a phone number, or leave the field empty' })
  .transform((phone) => phone.replace(/[\s-]/g, ''))
  .refine((phone) => NORWEGIAN_MOBILE_OR_LANDLINE.test(phone) || E164.test(phone), {
    error: 'Enter a Norwegian 8-digit number or an international number starting with +',
  })
  .transform((phone) => (phone.startsWith('+') ? phone : `+47${phone}`));

export const LangSchema = z.enum(['nb', 'en'], { error: 'Choose nb or en' }).default('nb');

export const BirthDateSchema = z.iso.date({ error: 'Enter the date of birth as YYYY-MM-DD' });

/** A form field people never see. Bots fill it; we accept their submission and keep nothing. */
export const HoneypotSchema = z.string().max(10_000).optional();

/** Empty form fields arrive as "" from a plain HTML form; they mean "not given". */
export const optionalField = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());
