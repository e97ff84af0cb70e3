import { z } from 'zod';
import { DomainError } from '../errors';

/** The structured record of a core group; anyone in the partnership may record it. */
export const MinutesSections = z.strictObject({
  attendance: z.string().max(10_000).default(''),
  apologies: z.string().max(10_000).default(''),
  agenciesExpectedButAbsent: z.string().max(5_000).default(''),
  recentEvents: z.string().max(20_000).default(''),
  agencyUpdates: z.string().max(50_000).default(''),
  childsVoice: z.string().max(20_000).default(''),
  childsVoiceHowGathered: z.string().max(5_000).default(''),
  parentsViews: z.string().max(20_000).default(''),
  parentsViewsHowGathered: z.string().max(5_000).default(''),
  planReview: z.string().max(50_000).default(''),
  newActions: z.string().max(20_000).default(''),
  concernsAndDissent: z.string().max(20_000).default(''),
  reviewRecommendation: z.string().max(20_000).default(''),
  nextMeeting: z.string().max(1_000).default(''),
});
export type MinutesSections = z.output<typeof MinutesSections>;

/** An edit: the sections it names, each checked as above, with no defaults (an absent section is left alone). */
export const MinutesSectionsEdit = z
  .strictObject(
    Object.fromEntries(Object.entries(MinutesSections.shape).map(([k, v]) => [k, v.unwrap()])) as {
      [K in keyof typeof MinutesSections.shape]: ReturnType<(typeof MinutesSections.shape)[K]['unwrap']>;
    },
  )
  .partial();
export type MinutesSectionsEdit = z.output<typeof MinutesSectionsEdit>;

export type MinutesStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'circulated';

export interface Minutes {
  readonly id: string;
  readonly meetingId: string;
  readonly caseId: string;
  readonly status: MinutesStatus;
  readonly authorId: string;
  readonly sections: MinutesSections;
  readonly version: number;
  readonly submittedAt?: string;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  /** The comments of the most recent return (kept after resubmission: what was asked for). */
  readonly returnComments?: string;
  readonly circulatedAt?: string;
}

/** Each section's heading, as people read it (the minutes mail, what is missing before submitting). */
export const SECTION_TITLES: Record<keyof MinutesSections, string> = {
  attendance: 'Attendance',
  apologies: 'Apologies',
  agenciesExpectedButAbsent: 'Agencies expected but not present',
  recentEvents: 'Recent events',
  agencyUpdates: 'Agency updates',
  childsVoice: "The child's voice",
  childsVoiceHowGathered: "How the child's voice was gathered",
  parentsViews: "Parents' views",
  parentsViewsHowGathered: "How parents' views were sought",
  planReview: 'Review of the plan',
  newActions: 'New actions',
  concernsAndDissent: 'Concerns and dissent',
  reviewRecommendation: 'Recommendation to the review conference',
  nextMeeting: 'Next meeting',
};

/** Sections that must be written before the minutes go to the manager. */
const REQUIRED_TO_SUBMIT: readonly (keyof MinutesSections)[] = [
  'attendance',
  'agencyUpdates',
  'childsVoice',
  'childsVoiceHowGathered',
  'parentsViews',
  'planReview',
  'nextMeeting',
];

const conflict = (code: string, message: string) => new DomainError(code, 'conflict', message);

/*
 * The approval state machine:
 *   draft → submitted → approved → circulated
 *                     ↘ returned (with comments) → submitted (resubmitted) …
 * Every other move is refused with a stable code.
 */
export function edit(m: Minutes, sections: MinutesSections): Minutes {
  if (m.status !== 'draft' && m.status !== 'returned')
    throw conflict('MINUTES.NOT_EDITABLE', `These minutes are ${m.status}; only a draft or returned minutes can be edited.`);
  return { ...m, sections };
}

export function submit(m: Minutes, now: string, requireFinalRecommendation: boolean): Minutes {
  if (m.status !== 'draft' && m.status !== 'returned')
    throw conflict('MINUTES.NOT_DRAFT', `These minutes are ${m.status}; only a draft or returned minutes can be submitted.`);
  const missing = [...REQUIRED_TO_SUBMIT, ...(requireFinalRecommendation ? (['reviewRecommendation'] as const) : [])].filter(
    (k) => m.sections[k].trim() === '',
  );
  if (missing.length) {
    throw new DomainError(
      'MINUTES.INCOMPLETE',
      'invalid',
      `Fill in before submitting: ${missing.map((k) => SECTION_TITLES[k]).join('; ')}.`,
      missing.map((field) => ({ field: `sections.${field}`, problem: 'is required before submitting' })),
    );
  }
  // The comments of the last return stay with the minutes, so the manager sees what they asked for.
  return { ...m, status: 'submitted', submittedAt: now };
}

export function approve(m: Minutes, by: string, now: string): Minutes {
  if (m.status !== 'submitted') throw conflict('MINUTES.NOT_SUBMITTED', `These minutes are ${m.status}; only submitted minutes can be approved.`);
  return { ...m, status: 'approved', decidedBy: by, decidedAt: now };
}

export function returnForChanges(m: Minutes, by: string, now: string, comments: string): Minutes {
  if (m.status !== 'submitted') throw conflict('MINUTES.NOT_SUBMITTED', `These minutes are ${m.status}; only submitted minutes can be returned.`);
  if (comments.trim().length < 5)
    throw new DomainError('MINUTES.COMMENTS_REQUIRED', 'invalid', 'Say what needs to change.', [
      { field: 'comments', problem: 'is required when returning minutes' },
    ]);
  return { ...m, status: 'returned', decidedBy: by, decidedAt: now, returnComments: comments.trim() };
}

export function markCirculated(m: Minutes, now: string): Minutes {
  if (m.status !== 'approved') throw conflict('MINUTES.NOT_APPROVED', `These minutes are ${m.status}; only approved minutes can be circulated.`);
  return { ...m, status: 'circulated', circulatedAt: now };
}

/**
 * Everyone who wrote any part of the minutes: their author and each person whose save changed a
 * section. A manager who rewrote returned minutes is one of them, and so may not approve them.
 */
export function writersOf(
  m: Pick<Minutes, 'authorId'>,
  versions: readonly { readonly version: number; readonly sections: MinutesSections; readonly editedBy: string }[],
): string[] {
  const writers = new Set([m.authorId]);
  let previous: string | undefined;
  for (const v of [...versions].sort((a, b) => a.version - b.version)) {
    const text = JSON.stringify(v.sections);
    if (previous !== undefined && text !== previous) writers.add(v.editedBy);
    previous = text;
  }
  return [...writers];
}
