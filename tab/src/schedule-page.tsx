import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  Textarea,
  Title2,
  Title3,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { ApiClient, codeOf, fieldProblems, messageOf } from './api';
import { Lateness, ScheduleView, Venue } from './api-types';
import { usePrintLine } from './print';
import { addMinutes, day, londonToIso, londonWall, timeRange, when } from './format';
import { CancelMeeting } from './meeting-actions';
import { useLoad } from './use-load';
import { count, listed } from './words';

type Slot = ScheduleView['slots'][number];

/** The venue choices, with what each means for the invitation. */
export const VENUES: { value: Venue; label: string; hint: string }[] = [
  { value: 'office', label: 'Council office', hint: 'The office address goes in the invitation.' },
  { value: 'family-home', label: 'Family home', hint: 'The address is never put in the invitation: members are told it separately.' },
  { value: 'online', label: 'Online', hint: 'A Teams meeting link goes in the invitation.' },
];

/**
 * The chair's schedule view for one core group: its compliant window and why, the best times
 * ranked by who can come, everyone's free/busy across the days, the venue, then book. The same page
 * moves a booked core group. A time after the deadline asks why before booking and says it will show
 * as late; a time outside working hours, refused by the server, asks why and books with the reason.
 */
export function SchedulePage({ api, meetingId }: { api: ApiClient; meetingId: string }) {
  const [reloads, setReloads] = useState(0);
  const { data, error, loading } = useLoad(() => api.get<ScheduleView>(`/api/meetings/${meetingId}/schedule`), [api, meetingId, reloads]);
  usePrintLine(
    data
      ? `${data.case.reference} core group ${data.meeting.number}${data.meeting.startsAt ? ` · ${when(data.meeting.startsAt)}` : ` · due by ${day(data.meeting.due)}`}`
      : undefined,
  );
  if (loading && !data) return <Spinner label="Finding times everyone can come" />;
  if (error) return <Text role="alert">{error.message}</Text>;
  if (!data) return null;
  return <Schedule key={data.meeting.version} api={api} view={data} onBooked={() => setReloads((n) => n + 1)} />;
}

