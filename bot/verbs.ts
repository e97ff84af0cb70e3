/**
 * Every Action.Execute verb, in one place. Handlers switch on these; cards are built with them.
 * Verbs name what the person does, never carry data (that travels in `data`).
 */
export const VERBS = {
  reportSubmit: 'report.submit',
  reportEdit: 'report.edit',
  reportOpen: 'report.open',
  minutesApprove: 'minutes.approve',
  minutesReturn: 'minutes.return',
  minutesRefresh: 'minutes.refresh',
  planAgree: 'plan.agree',
  planDiscuss: 'plan.discuss',
  planOpen: 'plan.open',
  escalationForm: 'escalation.form',
  escalationRaise: 'escalation.raise',
  scheduleOpen: 'schedule.open',
  schedulePick: 'schedule.pick',
  agendaRefresh: 'agenda.refresh',
  chairCover: 'chair.cover',
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];

/**
 * The verbs whose handlers read a calendar (free/busy for the schedule card). They run where the
 * calendar adapter is, on the server's main thread; every other verb needs only the store, so it
 * may run in the card-action thread (src/server/card-action-thread.ts).
 */
export const CALENDAR_VERBS = [VERBS.scheduleOpen, VERBS.schedulePick] as const;
export type CalendarVerb = (typeof CALENDAR_VERBS)[number];
/** A verb whose handler needs only the store and the tab's links. */
export type StoreVerb = Exclude<Verb, CalendarVerb>;
const CALENDAR: ReadonlySet<string> = new Set(CALENDAR_VERBS);
export const isStoreVerb = (verb: Verb): verb is StoreVerb => !CALENDAR.has(verb);
