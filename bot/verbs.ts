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
