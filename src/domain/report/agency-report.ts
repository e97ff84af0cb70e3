import { z } from 'zod';

export const ACTION_PROGRESS = ['done', 'on-track', 'not-started', 'blocked'] as const;
export type ActionProgress = (typeof ACTION_PROGRESS)[number];

/**
 * An agency's update for one core group (Signs of Safety questions). Anyone who cannot attend sends
 * one in writing; before the final core group ahead of a review, every agency must.
 */
export const ReportContent = z
  .strictObject({
    attendance: z.enum(['attending', 'apologies'], { error: 'is required: attending, or apologies' }),
    whatHasChanged: z.string().trim().min(1, 'is required').max(5000),
    workingWell: z.string().trim().min(1, 'is required').max(5000),
    worries: z.string().trim().min(1, 'is required').max(5000),
    needsToHappen: z.string().trim().min(1, 'is required').max(5000),
    actions: z
      .array(
        z
          .strictObject({
            actionId: z.string().min(1),
            progress: z.enum(ACTION_PROGRESS, { error: 'is required: how the action is going' }),
            comment: z.string().trim().max(2000).optional(),
          })
          .refine((a) => a.progress !== 'blocked' || (a.comment && a.comment.length > 0), { message: 'say what is blocking it', path: ['comment'] }),
      )
      .default([]),
    // Never defaulted: an untouched 5 would be recorded as the professional's judgement.
    safetyScale: z.number({ error: 'is required: a whole number from 0 to 10' }).int().min(0, 'must be 0–10').max(10, 'must be 0–10'),
  })
  .strict();
export type ReportContent = z.output<typeof ReportContent>;
export type ReportContentInput = z.input<typeof ReportContent>;

export type ReportStatus = 'requested' | 'submitted';

export interface AgencyReport {
  readonly id: string;
  readonly meetingId: string;
  readonly memberId: string;
  readonly status: ReportStatus;
  /** Latest version's content, when submitted. */
  readonly content?: ReportContent;
  readonly version: number;
  readonly submittedAt?: string;
  readonly submittedBy?: string;
  /** Business support submitting for someone: who it was for is memberId, who typed it is submittedBy. */
  readonly onBehalf: boolean;
}

/** Collection status as a chair sees it: late once the meeting has started without it. */
export type CollectionStatus = 'requested' | 'submitted' | 'late' | 'missing';

export function collectionStatus(report: Pick<AgencyReport, 'status' | 'submittedAt'>, meetingStartsAt: string | undefined, now: string): CollectionStatus {
  const starts = meetingStartsAt ? Date.parse(meetingStartsAt) : undefined;
  if (report.status === 'submitted') {
    return starts !== undefined && report.submittedAt && Date.parse(report.submittedAt) > starts ? 'late' : 'submitted';
  }
  return starts !== undefined && Date.parse(now) >= starts ? 'missing' : 'requested';
}
