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
    actionIds: z.array(z.string()).optional(),
  })
  .catchall(z.unknown());

export function toReportContent(data: z.output<typeof UpdateFormSubmit>): { reportId: string; content: ReportContentInput; actionIds: string[] } {
  // The actions the form asked about (an unanswered choice may not be sent at all), and any answered.
  const actionIds = [...new Set([...(data.actionIds ?? []), ...Object.keys(data).flatMap((k) => /^action\.(.+)\.(progress|comment)$/.exec(k)?.[1] ?? [])])];
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
        return { actionId: id, progress: (data[`action.${id}.progress`] ?? '') as 'done', ...(comment ? { comment } : {}) };
      }),
    },
  };
}

/** The update form's labels, as the person reads them beside each field. */
export const UPDATE_LABELS: Readonly<Record<string, string>> = {
  attendance: 'Will you attend?',
  whatHasChanged: 'What has changed for the child and family?',
  workingWell: 'What is working well?',
  worries: 'What are we worried about?',
  needsToHappen: 'What needs to happen?',
  safetyScale: 'Safety scale',
};
const TEXT_MAX: Readonly<Record<string, number>> = {
  whatHasChanged: 5000,
  workingWell: 5000,
  worries: 5000,
  needsToHappen: 5000,
  comment: 2000,
  concern: 10000,
};

const thousands = (n: number): string => n.toLocaleString('en-GB');

/**
 * A text field's problem in plain words, judged from what was typed (not from the validator's
 * message, which is for developers): empty, too long, or too short.
 */
export function textProblem(value: unknown, max: number, emptyWords: string, min = 1): string | undefined {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0) return emptyWords;
  if (text.length > max) return `Keep this under ${thousands(max)} characters (you wrote ${thousands(text.length)})`;
  if (text.length < min) return `Write at least ${min} characters (you wrote ${text.length})`;
  return undefined;
}

/**
 * Field problems from the use case in plain words, keyed the way the form names its inputs. `data`
 * is what the form submitted, so a problem can say how long the text was.
 */
export function formErrors(
  fields: readonly FieldProblem[],
  actionIds: readonly string[],
  data: Readonly<Record<string, unknown>> = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const action = /^actions\.(\d+)\.(\w+)$/.exec(f.field);
    const key = action ? `action.${actionIds[Number(action[1])] ?? '?'}.${action[2]}` : f.field;
    errors[key] ??= plainProblem(f, key, data);
  }
  return errors;
}

function plainProblem(f: FieldProblem, key: string, data: Readonly<Record<string, unknown>>): string {
  if (key === 'attendance') return 'Choose whether you are attending or sending apologies';
  if (key === 'safetyScale') return 'give a whole number from 0 to 10';
  if (/\.progress$/.test(key)) return 'Choose how this action is going';
  if (/\.comment$/.test(key)) {
    const comment = String(data[key] ?? '').trim();
    return comment.length > TEXT_MAX.comment!
      ? `Keep this under ${thousands(TEXT_MAX.comment!)} characters (you wrote ${thousands(comment.length)})`
      : 'say what is blocking it';
  }
  const max = TEXT_MAX[key];
  if (max) return textProblem(data[key], max, `Answer “${UPDATE_LABELS[key] ?? 'this question'}”`) ?? f.problem;
  return f.problem;
}

/** The summary above a form that came back: which questions, by their labels, need another look. */
export function formErrorSummary(errors: Readonly<Record<string, string>>): string {
  const labels = Object.keys(errors)
    .map((k) => UPDATE_LABELS[k] ?? (k.startsWith('action.') ? 'a plan action' : undefined))
    .filter((l): l is string => Boolean(l));
  const unique = [...new Set(labels)];
  return unique.length
    ? `Please fix ${unique.map((l) => `“${l}”`).join(', ')} (marked below), then submit again.`
    : 'Please fix the fields marked below, then submit again.';
}

/** The concern form's problems in plain words. */
export function concernProblems(fields: readonly FieldProblem[], data: Readonly<Record<string, unknown>>): string {
  const problems = new Set<string>();
  for (const f of fields) {
    if (f.field === 'kind') problems.add('Choose what you are asking for.');
    else if (f.field === 'concern') problems.add(`The concern: ${textProblem(data.concern, TEXT_MAX.concern!, 'describe it', 20) ?? f.problem}.`);
    else problems.add(f.problem);
  }
  return [...problems].join(' ');
}

/** `version`: the minutes as the card showed them (absent on cards sent before it was carried). */
export const MinutesDecisionSubmit = z
  .object({ minutesId: z.string().min(1), comments: z.string().optional(), version: z.coerce.number().int().positive().optional() })
  .catchall(z.unknown());
export const ByReport = z.object({ reportId: z.string().min(1) }).catchall(z.unknown());
export const ByMeeting = z.object({ meetingId: z.string().min(1), attendance: z.enum(['attending', 'apologies']).optional() }).catchall(z.unknown());

export const SchedulePick = z
  .object({
    meetingId: z.string().min(1),
    expectedVersion: z.coerce.number().int().positive(),
    start: z.string().min(1),
    end: z.string().min(1),
    venue: z.enum(['office', 'family-home', 'online']).default('online'),
    lateReason: z.string().max(1000).optional(),
  })
  .catchall(z.unknown());

/** "Make X vice chair" on the card saying nobody can chair a core group. */
/**
 * "Make X vice chair": for a core group booked at `startsAt`, or one not yet booked (the card sends
 * an empty time, which is read as none).
 */
export const CoverPick = z
  .object({
    caseId: z.string().min(1),
    meetingId: z.string().min(1),
    startsAt: z.union([z.iso.datetime(), z.literal('')]).optional(),
    personId: z.string().min(1),
  })
  .catchall(z.unknown())
  .transform(({ caseId, meetingId, startsAt, personId }) => ({ caseId, meetingId, personId, ...(startsAt ? { startsAt } : {}) }));

export const ByCase = z.object({ caseId: z.string().min(1), comment: z.string().optional() }).catchall(z.unknown());
export const EscalationSubmit = z
  .object({ caseId: z.string().min(1), kind: z.enum(['early-review-request', 'concern-to-iro', 'dissent']), concern: z.string().optional() })
  .catchall(z.unknown());
