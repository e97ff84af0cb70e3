import { recordDoneByHand } from '../../app/done-by-hand';
import express, { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import { caseDetail } from '../../app/case-detail';
import { createCase } from '../../app/create-case';
import { CreateCaseInput } from '../../domain/case/core-group-case';
import { Directory } from '../../ports/directory';
import { AppContext } from '../../app/context';
import { actorFor } from '../../app/identity';
import { bookMeeting, bookSeries, cancelMeeting, recordMeetingHeld } from '../../app/meetings';
import { addMember, excludeMember, removeMember } from '../../app/members';
import { scheduleView } from '../../app/schedule';
import { DomainError, isDomainError } from '../../domain/errors';
import { recordRefusal } from '../../app/refusals';
import { checkMeetingTime, linkOutlookEvent, meetingAgenda } from '../../app/outlook';
import { MemberInput } from '../../domain/case/members';
import { ReportContentInput } from '../../domain/report/agency-report';
import { CalendarPort } from '../../ports/calendar';
import { decideMinutes, draftMinutes, editMinutes, readMinutes, submitMinutes } from '../../app/minutes';
import { readReport, requestReports, submitReport } from '../../app/reports';
import { MinutesSectionsEdit } from '../../domain/minutes/minutes';
import { myWork, teamCompliance } from '../../app/my-work';
import { myAbilities } from '../../app/abilities';
import { setStaffRoles, staffList } from '../../app/staff';
import { OrgRoleSchema } from '../../domain/access/organisation-roles';
import { Actor } from '../../domain/access/access-rules';
import { Person } from '../../domain/case/members';
import { parseOrThrow } from '../../domain/validation';
import { Authenticator } from '../auth/principal';
import { DEFAULT_RATE_LIMITS, perPersonLimit, RateLimits, signInFailures } from './rate-limit';

type Authed = Request & { actor?: Actor; person?: Person };

/** The record a route names (the last :param), for the audit of a refused attempt. */
function target(req: Request): { entity: string; entityId: string } {
  const params = Object.entries(req.params ?? {});
  const [name, value] = params[params.length - 1] ?? ['route', req.path];
  return { entity: name.replace(/Id$/, ''), entityId: String(value) };
}

const actorOf = (req: Authed): Actor => req.actor as Actor;

const Decision = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve') }),
  z.strictObject({ decision: z.literal('return'), comments: z.string() }),
]);
const Held = z.strictObject({
  heldOn: z.string(),
  attendance: z.array(z.strictObject({ memberId: z.string(), status: z.enum(['attended', 'apologies', 'absent']) })).max(200),
});
const DoneOn = z.strictObject({ on: z.string({ error: 'must be a day, such as 2027-01-05' }) });
const MinutesEdit = z.strictObject({ expectedVersion: z.number().int().positive(), sections: MinutesSectionsEdit });
const Expected = z.strictObject({ expectedVersion: z.number().int().positive() });
const Version = z.number({ error: 'must be the version you last saw (a whole number)' }).int().positive();
const Booking = z.strictObject({
  expectedVersion: Version,
  startsAt: z.string({ error: 'is required (the start time)' }),
  endsAt: z.string({ error: 'is required (the end time)' }),
  venue: z.enum(['office', 'family-home', 'online'], { error: 'must be the office, the family home or online' }),
  lateReason: z.string().optional(),
  outsideHoursReason: z.string().optional(),
});
const OutlookLinkBody = z.strictObject({
  expectedVersion: Version,
  eventId: z.string({ error: "is required (the appointment's Graph id)" }).min(1, "is required (the appointment's Graph id)").max(1024),
  startsAt: z.string({ error: 'is required (the start time)' }),
  endsAt: z.string({ error: 'is required (the end time)' }),
  venue: z.enum(['office', 'family-home', 'online'], { error: 'must be the office, the family home or online' }),
  lateReason: z.string().optional(),
  outsideHoursReason: z.string().optional(),
});
const Cancellation = z.strictObject({ reason: z.string({ error: 'is required: say why the core group is cancelled' }) });
const Series = z.strictObject({
  bookings: z
    .array(Booking.extend({ meetingId: z.string().min(1) }))
    .min(1, 'must name at least one core group')
    .max(20),
});
/** `?proposed=<meeting id>@<start>`: a time the series page has in mind for an earlier core group, once for each. */
const ProposedTime = z
  .string()
  .transform((s) => (s.includes('@') ? { meetingId: s.slice(0, s.indexOf('@')), startsAt: s.slice(s.indexOf('@') + 1) } : { meetingId: '', startsAt: '' }))
  .pipe(
    z.object({
      meetingId: z.string().min(1, 'must name a core group and its time, as id@2027-01-12T10:00:00Z'),
      startsAt: z.iso.datetime({ offset: true, error: 'must be a time, as 2027-01-12T10:00:00Z' }),
    }),
  );
