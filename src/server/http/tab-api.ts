import express, { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import { caseDetail } from '../../app/case-detail';
import { createCase } from '../../app/create-case';
import { CreateCaseInput } from '../../domain/case/core-group-case';
import { Directory } from '../../ports/directory';
import { AppContext } from '../../app/context';
import { actorFor } from '../../app/identity';
import { bookMeeting, recordMeetingHeld } from '../../app/meetings';
import { decideMinutes, draftMinutes, editMinutes, readMinutes, submitMinutes } from '../../app/minutes';
import { requestReports } from '../../app/reports';
import { MinutesSections } from '../../domain/minutes/minutes';
import { myWork, teamCompliance } from '../../app/my-work';
import { Actor } from '../../domain/access/access-rules';
import { Person } from '../../domain/case/members';
import { parseOrThrow } from '../../domain/validation';
import { isDomainError } from '../../domain/errors';
import { Authenticator } from '../auth/principal';
import { DEFAULT_RATE_LIMITS, perPersonLimit, RateLimits, signInFailures } from './rate-limit';

type Authed = Request & { actor?: Actor; person?: Person };

/** Wraps an async handler so a rejection reaches the error middleware (a 4xx or a logged 500). */
const handle = (fn: (req: Authed, res: Response) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) => {
  fn(req as Authed, res).then((body) => {
    if (!res.headersSent) res.json(body);
  }, next);
};

const actorOf = (req: Authed): Actor => req.actor as Actor;

const Decision = z.discriminatedUnion('decision', [z.strictObject({ decision: z.literal('approve') }), z.strictObject({ decision: z.literal('return'), comments: z.string() })]);
const Held = z.strictObject({ heldOn: z.string(), attendance: z.array(z.strictObject({ memberId: z.string(), status: z.enum(['attended', 'apologies', 'absent']) })).max(200) });
const MinutesEdit = z.strictObject({ expectedVersion: z.number().int().positive(), sections: MinutesSections.partial() });
const Expected = z.strictObject({ expectedVersion: z.number().int().positive() });
const Booking = z.strictObject({ expectedVersion: z.number().int().positive(), startsAt: z.string(), endsAt: z.string(), venue: z.enum(['office', 'family-home', 'online']) });

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
  /** Per-person and sign-in limits (tests lower them); DEFAULT_RATE_LIMITS otherwise. */
  readonly limits?: RateLimits;
}

export function tabApi(ctx: AppContext, authenticator: Authenticator, options: TabApiOptions): Router {
  const api = express.Router();
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

  api.get('/me', handle(async (req) => ({ person: req.person, devSignIn: options.devSignIn })));
  api.get('/me/work', handle((req) => myWork(ctx, actorOf(req))));
  api.get('/team/compliance', handle((req) => teamCompliance(ctx, actorOf(req))));
  api.get('/cases/:caseId', handle((req) => caseDetail(ctx, actorOf(req), String(req.params.caseId))));
  api.post(
    '/meetings/:meetingId/booking',
    handle((req) => bookMeeting(ctx, actorOf(req), { meetingId: String(req.params.meetingId), ...parseOrThrow(Booking, req.body, 'REQUEST.INVALID', 'the booking') })),
  );
  api.post(
    '/cases',
    handle(async (req, res) => {
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const created = await createCase(ctx, actorOf(req), req.body as CreateCaseInput, bearer && options.directoryFor ? options.directoryFor(bearer) : undefined);
      res.status(201);
      return { id: created.id, reference: created.reference };
    }),
  );
  api.post('/meetings/:meetingId/report-requests', handle((req) => requestReports(ctx, actorOf(req), { meetingId: String(req.params.meetingId) })));
  api.post('/meetings/:meetingId/held', handle((req) => recordMeetingHeld(ctx, actorOf(req), { meetingId: String(req.params.meetingId), ...parseOrThrow(Held, req.body, 'REQUEST.INVALID', 'the attendance') })));
  api.post('/meetings/:meetingId/minutes', handle((req) => draftMinutes(ctx, actorOf(req), { meetingId: String(req.params.meetingId) })));
  api.get('/minutes/:minutesId', handle((req) => readMinutes(ctx, actorOf(req), String(req.params.minutesId))));
  api.put('/minutes/:minutesId', handle((req) => editMinutes(ctx, actorOf(req), { minutesId: String(req.params.minutesId), ...parseOrThrow(MinutesEdit, req.body, 'REQUEST.INVALID', 'the minutes') })));
  api.post('/minutes/:minutesId/submission', handle((req) => submitMinutes(ctx, actorOf(req), { minutesId: String(req.params.minutesId), ...parseOrThrow(Expected, req.body, 'REQUEST.INVALID', 'the submission') })));
  api.post(
    '/minutes/:minutesId/decision',
    handle((req) => decideMinutes(ctx, actorOf(req), { minutesId: String(req.params.minutesId), ...parseOrThrow(Decision, req.body, 'REQUEST.INVALID', 'the decision') })),
  );
  return api;
}
