/**
 * The shape of data.json (schema version 1.x) as a zod schema: the executable form of
 * docs/export-format.md. The export itself is written as a stream and never parses this; it is for
 * tests, and for anyone who reads exports back (a portability import, a support tool).
 * Objects are loose: a minor version may add fields, and readers should ignore what they do not know.
 */
import * as z from 'zod';
import { REQUEST_TYPES } from '../policy/schema';

const Text = z.string();
const IsoDate = z.iso.date();
const Reference = z.object({ citation: Text, url: z.url().optional() });
const SystemRef = { systemId: Text, systemName: Text };
const CategoryRef = { categoryId: Text, label: Text };

export const Art15Schema = z.object({
  lang: z.enum(['nb', 'en']),
  organisation: Text,
  policy: z.object({ version: Text, effectiveDate: IsoDate }),
  controller: z.object({
    controllerId: Text,
    legalName: Text,
    orgNumber: Text,
    address: Text,
    privacyContactEmail: Text,
  }),
  purposes: z.array(
    z.object({
      ...SystemRef,
      purpose: Text,
      legalBasis: z.object({
        article6: z.array(z.enum(['a', 'b', 'c', 'd', 'e', 'f'])),
        article9: z.array(z.enum(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'])),
        summary: Text,
        explanation: Text,
        nationalLaw: z.array(Reference),
      }),
    }),
  ),
  categories: z.array(
    z.object({
      ...CategoryRef,
      description: Text.optional(),
      special: z.boolean(),
      systems: z.array(z.object(SystemRef)),
    }),
  ),
  recipients: z.object({
    recipients: z.array(
      z.object({
        recipientId: Text,
        name: Text,
        purpose: Text,
        categories: z.array(z.object(CategoryRef)),
        viaSystems: z.array(Text),
      }),
    ),
    processors: z.array(z.object({ ...SystemRef, vendor: Text, dataProcessingAgreement: z.boolean() })),
    sharingPromise: Text,
    transfersOutsideEea: z.object({
      statedInPolicy: z.boolean(),
      statement: Text,
      transfers: z.array(
        z.object({
          ...SystemRef,
          country: z.string().regex(/^[A-Z]{2}$/),
          countryName: Text,
          mechanism: Text,
          description: Text,
          legalReference: Reference,
          safeguards: z.object({ description: Text, url: z.url().optional() }).optional(),
        }),
      ),
      notStated: z.array(z.object(SystemRef)),
      notStatedStatement: Text.optional(),
    }),
  }),
  retention: z.array(
    z.object({
      ...SystemRef,
      ...CategoryRef,
      rules: z.array(
        z.object({
          ruleId: Text,
          period: Text,
          legalReference: Reference,
          forbidsErasure: z.boolean(),
          note: Text.optional(),
          erasureDecision: Text.optional(),
        }),
      ),
      decision: z
        .object({
          action: z.enum(['erase', 'retain', 'not-assessed']),
          retainUntil: IsoDate.optional(),
          text: Text,
        })
        .optional(),
    }),
  ),
  rights: z.object({
    rights: z.array(
      z.object({ type: z.enum(REQUEST_TYPES), gdprArticle: Text, title: Text, description: Text }),
    ),
    limitation: Text,
    howToUse: Text,
  }),
  complaint: z.object({
    authority: Text,
    url: z.url(),
    gdprArticle: Text,
    title: Text,
    description: Text,
    contactUsFirst: Text,
  }),
  sources: z.array(z.object({ ...SystemRef, statedInPolicy: z.boolean(), statement: Text })),
  automatedDecisionMaking: z.object({
    statedInPolicy: z.boolean(),
    used: z.boolean().nullable(),
    statement: Text,
  }),
  notLinkable: z.array(z.object({ ...SystemRef, reason: Text, whatYouCanDo: Text.optional() })),
  nothingFound: z.array(z.object(SystemRef)),
  withheld: z.array(z.object({ ...SystemRef, reason: Text })),
});

const FileEntry = z.discriminatedUnion('kind', [
  z.object({ path: Text, kind: z.enum(['index', 'data']) }),
  z.object({ path: Text, kind: z.literal('csv'), ...SystemRef, recordKind: Text }),
  z.object({ path: Text, kind: z.literal('upload'), ...SystemRef, fileName: Text }),
]);

const RecordValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const DataJsonSchema = z.object({
  schemaVersion: z.string().regex(/^1\.\d+$/),
  generatedAt: z.iso.datetime({ offset: true }),
  request: z.object({
    id: Text,
    type: z.enum(REQUEST_TYPES),
    controllerId: Text,
    controllerName: Text,
    lang: z.enum(['nb', 'en']),
    receivedDate: IsoDate,
  }),
  files: z.array(FileEntry),
  art15: Art15Schema,
  systems: z.array(
    z.object({
      ...SystemRef,
      findings: z.array(
        z.object({
          source: z.enum(['connector', 'staff-upload', 'no-data', 'not-linkable', 'withheld']),
          categories: z.array(Text),
          recordCount: z.int().nonnegative(),
          lastActivityDate: IsoDate.optional(),
          collectedAt: Text,
        }),
      ),
      uploads: z.array(z.object({ path: Text, fileName: Text })),
      recordKinds: z.array(
        z.object({
          kind: Text,
          csvPath: Text,
          records: z.array(z.record(z.string(), RecordValue)),
          recordCount: z.int().nonnegative(),
        }),
      ),
    }),
  ),
});

export type DataJson = z.output<typeof DataJsonSchema>;