function Schedule({ api, view, onBooked }: { api: ApiClient; view: ScheduleView; onBooked: () => void }) {
  const [current, setCurrent] = useState(view.meeting);
  const moving = current.status === 'booked';
  const meeting = current;
  const { window: w } = view;
  const [choice, setChoice] = useState<string>(() => (view.slots[0] ? '0' : 'other'));
  const [otherDay, setOtherDay] = useState(w.due);
  const [otherTime, setOtherTime] = useState(view.workingHours.start);
  const [venue, setVenue] = useState<Venue>((view.meeting.venue as Venue | undefined) ?? 'office');
  const [lateReason, setLateReason] = useState('');
  const [outsideHoursReason, setOutsideHoursReason] = useState('');
  const [outsideHours, setOutsideHours] = useState<string | undefined>();
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ text: string; late?: string } | undefined>();

  const chosen: { start: string; end: string; day: string } | undefined = useMemo(() => {
    if (choice !== 'other') {
      const s = view.slots[Number(choice)];
      return s && { start: s.start, end: s.end, day: s.day };
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(otherDay) || !/^\d{2}:\d{2}$/.test(otherTime)) return undefined;
    return { start: londonToIso(otherDay, otherTime), end: londonToIso(otherDay, addMinutes(otherTime, view.durationMinutes)), day: otherDay };
  }, [choice, otherDay, otherTime, view]);
  const afterDeadline = chosen ? chosen.day > w.due : false;

  const book = async () => {
    setError(undefined);
    setProblems({});
    if (!chosen) return setError('Choose a time, or give a day and a start time.');
    if (afterDeadline && lateReason.trim().length < 5) {
      setProblems({ lateReason: 'Say why the core group cannot be held by the deadline (at least 5 characters).' });
      return;
    }
    if (outsideHours && outsideHoursReason.trim().length < 5) {
      setProblems({ outsideHoursReason: 'Say why it must be held then (at least 5 characters).' });
      return;
    }
    setBusy(true);
    try {
      const body = {
        expectedVersion: meeting.version,
        startsAt: chosen.start,
        endsAt: chosen.end,
        venue,
        ...(afterDeadline ? { lateReason: lateReason.trim() } : {}),
        ...(outsideHours ? { outsideHoursReason: outsideHoursReason.trim() } : {}),
      };
      const result = await api.post<{ late: boolean; lateness?: Omit<Lateness, 'text'> }>(`/api/meetings/${meeting.id}/booking`, body);
      setDone({
        text: `${moving ? 'Moved' : 'Booked'}: core group ${meeting.number} on ${when(chosen.start)}, ${VENUES.find((v) => v.value === venue)?.label.toLowerCase()}. Invitations are going to every member.`,
        ...(result.late && result.lateness
          ? { late: `It will show as late, in red: booked ${count(result.lateness.workingDaysLate, 'working day')} after the deadline (${day(w.due)}).` }
          : {}),
      });
    } catch (e) {
      if (codeOf(e) === 'MEETING.OUTSIDE_WORKING_TIME') {
        setOutsideHours(messageOf(e));
      } else if (codeOf(e) === 'STORE.CONFLICT') {
        // Changed since this page loaded (someone else, or the calendar confirming the last booking):
        // fetch where it stands now and keep everything chosen here, to book again on purpose.
        try {
          const now = await api.get<ScheduleView>(`/api/meetings/${meeting.id}/schedule`);
          setCurrent(now.meeting);
          setError(
            `Core group ${meeting.number} changed while you were choosing${now.meeting.startsAt ? `: it is now booked for ${when(now.meeting.startsAt)}` : ''}. Your choice is kept below: ${moving || now.meeting.status === 'booked' ? 'move' : 'book'} again to use it.`,
          );
        } catch {
          setError(messageOf(e));
        }
      } else {
        setProblems(fieldProblems(e));
        setError(messageOf(e));
      }
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <section aria-labelledby="schedule-title">
        <Title2 id="schedule-title" as="h1">
          Core group {meeting.number} — {view.case.reference} ({view.case.childInitials})
        </Title2>
        <MessageBar intent={done.late ? 'warning' : 'success'} role="status">
          <MessageBarBody>
            {done.text} {done.late}
          </MessageBarBody>
        </MessageBar>
        <div className="cg-actions" style={{ marginTop: 12 }}>
          <a href={`#/cases/${view.case.id}`}>Back to the case</a>
          <Button onClick={onBooked}>See the schedule again</Button>
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="schedule-title">
      <Title2 id="schedule-title" as="h1" className="cg-wrap">
        {moving ? 'Move' : 'Book'} core group {meeting.number} — {view.case.reference} ({view.case.childInitials})
      </Title2>
      <Text block>
        <a href={`#/cases/${view.case.id}`}>Back to the case</a>
      </Text>
      {moving && meeting.startsAt ? (
        <Text block>
          Booked now for {when(meeting.startsAt)}
          {meeting.venue ? `, ${VENUES.find((v) => v.value === meeting.venue)?.label.toLowerCase() ?? 'venue recorded'}` : ''}.
        </Text>
      ) : null}
      {view.lateness ? (
        <MessageBar intent="error" style={{ marginTop: 8 }}>
          <MessageBarBody>
            <Badge appearance="filled" color="danger" className="cg-badge">
              Late
            </Badge>{' '}
            {view.lateness.text}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      <Title3 as="h2">When it must happen</Title3>
      <Text block>
        Between <strong>{day(w.earliest)}</strong> and <strong>{day(w.due)}</strong> (the last day that meets the procedure).
      </Text>
      <Text block>Why: {w.explanation}</Text>
      <Text block size={200}>
        Source: {w.source}
      </Text>
      {view.warning ? (
        <MessageBar intent="warning" style={{ marginTop: 8 }}>
          <MessageBarBody>{view.warning}</MessageBarBody>
        </MessageBar>
      ) : null}

      <Title3 as="h2">Best times</Title3>
      <Text block size={200}>
        Ranked by who can come: everyone required free first. People outside the organisation are shown as “not known”: their calendars cannot be seen.
      </Text>
      <RadioGroup aria-label="Times to choose from" value={choice} onChange={(_e, d) => setChoice(d.value)}>
        {view.slots.map((s, i) => (
          <Radio key={s.start} value={String(i)} label={<SlotLabel slot={s} view={view} />} />
        ))}
        <Radio value="other" label="Another day or time" />
      </RadioGroup>
      {choice === 'other' ? (
        <div className="cg-actions" style={{ marginLeft: 32 }}>
          <Field label="Day">
            <Input type="date" value={otherDay} onChange={(_e, d) => setOtherDay(d.value)} />
          </Field>
          <Field label={`Start (${view.durationMinutes} minutes)`}>
            <Input type="time" step={1800} value={otherTime} onChange={(_e, d) => setOtherTime(d.value)} />
          </Field>
        </div>
      ) : null}

      <FreeBusyGrid view={view} selected={chosen} />

      <Title3 as="h2">Where</Title3>
      <RadioGroup aria-label="Venue" value={venue} onChange={(_e, d) => setVenue(d.value as Venue)}>
        {VENUES.map((v) => (
          <Radio key={v.value} value={v.value} label={`${v.label} — ${v.hint}`} />
        ))}
      </RadioGroup>

      {afterDeadline ? (
        <div style={{ marginTop: 12 }}>
          <MessageBar intent="error">
            <MessageBarBody>
              {day(chosen?.day ?? w.due)} is after the deadline ({day(w.due)}). Booked then, core group {meeting.number} will show as late, in red, in my work,
              team compliance and the case timeline, with your reason. The manager is told.
            </MessageBarBody>
          </MessageBar>
          <Field
            label="Why it cannot be held by the deadline (required)"
            required
            validationMessage={problems.lateReason}
            validationState={problems.lateReason ? 'error' : 'none'}
          >
            <Textarea
              value={lateReason}
              onChange={(_e, d) => {
                setLateReason(d.value);
                setProblems(({ lateReason: _gone, ...rest }) => rest);
              }}
              resize="vertical"
            />
          </Field>
        </div>
      ) : null}

      {outsideHours ? (
        <div style={{ marginTop: 12 }}>
          <MessageBar intent="warning" role="alert">
            <MessageBarBody>{outsideHours}</MessageBarBody>
          </MessageBar>
          <Field
            label="Why it must be held then (required to book outside working hours)"
            required
            validationMessage={problems.outsideHoursReason}
            validationState={problems.outsideHoursReason ? 'error' : 'none'}
          >
            <Textarea value={outsideHoursReason} onChange={(_e, d) => setOutsideHoursReason(d.value)} resize="vertical" />
          </Field>
        </div>
      ) : null}

      {error ? (
        <MessageBar intent="error" role="alert" style={{ marginTop: 12 }}>
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className="cg-actions" style={{ marginTop: 12 }}>
        <Button appearance="primary" disabled={busy || !chosen} onClick={() => void book()}>
          {outsideHours
            ? 'Book with this reason'
            : afterDeadline
              ? `${moving ? 'Move' : 'Book'} late, with the reason`
              : moving
                ? 'Move to this time'
                : 'Book this time'}
        </Button>
      </div>
      {moving ? (
        <CancelMeeting api={api} meetingId={meeting.id} number={meeting.number} onCancelled={() => (window.location.hash = `#/cases/${view.case.id}`)} />
      ) : null}
    </section>
  );
}

function SlotLabel({ slot, view }: { slot: Slot; view: ScheduleView }) {
  // The family's calendar cannot be seen (they are outside the organisation): "free" is not known for them.
  const family = view.attendees.filter((a) => a.essential && a.busy === 'unknown').map((a) => a.displayName);
  const familyUnseen = family.filter((name) => slot.unknown.includes(name));
  const bookedNow = view.meeting.startsAt !== undefined && Date.parse(view.meeting.startsAt) === Date.parse(slot.start);
  return (
    <span>
      <strong>
        {day(slot.day)}, {timeRange(slot.start, slot.end)}
      </strong>{' '}
      {bookedNow ? (
        <>
          <Badge appearance="outline" className="cg-badge">
            The time it is booked for now
          </Badge>{' '}
        </>
      ) : null}
      {slot.afterDeadline ? (
        <Badge appearance="filled" color="danger" className="cg-badge">
          After the deadline: will show as late
        </Badge>
      ) : slot.busy.length === 0 ? (
        <Badge appearance="filled" color="success" className="cg-badge">
          Everyone who can be seen is free
        </Badge>
      ) : slot.canGoAhead ? (
        <Badge appearance="tint" color="informative" className="cg-badge">
          {familyUnseen.length
            ? `Can go ahead if ${listed(familyUnseen)} can come: the chair and at least half of the agencies are free`
            : 'Can go ahead: the chair, the family and at least half of the agencies are free'}
        </Badge>
      ) : (
        <Badge appearance="filled" color="warning" className="cg-badge">
          Cannot go ahead: the chair or the family is busy, or fewer than half of the agencies are free
        </Badge>
      )}
      {slot.canGoAhead && !slot.afterDeadline && !slot.leavesRoom ? (
        <>
          <br />
          <Text size={200}>The last day in the window it can go ahead: if it is lost on the day, it can only be held late.</Text>
        </>
      ) : null}
      <br />
      <Text size={200}>
        Free: {slot.free.join(', ') || 'nobody'}
        {slot.busy.length ? ` · Busy: ${slot.busy.join(', ')}` : ''}
        {slot.unknown.length ? ` · Not known: ${slot.unknown.join(', ')}` : ''}
      </Text>
    </span>
  );
}

/** Weekdays from the range's first day to its last (bank holidays are left to the slots to avoid). */
function weekdays(start: string, end: string): string[] {
  const days: string[] = [];
  const from = londonWall(start).slice(0, 10);
  const to = londonWall(end).slice(0, 10);
  for (let t = Date.parse(from); t <= Date.parse(to) && days.length < 60; t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

/**
 * Everyone's free/busy for one day at a time, like Outlook's Scheduling Assistant: a row per person,
 * a column per half-hour of the working day, each cell saying busy, free or not known in words.
 */
function FreeBusyGrid({ view, selected }: { view: ScheduleView; selected?: { start: string; end: string; day: string } | undefined }) {
  const days = useMemo(() => weekdays(view.range.start, view.range.end), [view]);
  const [shownDay, setShownDay] = useState(() => selected?.day ?? view.slots[0]?.day ?? days[0] ?? view.window.due);
  const chosenDay = selected?.day;
  useEffect(() => {
    if (chosenDay) setShownDay(chosenDay);
  }, [chosenDay]);
  const columns: string[] = [];
  for (let t = view.workingHours.start; t < view.workingHours.end; t = addMinutes(t, 30)) columns.push(t);
  const selectedFrom = selected ? londonWall(selected.start) : undefined;
  const selectedTo = selected ? londonWall(selected.end) : undefined;
  const state = (busy: ScheduleView['attendees'][number]['busy'], from: string, to: string): 'away' | 'busy' | 'free' | 'unknown' => {
    if (busy === 'unknown') return 'unknown';
    const over = busy.filter((b) => londonWall(b.start) < to && londonWall(b.end) > from);
    return over.some((b) => b.away) ? 'away' : over.length ? 'busy' : 'free';
  };
  const index = days.indexOf(shownDay);
  const closedOn = (d: string) => view.closedDays.find((c) => c.day === d)?.why;
  const closed = closedOn(shownDay);
  return (
    <section aria-labelledby="grid-title" style={{ marginTop: 16 }}>
      <Title3 as="h2" id="grid-title">
        Who is free
      </Title3>
      <div className="cg-actions cg-no-print">
        <Button size="small" disabled={index <= 0} onClick={() => setShownDay(days[index - 1] ?? shownDay)}>
          Previous day
        </Button>
        <Select aria-label="Day shown" value={shownDay} onChange={(_e, d) => setShownDay(d.value)} style={{ minWidth: 0 }}>
          {!days.includes(shownDay) ? <option value={shownDay}>{day(shownDay)}</option> : null}
          {days.map((d) => (
            <option key={d} value={d}>
              {day(d)}
              {closedOn(d) ? ` (closed: ${closedOn(d)})` : d > view.window.due ? ' (after the deadline)' : ''}
            </option>
          ))}
        </Select>
        <Button size="small" disabled={index < 0 || index >= days.length - 1} onClick={() => setShownDay(days[index + 1] ?? shownDay)}>
          Next day
        </Button>
      </div>
      {/* On a phone the day's later times are off the right edge, and phones draw no scrollbar to say so. */}
      <Text block size={200} className="cg-narrow-only cg-no-print" style={{ marginTop: 8 }}>
        Swipe the table sideways to see the later times of the day.
      </Text>
      {closed ? (
        <Text block role="note" style={{ marginTop: 8 }}>
          {day(shownDay)} is {closed}: no core group is booked then.
        </Text>
      ) : (
        <div className="cg-scroll" role="region" aria-label={`Free and busy on ${day(shownDay)}`} tabIndex={0}>
          <table className="cg-grid" style={{ borderCollapse: 'collapse', fontSize: 12, marginTop: 8 }}>
            <caption style={{ textAlign: 'left' }}>
              {day(shownDay)}
              {shownDay > view.window.due ? ' — after the deadline' : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col" style={{ textAlign: 'left', padding: 4 }}>
                  Person
                </th>
                {columns.map((c) => (
                  <th key={c} scope="col" style={{ padding: '4px 2px', fontWeight: 600 }}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.attendees.map((a) => (
                <tr key={a.personId}>
                  <th scope="row" style={{ textAlign: 'left', padding: 4, fontWeight: 400, whiteSpace: 'nowrap' }}>
                    {a.displayName}
                    <br />
                    <span style={{ fontSize: 11 }}>
                      {a.role}
                      {a.required ? '' : ' (optional)'}
                    </span>
                  </th>
                  {columns.map((c) => {
                    const from = `${shownDay} ${c}`;
                    const to = `${shownDay} ${addMinutes(c, 30)}`;
                    const s = state(a.busy, from, to);
                    const picked = selectedFrom !== undefined && selectedTo !== undefined && selectedFrom < to && selectedTo > from;
                    return (
                      <td
                        key={c}
                        className={`cg-cell cg-${s === 'away' ? 'busy' : s}${picked ? ' cg-picked' : ''}`}
                        style={{ padding: '2px 3px', textAlign: 'center', minWidth: 36 }}
                      >
                        {s === 'away' ? 'Away' : s === 'busy' ? 'Busy' : s === 'free' ? 'Free' : '?'}
                        {s === 'unknown' ? <span className="cg-visually-hidden"> not known</span> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Text block size={200}>
        “Away” means out of office (off sick or on leave). “?” means not known: that person is outside the organisation, so their calendar cannot be seen. The
        chosen time is outlined.
      </Text>
    </section>
  );
}
