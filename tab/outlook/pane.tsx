/// <reference types="office-js" />
import {
  Button,
  Field,
  FluentProvider,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Text,
  Textarea,
  Title3,
  webLightTheme,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { DevUserPicker, useDevSignIn } from '../common/dev-sign-in';
import { ApiClient, apiClient, Credentials, devCredentials, explain, Fetch, officeCredentials } from './api';
import type { BookingResult, CaseAtAGlance, CaseDetail, Me, MeetingAgenda, MyWork, ScheduleView, TimeCheck, Venue } from './api-types';
import {
  bookableMeetings,
  complianceInWords,
  flagsFor,
  formatDay,
  formatSlot,
  formatStart,
  inviteesFor,
  meetingChoiceLabel,
  meetingToOffer,
  paneModeOf,
  referenceInSubject,
  searchCases,
  slotSummary,
  updateLink,
} from './decisions';
import {
  checkTime,
  fillAppointment,
  fillFor,
  linkAppointment,
  linkedMeeting,
  readTimes,
  setTimes,
  showTimeNotification,
  Times,
  watchTimeChanges,
} from './office';

export interface PaneProps {
  /** Office.js once ready, or undefined outside Outlook (the page opened in a browser). */
  readonly office: typeof Office | undefined;
  readonly fetchImpl?: Fetch;
}

/**
 * The Outlook task pane. On the organiser's appointment (compose mode) it books a case's core group:
 * the window and why, a check of the appointment's time (again whenever it moves), compliant slots,
 * the invitation filled in, and the appointment linked to the meeting record. On an attendee's
 * (read mode) it shows the case's status and where to write their update.
 */
export function PaneApp({ office, fetchImpl = fetch }: PaneProps) {
  const { devUsers, devUser, choose } = useDevSignIn(fetchImpl);
  const credentials: Credentials | undefined =
    devUsers === null ? undefined : devUsers ? (devUser ? devCredentials(devUser) : undefined) : office ? officeCredentials(office) : undefined;
  const api = useMemo(() => (credentials ? apiClient(credentials, fetchImpl) : undefined), [devUsers, devUser, office, fetchImpl]);
  const item = office?.context?.mailbox?.item ?? undefined;
  const mode = paneModeOf(item as { start?: unknown } | undefined);

  return (
    <FluentProvider theme={webLightTheme} style={{ padding: 12, minHeight: '100vh' }}>
      {devUsers && (
        <MessageBar intent="warning" layout="multiline" style={{ marginBottom: 12 }}>
          <MessageBarBody style={{ minWidth: 0, flex: 1 }}>
            <DevUserPicker devUsers={devUsers} devUser={devUser} choose={choose} />
          </MessageBarBody>
        </MessageBar>
      )}
      {devUsers === null ? (
        <Spinner label="Connecting to Core Groups…" />
      ) : !api ? (
        <Text>{devUsers ? 'Choose who to act as above.' : 'Open this pane from an Outlook appointment to sign in.'}</Text>
      ) : mode === 'organizer' ? (
        <OrganizerPane api={api} item={item as Office.AppointmentCompose} />
      ) : mode === 'attendee' ? (
        <AttendeePane api={api} item={item as Office.AppointmentRead} office={office as typeof Office} />
      ) : (
        <Text>Open Core Groups from a meeting in your Outlook calendar.</Text>
      )}
    </FluentProvider>
  );
}

const VENUES: [Venue, string][] = [
  ['office', 'The office'],
  ['family-home', 'The family home'],
  ['online', 'Online (Teams)'],
];

function OrganizerPane({ api, item }: { api: ApiClient; item: Office.AppointmentCompose }) {
  const [me, setMe] = useState<Me | undefined>();
  const [work, setWork] = useState<MyWork | undefined>();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<CaseAtAGlance | undefined>();
  const [detail, setDetail] = useState<CaseDetail | undefined>();
  const [meetingId, setMeetingId] = useState<string | undefined>();
  const [view, setView] = useState<ScheduleView | undefined>();
  const [times, setTimesShown] = useState<Times | undefined>();
  const [check, setCheck] = useState<TimeCheck | undefined>();
  const [venue, setVenue] = useState<Venue>('office');
  const [lateReason, setLateReason] = useState('');
  const [hoursReason, setHoursReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const meetingRef = useRef<string | undefined>(undefined);
  // The time-change handler is registered once; it reads who is signed in now, not at registration.
  const apiRef = useRef(api);
  apiRef.current = api;

  useEffect(() => {
    api.get<Me>('/api/me').then(setMe, (e: unknown) => setProblem(explain(e)));
    api.get<MyWork>('/api/me/work').then(setWork, (e: unknown) => setProblem(explain(e)));
  }, [api]);

  /** Reads the appointment's time and checks it against the chosen core group (flags, and the bar on the item). */
  const recheck = async () => {
    const id = meetingRef.current;
    const now = await readTimes(item);
    setTimesShown(now);
    if (!id) return;
    try {
      const result = await checkTime(apiRef.current, id, now);
      if (meetingRef.current !== id) return;
      setCheck(result);
      await showTimeNotification(item, result);
    } catch (e) {
      setProblem(explain(e));
    }
  };

  // Once: whenever the chair moves the appointment, check the new time.
  useEffect(() => {
    void watchTimeChanges(item, () => void recheck()).catch((e: unknown) => setProblem(explain(e)));
  }, [item]);

  // An appointment already linked to a core group (the chair reopened it to move it) opens on that core group.
  useEffect(() => {
    if (!work) return;
    void (async () => {
      const linked = await linkedMeeting(item);
      if (!linked) return;
      const linkedView = await api.get<ScheduleView>(`/api/meetings/${encodeURIComponent(linked.meetingId)}/schedule`);
      const glance = work.cases.find((c) => c.caseId === linkedView.case.id);
      if (glance) await chooseCase(glance, linkedView);
    })().catch((e: unknown) => setProblem(explain(e)));
  }, [work, item]);

  const chooseCase = async (c: CaseAtAGlance, linked?: ScheduleView) => {
    setChosen(c);
    setProblem(undefined);
    setDone(undefined);
    setView(undefined);
    setCheck(undefined);
    try {
      const d = await api.get<CaseDetail>(`/api/cases/${encodeURIComponent(c.caseId)}`);
      setDetail(d);
      const offered = meetingToOffer(d.meetings, linked?.meeting.id)?.id;
      // The linked core group's schedule is already read: not asked for twice.
      await chooseMeeting(offered, offered === linked?.meeting.id ? linked : undefined);
    } catch (e) {
      setProblem(explain(e));
    }
  };

  const chooseMeeting = async (id: string | undefined, known?: ScheduleView) => {
    setMeetingId(id);
    meetingRef.current = id;
    setView(undefined);
    setCheck(undefined);
    setDone(undefined);
    setProblem(undefined);
    if (!id) return;
    try {
      setView(known ?? (await api.get<ScheduleView>(`/api/meetings/${encodeURIComponent(id)}/schedule`)));
      await recheck();
    } catch (e) {
      setProblem(explain(e));
    }
  };

  const act = async (what: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await what();
    } catch (e) {
      setProblem(explain(e));
    } finally {
      setBusy(false);
    }
  };

  const pickSlot = (start: string, end: string) =>
    act(async () => {
      await setTimes(item, { startsAt: start, endsAt: end });
      await recheck();
    });

  const fill = () =>
    act(async () => {
      if (!view) return;
      const agenda = await api.get<MeetingAgenda>(`/api/meetings/${encodeURIComponent(view.meeting.id)}/agenda`);
      const invitees = inviteesFor(view.attendees, me?.person.email);
      await fillAppointment(item, fillFor(view, agenda, invitees));
      setDone(
        `Filled in: the subject, ${invitees.required.length} required and ${invitees.optional.length} optional attendees, the agenda and the Core group category.`,
      );
    });

  const link = () =>
    act(async () => {
      if (!view) return;
      const result: BookingResult = await linkAppointment(item, api, {
        meetingId: view.meeting.id,
        expectedVersion: view.meeting.version,
        venue,
        apiOrigin: window.location.origin,
        ...(lateReason.trim() ? { lateReason: lateReason.trim() } : {}),
        ...(hoursReason.trim() ? { outsideHoursReason: hoursReason.trim() } : {}),
      });
      setDone(
        `Linked. Core group ${result.meeting.number} is booked for ${formatSlot(result.meeting.startsAt, result.meeting.endsAt)}${result.late ? ', after its deadline: the chair and manager are alerted' : ''}. Moves you make in Outlook are tracked.`,
      );
      setView(await api.get<ScheduleView>(`/api/meetings/${encodeURIComponent(view.meeting.id)}/schedule`));
    });

  const flags = check ? flagsFor(check) : [];
  const matches = work ? searchCases(work.cases, query) : [];

  return (
    <main style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Title3 as="h1">Core group meeting</Title3>
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <Field label="Find your case (reference or initials)">
        <Input value={query} onChange={(_e, d) => setQuery(d.value)} placeholder="CP-2026-0042 or LRE" />
      </Field>
      {!work ? (
        <Spinner size="tiny" label="Loading your cases…" />
      ) : (
        <ul aria-label="Your cases" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {matches.map((c) => (
            <li key={c.caseId}>
              <Button size="small" appearance={chosen?.caseId === c.caseId ? 'primary' : 'secondary'} onClick={() => void chooseCase(c)}>
                {`${c.reference} (${c.childInitials})`}
              </Button>
            </li>
          ))}
          {matches.length === 0 && <Text>No case of yours matches.</Text>}
        </ul>
      )}
      {detail && (
        <Field label="Core group">
          <Select style={{ width: '100%', minWidth: 0 }} value={meetingId ?? ''} onChange={(_e, d) => void chooseMeeting(d.value || undefined)}>
            {bookableMeetings(detail.meetings).map((m) => (
              <option key={m.id} value={m.id}>
                {meetingChoiceLabel(m)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {view && (
        <section aria-label="Window" style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
          <Text weight="semibold">{`Core group ${view.meeting.number} — ${view.case.reference} (${view.case.childInitials})`}</Text>
          <Text>{`Window: ${formatDay(view.window.earliest)} to ${formatDay(view.window.due)}`}</Text>
          <Text size={200}>
            Why: {view.window.explanation} <em>({view.window.source})</em>
          </Text>
          {view.lateness && (
            <MessageBar intent="error">
              <MessageBarBody>{view.lateness.text}</MessageBarBody>
            </MessageBar>
          )}
          {view.warning && (
            <MessageBar intent="warning">
              <MessageBarBody>{view.warning}</MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}
      {view && times && (
        <section aria-label="This appointment" style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
          <Text>{`This appointment: ${formatSlot(times.startsAt, times.endsAt)}`}</Text>
          {check && flags.length === 0 && (
            <MessageBar intent="success">
              <MessageBarBody>{`This time suits core group ${check.number}: inside its window, on a working day, in working hours.`}</MessageBarBody>
            </MessageBar>
          )}
          {flags.map((f) => (
            <MessageBar key={f.text} intent={f.intent} role="alert">
              <MessageBarBody>
                <MessageBarTitle>{f.intent === 'error' ? 'Late' : 'Check'}</MessageBarTitle>
                {f.text}
              </MessageBarBody>
            </MessageBar>
          ))}
        </section>
      )}
      {view && (
        <section aria-label="Compliant times" style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
          <Text weight="semibold">Times, best first (pick one to move the appointment)</Text>
          {view.slots.length === 0 && <Text>No times found.</Text>}
          {view.slots.map((s) => (
            <Button
              key={s.start}
              disabled={busy}
              appearance="subtle"
              style={{ justifyContent: 'flex-start', textAlign: 'left' }}
              onClick={() => void pickSlot(s.start, s.end)}
            >
              <span>
                <strong>{formatSlot(s.start, s.end)}</strong> · {slotSummary(s)}
              </span>
            </Button>
          ))}
        </section>
      )}
      {view && (
        <section aria-label="Set up the meeting" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <Button disabled={busy} onClick={() => void fill()}>
            Fill in the invitation
          </Button>
          <Field label="Venue">
            <Select value={venue} onChange={(_e, d) => setVenue(d.value as Venue)}>
              {VENUES.map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          {check?.afterDeadline && (
            <Field label="Why after the deadline (recorded)">
              <Textarea value={lateReason} onChange={(_e, d) => setLateReason(d.value)} />
            </Field>
          )}
          {check && check.workingTime.length > 0 && (
            <Field label="Why outside working time (recorded)">
              <Textarea value={hoursReason} onChange={(_e, d) => setHoursReason(d.value)} />
            </Field>
          )}
          <Button appearance="primary" disabled={busy} onClick={() => void link()}>
            Link to Core Groups
          </Button>
          <Text size={200}>Linking saves the appointment and books the core group at its time; Core Groups sends no second invitation.</Text>
        </section>
      )}
      {done && (
        <MessageBar intent="success">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
    </main>
  );
}

function AttendeePane({ api, item, office }: { api: ApiClient; item: Office.AppointmentRead; office: typeof Office }) {
  const reference = referenceInSubject(typeof item.subject === 'string' ? item.subject : '');
  const [work, setWork] = useState<MyWork | undefined>();
  const [detail, setDetail] = useState<CaseDetail | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const found = work?.cases.find((c) => c.reference === reference);

  useEffect(() => {
    api.get<MyWork>('/api/me/work').then(setWork, (e: unknown) => setProblem(explain(e)));
  }, [api]);
  useEffect(() => {
    if (found) api.get<CaseDetail>(`/api/cases/${encodeURIComponent(found.caseId)}`).then(setDetail, (e: unknown) => setProblem(explain(e)));
  }, [api, found?.caseId]);

  if (problem) return <Text>{problem}</Text>;
  if (!work) return <Spinner label="Loading…" />;
  if (!found) return <Text>{reference ? `${reference} is not one of your cases.` : 'This meeting is not a core group set up by Core Groups.'}</Text>;
  const next = detail ? bookableMeetings(detail.meetings)[0] : undefined;
  const { url, owed } = updateLink(window.location.origin, work, found.caseId);
  const open = () => (office.context.ui?.openBrowserWindow ? office.context.ui.openBrowserWindow(url) : window.open(url, '_blank'));
  return (
    <main style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
      <Title3 as="h1">{`${found.reference} (${found.childInitials})`}</Title3>
      {next && (
        <Text>{`Next: core group ${next.number}, ${next.startsAt ? `booked for ${formatStart(next.startsAt)}` : 'not yet booked'}; due by ${formatDay(next.due)}.`}</Text>
      )}
      <Text>{complianceInWords(found)}</Text>
      <Button appearance={owed ? 'primary' : 'secondary'} onClick={open}>
        {owed ? 'Write my update' : 'Open in Core Groups'}
      </Button>
      <Text size={200}>{owed ? 'Opens the update you owe in Core Groups.' : 'Opens the case in Core Groups.'} Read only here: the chair runs the meeting.</Text>
    </main>
  );
}
