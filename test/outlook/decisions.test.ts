import type { CaseAtAGlance, CaseMeeting, ScheduleSlot, TimeCheck } from '../../tab/outlook/api-types';
import {
  agendaBodyHtml,
  bookableMeetings,
  meetingChoiceLabel,
  meetingToOffer,
  complianceInWords,
  flagsFor,
  formatSlot,
  inviteesFor,
  notificationText,
  referenceInSubject,
  searchCases,
  slotSummary,
  subjectFor,
  updateLink,
} from '../../tab/outlook/decisions';

const check = (overrides: Partial<TimeCheck> = {}): TimeCheck => ({
  meetingId: 'm1',
  number: 2,
  case: { id: 'c1', reference: 'CP-2026-0042', childInitials: 'LRE' },
  window: { earliest: '2027-01-07', due: '2027-02-03' },
  day: '2027-01-12',
  workingTime: [],
  beforeWindow: false,
  afterDeadline: false,
  problems: [],
  ...overrides,
});

const glance = (reference: string, childInitials: string, overrides: Partial<CaseAtAGlance> = {}): CaseAtAGlance => ({
  caseId: reference.toLowerCase(),
  reference,
  childInitials,
  socialWorkerId: 'sam',
  overdue: 0,
  colour: 'green',
  ...overrides,
});

