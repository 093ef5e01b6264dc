/**
 * Field rules shared by the public forms, built from a language's texts (./i18n): each message is
 * written for the person filling in the form, in their language.
 */
import * as z from '../zod';
import { INTAKE_TEXT, type IntakeText } from './i18n';

const NORWEGIAN_MOBILE_OR_LANDLINE = /^[2-9]\d{7}$/;
const E164 = /^\+[1-9]\d{7,14}$/;

/** Line breaks and other separators: a name is kept on one line. */
const LINE_BREAKS = /[\r\n\t\v\f\u0085\u2028\u2029]+/g;
/**
 * Control characters, lone surrogates (\p{Cs} matches only unpaired ones in a /u pattern) and the invisible
 * direction marks, overrides and isolates (U+202E can make a name read backwards in an email).
 * Zero-width joiners stay: some scripts and emoji need them.
 */
const INVISIBLE = /[\p{Cc}\p{Cs}\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu;
/** What makes a name a link in an email client: a scheme, "www." or an email address. */
const LINK_LIKE = /:\/\/|\bwww\.|\bhttps?:|@/i;

/**
 * A person's name as it will be printed in emails and pages: one line, no control or direction
 * characters, no lone surrogates, and no link in it, so that a name cannot carry a message of its own
 * (a phishing line in our greeting, sent from STERK's address).
 */
export const personNameSchema = (messages: {
  readonly required: string;
  readonly tooLong: string;
  readonly noLinks: string;
}) =>
  z.pipe(
    z.pipe(
      z.string({ error: messages.required }),
      z.transform((name) =>
        name.replace(LINE_BREAKS, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim(),
      ),
    ),
    z
      .string()
      .check(z.minLength(1, messages.required))
      .check(z.maxLength(200, messages.tooLong))
      .check(z.refine((name) => !LINK_LIKE.test(name), { error: messages.noLinks })),
  );

export const nameSchema = (text: IntakeText) => personNameSchema(text.name);

export const emailSchema = (text: IntakeText) =>
  z.pipe(
    z.pipe(
      z
        .string({ error: text.email.required })
        .check(z.trim())
        .check(z.minLength(1, text.email.required))
        .check(z.maxLength(254, text.email.tooLong)),
      z.email({ error: text.email.invalid }),
    ),
    z.transform((email) => email.toLowerCase()),
  );

/** Norwegian 8-digit numbers (spaces allowed) or E.164; stored as E.164. */
export const phoneSchema = (text: IntakeText) =>
  z.pipe(
    z
      .pipe(
        z.string({ error: text.phone.notText }),
        z.transform((phone) => phone.replace(/[\s-]/g, '')),
      )
      .check(
        z.refine((phone) => NORWEGIAN_MOBILE_OR_LANDLINE.test(phone) || E164.test(phone), {
          error: text.phone.invalid,
        }),
      ),
    z.transform((phone) => (phone.startsWith('+') ? phone : `+47${phone}`)),
  );

export const langSchema = (text: IntakeText) =>
  z._default(z.enum(['nb', 'en'], { error: text.lang.invalid }), 'nb');

export const birthDateSchema = (text: IntakeText) => z.iso.date({ error: text.birthDate.format });

/** The English rules, as before the messages were translated. */
export const NameSchema = nameSchema(INTAKE_TEXT.en);
export const EmailSchema = emailSchema(INTAKE_TEXT.en);
export const PhoneSchema = phoneSchema(INTAKE_TEXT.en);
export const LangSchema = langSchema(INTAKE_TEXT.en);
export const BirthDateSchema = birthDateSchema(INTAKE_TEXT.en);

/** A form field people never see. Bots fill it; we accept their submission and keep nothing. */
export const HoneypotSchema = z.optional(z.string().check(z.maxLength(10_000)));

/** Empty form fields arrive as "" from a plain HTML form; they mean "not given". */
export const optionalField = <T extends z.ZodMiniType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), z.optional(schema));