const ScheduleQuery = z.looseObject({
  // One ?proposed= is a string, several an array: always a list, so each is named by its place.
  proposed: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(ProposedTime).max(20, 'must list at most 20 core groups').optional()),
});
const StaffRoles = z.strictObject({ roles: z.array(OrgRoleSchema, { error: 'must be a list of roles' }).max(5) });
const Exclusion = z.strictObject({ reason: z.string({ error: 'is required: the conference’s reason' }) });
const NewMember = z.strictObject({ member: z.unknown() });
const ReportEdit = z.strictObject({ content: z.unknown() });

/**
 * The tab's API. Every route authenticates (Teams SSO in production, dev sign-in locally), resolves
 * the person, and calls a use case, which checks their membership and role on the case.
 */
export interface TabApiOptions {
  readonly devSignIn: boolean;
  /**
   * The directory, asked on behalf of the person calling (their own bearer token, exchanged by the
   * on-behalf-of flow), when a case is opened. Absent in local mode.
   */
  readonly directoryFor?: (bearerToken: string) => Directory;
  /** Free/busy and invitations (Outlook through Graph, or the embedded calendar); schedule views need it. */
  readonly calendar?: CalendarPort;
  /** How long a core group is booked for (MEETING_MINUTES). */
  readonly meetingMinutes?: number;
  /** Per-person and sign-in limits (tests lower them); DEFAULT_RATE_LIMITS otherwise. */
  readonly limits?: RateLimits;
}

