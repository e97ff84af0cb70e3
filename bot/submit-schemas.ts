import { z } from 'zod';
import { FieldProblem } from '../src/domain/errors';
import { ReportContentInput } from '../src/domain/report/agency-report';

/**
 * What an update form submits. Card inputs arrive as strings (the safety scale "6"), action rows as
 * `action.<id>.progress` / `action.<id>.comment` keys; this turns them into the use case's input.
 */
export const UpdateFormSubmit = z
  .object({
    reportId: z.string().min(1),
    attendance: z.string().optional(),
    whatHasChanged: z.string().optional(),
    workingWell: z.string().optional(),
    worries: z.string().optional(),
    needsToHappen: z.string().optional(),
    safetyScale: z.union([z.string(), z.number()]).optional(),
  })
  .catchall(z.unknown());

export function toReportContent(data: z.output<typeof UpdateFormSubmit>): { reportId: string; content: ReportContentInput; actionIds: string[] } {
  const actionIds = [...new Set(Object.keys(data).flatMap((k) => /^action\.(.+)\.(progress|comment)$/.exec(k)?.[1] ?? []))];
  const scale = data.safetyScale === undefined || data.safetyScale === '' ? NaN : Number(data.safetyScale);
  return {
    reportId: data.reportId,
    actionIds,
    content: {
      attendance: data.attendance as ReportContentInput['attendance'],
      whatHasChanged: data.whatHasChanged ?? '',
      workingWell: data.workingWell ?? '',
      worries: data.worries ?? '',
      needsToHappen: data.needsToHappen ?? '',
      safetyScale: scale,
      actions: actionIds.map((id) => {
        const comment = String(data[`action.${id}.comment`] ?? '').trim();
        return { actionId: id, progress: data[`action.${id}.progress`] as 'done', ...(comment ? { comment } : {}) };
      }),
    },
  };
}

/** Field problems from the use case, keyed the way the form names its inputs. */
export function formErrors(fields: readonly FieldProblem[], actionIds: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const action = /^actions\.(\d+)\.(\w+)$/.exec(f.field);
    const key = action ? `action.${actionIds[Number(action[1])] ?? '?'}.${action[2]}` : f.field;
    errors[key] ??= f.problem === 'Expected number, received NaN' || /number/i.test(f.problem) ? 'give a number from 0 to 10' : f.problem;
  }
  return errors;
}

export const MinutesDecisionSubmit = z.object({ minutesId: z.string().min(1), comments: z.string().optional() }).catchall(z.unknown());
export const ByReport = z.object({ reportId: z.string().min(1) }).catchall(z.unknown());
export const ByMeeting = z.object({ meetingId: z.string().min(1), attendance: z.enum(['attending', 'apologies']).optional() }).catchall(z.unknown());

export const SchedulePick = z
  .object({
    meetingId: z.string().min(1),
    expectedVersion: z.coerce.number().int().positive(),
    start: z.string().min(1),
    end: z.string().min(1),
    venue: z.enum(['office', 'family-home', 'online']).default('online'),
  })
  .catchall(z.unknown());

export const ByCase = z.object({ caseId: z.string().min(1), comment: z.string().optional() }).catchall(z.unknown());
export const EscalationSubmit = z.object({ caseId: z.string().min(1), kind: z.enum(['early-review-request', 'concern-to-iro', 'dissent']), concern: z.string().optional() }).catchall(z.unknown());