describe('the Outlook pane’s decisions', () => {
  it('flags nothing for a time that suits', () => {
    expect(flagsFor(check())).toEqual([]);
    expect(notificationText(check())).toBeUndefined();
  });

  it('makes a day after the deadline an error and working-time problems warnings, deadline first', () => {
    const late = check({
      afterDeadline: true,
      workingDaysLate: 1,
      problems: ["Sat 6 Feb 2027 is after core group 2's deadline of Wed 3 Feb 2027 (3 working days late)", 'Sat 6 Feb 2027 is a weekend'],
    });
    expect(flagsFor(late)).toEqual([
      { intent: 'error', text: "Sat 6 Feb 2027 is after core group 2's deadline of Wed 3 Feb 2027 (3 working days late)" },
      { intent: 'warning', text: 'Sat 6 Feb 2027 is a weekend' },
    ]);
    expect(flagsFor(check({ beforeWindow: true, problems: ["Tue 5 Jan 2027 is before core group 2's window opens on Thu 7 Jan 2027"] }))[0]?.intent).toBe(
      'warning',
    );
  });

  it('keeps the notification within Outlook’s 150 characters', () => {
    const many = check({
      problems: [
        'Mon 28 Dec 2026 is a bank holiday (Boxing Day, substitute day)',
        '08:00–09:30 is outside working hours (09:30–16:30)',
        'and a third thing that is rather long',
      ],
    });
    const text = notificationText(many) as string;
    expect(text.length).toBeLessThanOrEqual(150);
    expect(text.startsWith('Core group 2 (CP-2026-0042): Mon 28 Dec 2026 is a bank holiday')).toBe(true);
  });

  it('writes the subject with the reference and initials, never a name, and reads the reference back', () => {
    expect(subjectFor({ reference: 'CP-2026-0042', childInitials: 'LRE' }, 2)).toBe('Core group 2 — CP-2026-0042 (LRE)');
    expect(referenceInSubject('Core group 2 — CP-2026-0042 (LRE)')).toBe('CP-2026-0042');
    expect(referenceInSubject('Updated: core group 1 — cp-demo-001 (EMC)')).toBe('CP-DEMO-001');
    expect(referenceInSubject('Team meeting')).toBeUndefined();
  });

  it('invites required and optional members as the schedule says, not the organiser, not those without an address', () => {
    const invitees = inviteesFor(
      [
        { personId: 'sam', displayName: 'Sam Okafor', email: 'Sam.Okafor@anytown.example', role: 'Chair', required: true },
        { personId: 'hv', displayName: 'Priya Desai', email: 'priya.desai@nhs.example', role: 'Professional', required: true },
        { personId: 'maria', displayName: 'Maria Lindqvist', email: 'maria.lindqvist@anytown.example', role: 'Manager', required: false },
        { personId: 'x', displayName: 'No Address', role: 'Professional', required: true },
        {
          personId: 'alex',
          displayName: 'Alex Reed',
          email: 'alex.reed@mail.example',
          invitedAs: 'Parent or carer (AR)',
          role: 'Parent or carer',
          required: true,
        },
      ],
      'sam.okafor@anytown.example',
    );
    expect(invitees).toEqual({
      required: [
        { emailAddress: 'priya.desai@nhs.example', displayName: 'Priya Desai' },
        { emailAddress: 'alex.reed@mail.example', displayName: 'Parent or carer (AR)' },
      ],
      optional: [{ emailAddress: 'maria.lindqvist@anytown.example', displayName: 'Maria Lindqvist' }],
    });
  });

  it('puts the agenda in the body as an escaped list', () => {
    const html = agendaBodyHtml({ reference: 'CP-2026-0042', childInitials: 'LRE' }, 2, ['Introductions', "The child's voice <and> how"], '2027-02-03');
    expect(html).toContain('<ol><li>Introductions</li><li>The child&#39;s voice &lt;and&gt; how</li></ol>');
    expect(html).toContain('must be held by Wed 3 Feb 2027');
  });

  it('finds the chair’s cases by reference or initials', () => {
    const cases = [glance('CP-DEMO-001', 'EMC'), glance('CP-DEMO-002', 'NJP'), glance('CP-2026-0042', 'LRE')];
    expect(searchCases(cases, 'demo-002').map((c) => c.reference)).toEqual(['CP-DEMO-002']);
    expect(searchCases(cases, 'lre').map((c) => c.reference)).toEqual(['CP-2026-0042']);
    expect(searchCases(cases, '(EMC)').map((c) => c.reference)).toEqual(['CP-DEMO-001']);
    expect(searchCases(cases, '  ')).toHaveLength(3);
  });

  it('offers the planned and booked core groups, the next first', () => {
    const m = (number: number, status: string): CaseMeeting => ({
      id: `m${number}-${status}`,
      number,
      status,
      due: '2027-01-06',
      finalBeforeReview: false,
      version: 1,
    });
    expect(bookableMeetings([m(3, 'planned'), m(1, 'held'), m(2, 'booked'), m(2, 'cancelled')]).map((x) => x.id)).toEqual(['m2-booked', 'm3-planned']);
  });

  it('starts on the appointment’s own core group, else the soonest not booked, else the soonest booked', () => {
    const m = (number: number, status: string, startsAt?: string): CaseMeeting => ({
      id: `m${number}`,
      number,
      status,
      due: '2027-01-06',
      ...(startsAt ? { startsAt } : {}),
      finalBeforeReview: false,
      version: 1,
    });
    const booked2 = m(2, 'booked', '2027-01-05T10:00:00Z');
    expect(meetingToOffer([m(1, 'held'), booked2, m(3, 'planned')])?.id).toBe('m3');
    expect(meetingToOffer([m(1, 'held'), booked2, m(3, 'planned')], 'm2')?.id).toBe('m2');
    expect(meetingToOffer([m(1, 'held'), booked2], 'm9')?.id).toBe('m2');
    expect(meetingToOffer([m(1, 'held')])).toBeUndefined();
    expect(meetingChoiceLabel(booked2)).toBe('Core group 2 — booked for Tue 5 Jan, 10:00 (due by Wed 6 Jan 2027)');
    expect(meetingChoiceLabel(m(3, 'planned'))).toBe('Core group 3 — not booked yet, due by Wed 6 Jan 2027');
  });

  it('says of each time whether the core group can go ahead then, and when it is the last day to recover a loss in time', () => {
    const slot = (o: Partial<ScheduleSlot>): ScheduleSlot => ({
      start: '2027-01-12T10:00:00Z',
      end: '2027-01-12T11:30:00Z',
      day: '2027-01-12',
      afterDeadline: false,
      canGoAhead: true,
      leavesRoom: true,
      free: ['Sam Patel (chair)', 'Priya Desai (health visiting)'],
      busy: [],
      unknown: [],
      ...o,
    });
    const rows: [Partial<ScheduleSlot>, string][] = [
      [{}, 'everyone we can see is free'],
      [{ busy: ['Ola Green (school)'] }, 'can go ahead: the chair, the family and at least half of the agencies are free · busy: Ola Green (school)'],
      [
        { busy: ['Sam Patel (chair)'], canGoAhead: false, leavesRoom: false },
        'cannot go ahead: the chair or the family is busy, or fewer than half of the agencies are free · busy: Sam Patel (chair)',
      ],
      [{ leavesRoom: false }, 'everyone we can see is free · the last day in the window it can go ahead: if it is lost on the day, it can only be held late'],
      [{ afterDeadline: true, leavesRoom: false }, 'after the deadline: will show as late'],
      [{ unknown: ['Jo Bloggs (police)'] }, 'everyone we can see is free · not known: Jo Bloggs (police)'],
    ];
    for (const [o, words] of rows) expect(slotSummary(slot(o))).toBe(words);
  });

  it('shows times in UK time across GMT and BST', () => {
    expect(formatSlot('2027-01-05T10:00:00Z', '2027-01-05T11:30:00Z')).toBe('Tue 5 Jan, 10:00–11:30');
    expect(formatSlot('2027-06-15T09:00:00Z', '2027-06-15T10:30:00Z')).toBe('Tue 15 Jun, 10:00–11:30');
  });

  it('says where a case stands in words', () => {
    expect(complianceInWords(glance('CP-1', 'AB'))).toBe('On track.');
    expect(complianceInWords(glance('CP-1', 'AB', { colour: 'red', late: { text: 'Core group 1 booked 3 working days late' } }))).toBe(
      'Core group 1 booked 3 working days late.',
    );
    expect(complianceInWords(glance('CP-1', 'AB', { colour: 'red', overdue: 2 }))).toBe('2 obligations are overdue.');
    expect(
      complianceInWords(
        glance('CP-1', 'AB', { colour: 'amber', next: { obligationId: 'core-group-1', kind: 'core-group', due: '2027-01-06', workingDaysLeft: 1 } }),
      ),
    ).toBe('On track; the next deadline is close (Wed 6 Jan 2027, 1 working day left).');
  });

  it('sends an attendee straight to the update they owe (the earliest), else to the case', () => {
    const owed = {
      reportsOwed: [
        { reportId: 'r2', caseId: 'c1', reference: 'CP-1', meetingNumber: 2, meetingDue: '2027-02-06', required: false },
        { reportId: 'r1', caseId: 'c1', reference: 'CP-1', meetingNumber: 1, meetingDue: '2027-01-06', required: true },
      ],
    };
    expect(updateLink('https://cg.example', owed, 'c1')).toEqual({ url: 'https://cg.example/open/reports/r1', owed: true });
    expect(updateLink('https://cg.example', owed, 'c2')).toEqual({ url: 'https://cg.example/open/cases/c2', owed: false });
  });
});
