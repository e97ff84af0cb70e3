import { z } from 'zod';
import { REGIONS } from '../calendar/region';
import { SupportedDaySchema } from '../calendar/supported-days';
import { boundedCount, DurationSchema } from './duration';

/**
 * A series between reviews is at most six core groups (six months of monthly meetings): bounds for
 * fixed points after a review and for which core group signs the plan.
 */
const MAX_CORE_GROUPS_BETWEEN_REVIEWS = 6;

const SIGNATURE_PROBLEM = `must be a whole number from 1 to ${MAX_CORE_GROUPS_BETWEEN_REVIEWS}: which core group after each conference signs the plan`;

/** A few closure days a year for decades; a longer list is a mistake, not a calendar. */
const MAX_CLOSURE_DAYS = 1000;

const RuleRef = {
  /** Stable id, e.g. `england.core-group.first`; shown beside every obligation. */
  rule: z.string().min(1),
  /** Key into the profile's `sources`. */
  source: z.string().min(1),
  /** Where in that source a person finds the rule: an action, section, paragraph or heading. */
  section: z.string().min(1).optional(),
};

/** A deadline a gap after an anchor. */
const TimedRule = z.strictObject({ ...RuleRef, within: DurationSchema });

const SecondCoreGroup = z.strictObject({
  ...RuleRef,
  within: DurationSchema,
  from: z.enum(['initial-conference', 'first-core-group']),
});

/** After the second core group: a cadence from the previous core group, or fixed points after each review. */
const LaterCoreGroups = z.discriminatedUnion(
  'pattern',
  [
    z.strictObject({
      ...RuleRef,
      pattern: z.literal('cadence'),
      every: DurationSchema,
      /** Plain words from the procedure, e.g. "every 6 weeks or thereabouts". */
      wording: z.string().min(1),
    }),
    z.strictObject({
      ...RuleRef,
      pattern: z.literal('after-each-review'),
      /** Offsets from each review conference, e.g. about 2 and 4 months. */
      at: z
        .array(DurationSchema)
        .min(1, 'must list at least one gap after the review')
        .max(MAX_CORE_GROUPS_BETWEEN_REVIEWS, `must list at most ${MAX_CORE_GROUPS_BETWEEN_REVIEWS} gaps (six months of monthly core groups)`),
      wording: z.string().min(1),
    }),
  ],
  { error: 'must have "pattern": "cadence" (with "every") or "pattern": "after-each-review" (with "at")' },
);

const MinutesRules = z.strictObject({
  /** Draft minutes to the manager, counted from the meeting. */
  toManager: TimedRule.optional(),
  /** Manager's sign-off, counted from the day the draft reached them. */
  signedOff: TimedRule.optional(),
  /** Circulated to every member, counted from the meeting. */
  circulated: TimedRule,
});

/** A file name, a folder path or a web address: what a chair cannot look up from a printed page. */
const FILE_OR_ADDRESS = /\.(txt|pdf|docx?|json|md|html?)$|^[a-z]+:\/\/|[\\/][a-z_][\w.-]*[\\/]/i;

const SourceSchema = z.strictObject({
  title: z.string().min(1),
  /** A few words on where to look, shown to people: never a file path. */
  where: z
    .string()
    .min(1)
    .refine((w) => !FILE_OR_ADDRESS.test(w), 'must say in words where to look (a section or page), not a file path or address')
    .optional(),
});

/**
 * A policy profile is data, not code: one per local procedure (and version of it), so a local
 * authority can add its own as a JSON file. Every rule names its id and the source it comes from.
 * Every number is bounded, so a profile file cannot make planning run for minutes.
 */
export const PolicyProfileSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and hyphens'),
    version: z.string().min(1),
    effectiveFrom: SupportedDaySchema,
    name: z.string().min(1),
    region: z.enum(REGIONS),
    /** What the procedure calls the conference (Scotland: Child Protection Planning Meeting). */
    conferenceName: z.strictObject({ initial: z.string().min(1), review: z.string().min(1) }),
    closureDays: z
      .array(z.strictObject({ date: SupportedDaySchema, reason: z.string().min(1) }))
      .max(MAX_CLOSURE_DAYS, `must list at most ${MAX_CLOSURE_DAYS} days`)
      .default([]),
    sources: z.record(z.string(), SourceSchema),
    notes: z.array(z.string()).default([]),
    coreGroups: z.strictObject({
      first: TimedRule,
      second: SecondCoreGroup,
      later: LaterCoreGroups,
      /** How long before its due date a core group may sensibly be held (start of the booking window). */
      bookingWindow: DurationSchema,
    }),
    reviews: z.strictObject({
      first: TimedRule,
      /** Some procedures review a pre-birth plan sooner (Scotland: 3 months). */
      firstPreBirth: TimedRule.optional(),
      later: TimedRule,
    }),
    conferenceRecord: TimedRule.optional(),
    minutes: MinutesRules,
    /** The plan is signed by every member at the Nth core group after each conference. */
    planSignature: z.strictObject({ ...RuleRef, atCoreGroup: boundedCount(MAX_CORE_GROUPS_BETWEEN_REVIEWS, SIGNATURE_PROBLEM) }).optional(),
    /** Dates of future core groups set at the first core group after each conference. */
    setFutureDates: z.strictObject({ ...RuleRef }).optional(),
    finalCoreGroup: z
      .strictObject({
        agencyReports: z.strictObject({ ...RuleRef }).optional(),
        recommendation: z.strictObject({ ...RuleRef }).optional(),
      })
      .default({}),
    childSeen: z.strictObject({ ...RuleRef, every: DurationSchema }).optional(),
  })
  .superRefine((profile, ctx) => {
    // Every rule must cite a source the profile lists, or a chair could not see where a date came from.
    const cited: [string, string][] = [];
    const visit = (value: unknown, path: string): void => {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const rec = value as Record<string, unknown>;
        if (typeof rec.source === 'string' && typeof rec.rule === 'string') cited.push([path, rec.source]);
        for (const [k, v] of Object.entries(rec)) if (k !== 'sources') visit(v, path ? `${path}.${k}` : k);
      }
    };
    visit(profile, '');
    for (const [path, source] of cited) {
      if (!(source in profile.sources)) {
        ctx.addIssue({ code: 'custom', path: [...path.split('.'), 'source'], message: `cites "${source}", which is not in sources` });
      }
    }
  });

export type PolicyProfile = z.infer<typeof PolicyProfileSchema>;
export type PolicyProfileInput = z.input<typeof PolicyProfileSchema>;