export function tabApi(ctx: AppContext, authenticator: Authenticator, options: TabApiOptions): Router {
  const api = express.Router();
  /**
   * Wraps an async handler so a rejection reaches the error middleware (a 4xx or a logged 500); a
   * refusal (not allowed, or not on the case) is audited first, in a transaction of its own.
   */
  const handle = (fn: (req: Authed, res: Response) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) => {
    fn(req as Authed, res).then(
      (body) => {
        if (!res.headersSent) res.json(body);
      },
      (error: unknown) => {
        const actor = (req as Authed).actor;
        if (!actor || !isDomainError(error) || (error.category !== 'forbidden' && error.category !== 'not-found')) return next(error);
        recordRefusal(ctx, actor, { action: `${req.method} ${req.route?.path ?? req.path}`, ...target(req), code: error.code }).then(
          () => next(error),
          (auditFailure: unknown) => next(auditFailure),
        );
      },
    );
  };
  // Who is calling, before any route: an unauthenticated request never reaches a use case. Failed
  // sign-ins count against the caller's address; everything after sign-in against the person.
  const failures = signInFailures(options.limits ?? DEFAULT_RATE_LIMITS);
  api.use((req: Request, res: Response, next: NextFunction) => {
    authenticator
      .authenticate(req.headers)
      .then((principal) => actorFor(ctx, principal))
      .then(
        ({ actor, person }) => {
          (req as Authed).actor = actor;
          (req as Authed).person = person;
          next();
        },
        (e: unknown) => (isDomainError(e) && (e.category === 'unauthenticated' || e.code === 'PERSON.UNKNOWN') ? failures.record(req, res, e, next) : next(e)),
      );
  });
  api.use(perPersonLimit(options.limits ?? DEFAULT_RATE_LIMITS, (req) => (req as Authed).actor?.personId));

  // Who is signed in, and what the tab should offer them (its menu shows only what they can do).
  api.get(
    '/me',
    handle(async (req) => ({ person: req.person, devSignIn: options.devSignIn, can: await myAbilities(ctx, actorOf(req)) })),
  );
  // The procedures a case can follow, newest version of each, for the "open a case" form.
  api.get(
    '/profiles',
    handle(async () => ({ profiles: ctx.profiles.list().map((p) => ({ id: p.id, name: p.name })) })),
  );
  api.get(
    '/me/work',
    handle((req) => myWork(ctx, actorOf(req))),
  );
  // The organisation's staff list (what it says each person is): for its administrators.
  api.get(
    '/staff',
    handle((req) => staffList(ctx, actorOf(req))),
  );
  api.put(
    '/staff/:email',
    handle((req) =>
      setStaffRoles(ctx, actorOf(req), { email: String(req.params.email), ...parseOrThrow(StaffRoles, req.body, 'REQUEST.INVALID', 'the staff entry') }),
    ),
  );
  api.get(
    '/team/compliance',
    handle((req) => teamCompliance(ctx, actorOf(req))),
  );
  api.get(
    '/cases/:caseId',
    handle((req) => caseDetail(ctx, actorOf(req), String(req.params.caseId))),
  );
  api.post(
    '/meetings/:meetingId/booking',
    handle((req) =>
      bookMeeting(ctx, actorOf(req), { meetingId: String(req.params.meetingId), ...parseOrThrow(Booking, req.body, 'REQUEST.INVALID', 'the booking') }),
    ),
  );
  api.post(
    '/cases',
    handle(async (req, res) => {
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const created = await createCase(
        ctx,
        actorOf(req),
        req.body as CreateCaseInput,
        bearer && options.directoryFor ? options.directoryFor(bearer) : undefined,
      );
      res.status(201);
      return { id: created.id, reference: created.reference };
    }),
  );
  api.get(
    '/meetings/:meetingId/schedule',
    handle((req) => {
      if (!options.calendar) throw new DomainError('SCHEDULE.UNAVAILABLE', 'conflict', 'Scheduling is not available: no calendar is connected.');
      const { proposed } = parseOrThrow(ScheduleQuery, req.query, 'REQUEST.INVALID', 'the proposed times');
      return scheduleView(ctx, options.calendar, actorOf(req), {
        meetingId: String(req.params.meetingId),
        durationMinutes: options.meetingMinutes ?? 90,
        ...(proposed ? { proposed } : {}),
      });
    }),
  );
  // The Outlook add-in: check the appointment's time, the agenda for its body, and link it to the meeting.
  api.get(
    '/meetings/:meetingId/time-check',
    handle((req) => checkMeetingTime(ctx, actorOf(req), { meetingId: String(req.params.meetingId), startsAt: req.query.startsAt, endsAt: req.query.endsAt })),
  );
  api.get(
    '/meetings/:meetingId/agenda',
    handle((req) => meetingAgenda(ctx, actorOf(req), String(req.params.meetingId))),
  );
  api.post(
    '/meetings/:meetingId/outlook-link',
    handle((req) =>
      linkOutlookEvent(ctx, actorOf(req), {
        meetingId: String(req.params.meetingId),
        ...parseOrThrow(OutlookLinkBody, req.body, 'REQUEST.INVALID', 'the link'),
      }),
    ),
  );
  api.post(
    '/meetings/:meetingId/cancellation',
    handle((req) =>
      cancelMeeting(ctx, actorOf(req), {
        meetingId: String(req.params.meetingId),
        ...parseOrThrow(Cancellation, req.body, 'REQUEST.INVALID', 'the cancellation'),
      }),
    ),
  );
  api.post(
    '/cases/:caseId/series',
    handle((req) => bookSeries(ctx, actorOf(req), { caseId: String(req.params.caseId), ...parseOrThrow(Series, req.body, 'REQUEST.INVALID', 'the series') })),
  );
  api.post(
    '/cases/:caseId/members',
    handle(async (req, res) => {
      const { member } = parseOrThrow(NewMember, req.body, 'REQUEST.INVALID', 'the new member');
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const added = await addMember(
        ctx,
        actorOf(req),
        { caseId: String(req.params.caseId), member: member as MemberInput },
        bearer && options.directoryFor ? options.directoryFor(bearer) : undefined,
      );
      res.status(201);
      return added;
    }),
  );
  api.post(
    '/cases/:caseId/members/:memberId/exclusion',
    handle((req) =>
      excludeMember(ctx, actorOf(req), {
        caseId: String(req.params.caseId),
        memberId: String(req.params.memberId),
        ...parseOrThrow(Exclusion, req.body, 'REQUEST.INVALID', 'the exclusion'),
      }),
    ),
  );
  api.delete(
    '/cases/:caseId/members/:memberId',
    handle((req) => removeMember(ctx, actorOf(req), { caseId: String(req.params.caseId), memberId: String(req.params.memberId) })),
  );
  api.get(
    '/reports/:reportId',
    handle((req) => readReport(ctx, actorOf(req), String(req.params.reportId))),
  );
  api.put(
    '/reports/:reportId',
    handle((req) =>
      submitReport(ctx, actorOf(req), {
        reportId: String(req.params.reportId),
        content: parseOrThrow(ReportEdit, req.body, 'REQUEST.INVALID', 'the update').content as ReportContentInput,
      }),
    ),
  );
  api.post(
    '/meetings/:meetingId/report-requests',
    handle((req) => requestReports(ctx, actorOf(req), { meetingId: String(req.params.meetingId) })),
  );
  api.post(
    '/cases/:caseId/obligations/:obligationId/done',
    handle((req) =>
      recordDoneByHand(ctx, actorOf(req), {
        caseId: String(req.params.caseId),
        obligationId: String(req.params.obligationId),
        ...parseOrThrow(DoneOn, req.body, 'REQUEST.INVALID', 'the day it was done'),
      }),
    ),
  );
  api.post(
    '/meetings/:meetingId/held',
    handle((req) =>
      recordMeetingHeld(ctx, actorOf(req), { meetingId: String(req.params.meetingId), ...parseOrThrow(Held, req.body, 'REQUEST.INVALID', 'the attendance') }),
    ),
  );
  api.post(
    '/meetings/:meetingId/minutes',
    handle((req) => draftMinutes(ctx, actorOf(req), { meetingId: String(req.params.meetingId) })),
  );
  api.get(
    '/minutes/:minutesId',
    handle((req) => readMinutes(ctx, actorOf(req), String(req.params.minutesId))),
  );
  api.put(
    '/minutes/:minutesId',
    handle((req) =>
      editMinutes(ctx, actorOf(req), { minutesId: String(req.params.minutesId), ...parseOrThrow(MinutesEdit, req.body, 'REQUEST.INVALID', 'the minutes') }),
    ),
  );
  api.post(
    '/minutes/:minutesId/submission',
    handle((req) =>
      submitMinutes(ctx, actorOf(req), { minutesId: String(req.params.minutesId), ...parseOrThrow(Expected, req.body, 'REQUEST.INVALID', 'the submission') }),
    ),
  );
  api.post(
    '/minutes/:minutesId/decision',
    handle((req) =>
      decideMinutes(ctx, actorOf(req), { minutesId: String(req.params.minutesId), ...parseOrThrow(Decision, req.body, 'REQUEST.INVALID', 'the decision') }),
    ),
  );
  return api;
}
