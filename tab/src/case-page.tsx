import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  Title2,
  Title3,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { ApiClient, fieldProblems, messageOf } from './api';
import { CaseDetail, CaseMeeting } from './api-types';
import { StatusBadge } from './compliance-badge';
import { day, londonWall, obligationName, when } from './format';
import { CancelMeeting, RecordHeld, RequestUpdates } from './meeting-actions';
import { PlanSection } from './plan-section';
import { RecordDone } from './record-done';
import { usePrintLine } from './print';
import { useLoad } from './use-load';
import { AGENCY_WORDS, agencyWords, meetingStatusWords, minutesStatusWords, ROLE_WORDS, roleWords, updatesWords, venueWords } from './words';

/** Starts the minutes of a held core group (pre-filled by the server) and opens them. */
function WriteMinutes({ api, meetingId, number }: { api: ApiClient; meetingId: string; number: number }) {
  const [error, setError] = useState<string | undefined>();
  const start = async () => {
    try {
      const draft = await api.post<{ id: string }>(`/api/meetings/${meetingId}/minutes`, {});
      window.location.hash = `#/minutes/${draft.id}`;
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <>
      <Button size="small" onClick={() => void start()} aria-label={`Write the minutes of core group ${number}`}>
        Write the minutes
      </Button>
      {error ? <Text role="alert"> {error}</Text> : null}
    </>
  );
}

const RUNS_CASE = ['chair', 'vice-chair', 'manager', 'business-support'];

/** Whether the signed-in person runs this case (books, cancels, manages members): asked of /api/me. */
function useRunsCase(api: ApiClient, data: CaseDetail | undefined): boolean {
  const [me, setMe] = useState<string | undefined>();
  useEffect(() => {
    api.get<{ person: { id: string } }>('/api/me').then(
      (r) => setMe(r.person.id),
      () => setMe(undefined),
    );
  }, [api]);
  return Boolean(data && !data.restricted && me && data.members.some((m) => m.personId === me && RUNS_CASE.includes(m.role)));
}

/**
 * One case: who is on it, its meetings (book, move, cancel, record held, request updates), and every
 * obligation with its status and, on request, why its date is the date. A member the conference
 * excluded sees a plain explanation of what they can and cannot see, not empty fields.
 */
export function CasePage({ api, caseId }: { api: ApiClient; caseId: string }) {
  const { data, error, loading, reload } = useLoad(() => api.get<CaseDetail>(`/api/cases/${caseId}`), [api, caseId]);
  const runs = useRunsCase(api, data);
  usePrintLine(data ? `${data.reference} (${data.childInitials})` : undefined);
  if (loading && !data) return <Spinner label="Loading the case" />;
  if (error) return <Text role="alert">{error.message}</Text>;
  if (!data) return null;
  const live = data.meetings.filter((m) => m.status !== 'cancelled');
  const planned = live.filter((m) => m.status === 'planned');
  return (
    <article aria-labelledby="case-title">
      <Title2 id="case-title" as="h1" className="cg-wrap">
        {data.reference} ({data.childInitials}){data.childName ? ` — ${data.childName}` : ''}
      </Title2>
      <Text block>
        {data.profile.name} (version {data.profile.version}) · initial conference {day(data.icpcDate)}
      </Text>

      {data.restricted ? (
        <MessageBar intent="info" style={{ marginTop: 12 }}>
          <MessageBarBody>
            <MessageBarTitle>You were excluded from this core group’s meetings</MessageBarTitle>
            The child protection conference decided that you should not attend the core group meetings. You can still see the plan’s deadlines below. You will
            not be shown when or where meetings are held, who else is in the group, or draft minutes. You can still send your views to the social worker, and if
            you disagree with the decision, ask them or the Independent Reviewing Officer how to challenge it.
          </MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <Members api={api} data={data} runs={runs} onChanged={reload} />
          <PlanSection data={data} />
        </>
      )}

      <Title3 as="h2">Meetings</Title3>
      {runs && planned.length > 1 ? (
        <Text block>
          <a href={`#/cases/${data.id}/series`}>Book every core group up to the review in one step</a>
        </Text>
      ) : null}
      <div className="cg-scroll" role="region" aria-label="Meetings table" tabIndex={0}>
        <Table aria-label="Meetings" size="small" className="cg-table cg-stack">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Core group</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell>Must happen</TableHeaderCell>
              <TableHeaderCell>{data.restricted ? 'Minutes' : 'Booked for'}</TableHeaderCell>
              {data.restricted ? null : <TableHeaderCell>Minutes</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.meetings.map((m) => (
              <MeetingRow key={m.id} api={api} data={data} m={m} runs={runs} onChanged={reload} />
            ))}
          </TableBody>
        </Table>
      </div>

      <Title3 as="h2">Timeline</Title3>
      <Accordion collapsible multiple aria-label="Obligations and why each date is the date">
        {data.obligations.map((o) => {
          const late = data.meetings.find((m) => m.status !== 'cancelled' && `core-group-${m.number}` === o.id)?.lateness;
          return (
            <AccordionItem key={o.id} value={o.id}>
              <AccordionHeader>
                <span className="cg-compliance">
                  {day(o.due)} · {obligationName(o.id)}
                  {o.doneOn ? ` · done ${day(o.doneOn)}` : ''}{' '}
                  <StatusBadge
                    status={o.compliance.status}
                    {...(o.compliance.workingDaysLate !== undefined
                      ? { workingDaysLate: o.compliance.workingDaysLate }
                      : o.compliance.daysLate
                        ? { daysLate: o.compliance.daysLate }
                        : {})}
                  />
                  {late ? <span className="cg-late-text">{late.text}</span> : null}
                </span>
              </AccordionHeader>
              <AccordionPanel>
                <Text block>Why this date: {o.explanation}</Text>
                <Text block size={200}>
                  Source: {o.source.label}
                </Text>
                {o.recordByHand ? <RecordDone api={api} caseId={data.id} obligationId={o.id} kind={o.kind} today={data.today} onDone={reload} /> : null}
              </AccordionPanel>
            </AccordionItem>
          );
        })}
      </Accordion>
    </article>
  );
}

/**
 * When and where a core group is booked, or for one held, the day it was held: a core group that met
 * before the day it was booked for says so (its invitation was withdrawn), never the booked time alone.
 */
function bookedFor(m: CaseMeeting): string {
  const booked = m.startsAt ? `${when(m.startsAt)}${m.venue ? ` · ${venueWords(m.venue)}` : ''}` : undefined;
  if (m.status === 'held' && m.heldOn) {
    const early = m.startsAt && m.heldOn < londonWall(m.startsAt).slice(0, 10) ? `; it had been booked for ${when(m.startsAt)}` : '';
    return `Held on ${day(m.heldOn)}${early || (m.venue ? ` · ${venueWords(m.venue)}` : '')}`;
  }
  return booked ?? (m.status === 'planned' ? 'Not booked yet' : '—');
}

/** A link to an update the viewer may open: their own, or (business support) someone else's to send for them. */
function updateLinkWords(u: { memberId: string; submitted: boolean; yours?: boolean }, members: CaseDetail['members']): string {
  const whose = u.yours ? 'your' : `${members.find((m) => m.memberId === u.memberId)?.displayName ?? 'their'}’s`;
  return `${u.submitted ? 'Open' : 'Write'} ${whose} update`;
}

function MeetingRow({ api, data, m, runs, onChanged }: { api: ApiClient; data: CaseDetail; m: CaseMeeting; runs: boolean; onChanged: () => void }) {
  const open = m.status === 'planned' || m.status === 'booked';
  const planWindow = `${m.earliest ? `${day(m.earliest)} – ` : 'by '}${day(m.due)}`;
  return (
    <TableRow>
      <TableCell data-label="Core group">
        {m.number}
        {m.finalBeforeReview ? ' (final before the review)' : ''}
      </TableCell>
      <TableCell data-label="Status">
        <span className="cg-compliance">
          {meetingStatusWords(m.status)}
          {m.lateness ? (
            <>
              <Badge appearance="filled" color="danger" className="cg-badge">
                Late
              </Badge>
              <span className="cg-late-text">{m.lateness.text}</span>
            </>
          ) : null}
        </span>
      </TableCell>
      <TableCell data-label="Must happen">
        {m.asBooked ? (
          <>
            {day(m.asBooked.earliest)} – {day(m.asBooked.due)}
            <Text block size={200}>
              With core group {m.asBooked.after.number} booked for {day(m.asBooked.after.day)}. Until it is held, the plan says {planWindow}.
            </Text>
          </>
        ) : (
          planWindow
        )}
      </TableCell>
      {data.restricted ? (
        <TableCell data-label="Minutes">{m.status === 'held' ? 'Ask the social worker for what you may see' : '—'}</TableCell>
      ) : (
        <>
          <TableCell data-label="Booked for">
            <div>{bookedFor(m)}</div>
            {m.status === 'cancelled' && m.cancelReason ? (
              <Text block size={200}>
                Cancelled: {m.cancelReason}
              </Text>
            ) : null}
            {m.updates?.length ? (
              <Text block size={200}>
                {updatesWords(m.updates, data.members)}
                {m.updates
                  .filter((u) => u.reportId)
                  .map((u) => (
                    <span key={u.memberId}>
                      {' '}
                      <a href={`#/reports/${u.reportId}`}>{updateLinkWords(u, data.members)}</a>
                    </span>
                  ))}
              </Text>
            ) : null}
            {runs && open ? (
              <div className="cg-actions cg-no-print" style={{ marginTop: 4 }}>
                <a href={`#/meetings/${m.id}/schedule`} aria-label={`${m.status === 'booked' ? 'Move' : 'Book'} core group ${m.number}`}>
                  {m.status === 'booked' ? 'Move' : 'Book'}
                </a>
                {/* Only a booked core group has a date to send updates for, an invitation to cancel and a meeting to record;
                    cancelling one not yet booked would only plan it again. */}
                {m.status === 'booked' ? (
                  <>
                    <RequestUpdates api={api} meetingId={m.id} number={m.number} members={data.members} onDone={onChanged} />
                    <CancelMeeting api={api} meetingId={m.id} number={m.number} onCancelled={onChanged} />
                    <RecordHeld api={api} meetingId={m.id} number={m.number} today={data.today} members={data.members} onDone={onChanged} />
                  </>
                ) : null}
              </div>
            ) : null}
          </TableCell>
          <TableCell data-label="Minutes">
            {m.minutesId ? (
              <a href={`#/minutes/${m.minutesId}`}>{minutesStatusWords(m.minutesStatus)}</a>
            ) : m.status === 'held' && runs ? (
              <WriteMinutes api={api} meetingId={m.id} number={m.number} />
            ) : (
              '—'
            )}
          </TableCell>
        </>
      )}
    </TableRow>
  );
}

/** The core group's members, in words; those who run the case add, exclude and remove them. */
function Members({ api, data, runs, onChanged }: { api: ApiClient; data: CaseDetail; runs: boolean; onChanged: () => void }) {
  const [error, setError] = useState<string | undefined>();
  const [said, setSaid] = useState<string | undefined>();
  // Core groups still to come that are booked: their invitations follow the change (sent again as the group now stands).
  const booked = data.meetings.filter((m) => m.status === 'booked' && m.startsAt !== undefined && m.startsAt.slice(0, 10) >= data.today).length;
  const invitations = booked === 0 ? '' : booked === 1 ? 'the core group already booked' : `the ${booked} core groups already booked`;
  const remove = async (memberId: string, name: string) => {
    if (!window.confirm(`Remove ${name} from this core group? Their history stays on the case.`)) return;
    try {
      await api.del(`/api/cases/${data.id}/members/${memberId}`);
      setSaid(`Removed ${name}.${invitations ? ` Their invitation to ${invitations} is cancelled.` : ''}`);
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <section aria-labelledby="members-title">
      <Title3 as="h2" id="members-title">
        Core group members
      </Title3>
      {error ? (
        <Text block role="alert">
          {error}
        </Text>
      ) : null}
      <ul aria-label="Members" className="cg-list">
        {data.members.map((m) => (
          <li key={m.memberId}>
            <strong>{m.displayName}</strong>: {roleWords(m.role)}, {agencyWords(m.agency)}
            {m.excluded ? (
              <>
                {' '}
                <Badge color="danger" appearance="filled" className="cg-badge">
                  excluded from meetings
                </Badge>
                {m.excludedReason ? ` (${m.excludedReason})` : ''}
              </>
            ) : null}
            {runs && m.role !== 'chair' && m.role !== 'manager' ? (
              <div className="cg-actions cg-no-print">
                {!m.excluded ? (
                  <Exclude
                    api={api}
                    caseId={data.id}
                    memberId={m.memberId}
                    name={m.displayName}
                    onDone={() => {
                      setSaid(`${m.displayName} is excluded from meetings.${invitations ? ` Their invitation to ${invitations} is cancelled.` : ''}`);
                      onChanged();
                    }}
                  />
                ) : null}
                <Button size="small" onClick={() => void remove(m.memberId, m.displayName)} aria-label={`Remove ${m.displayName}`}>
                  Remove
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {said ? (
        <Text block role="status">
          {said}
        </Text>
      ) : null}
      {runs ? (
        <AddMember
          api={api}
          caseId={data.id}
          onDone={(name, role) => {
            setSaid(`Added ${name} (${roleWords(role)}).${invitations ? ` They are invited to ${invitations}.` : ''}`);
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

function Exclude({ api, caseId, memberId, name, onDone }: { api: ApiClient; caseId: string; memberId: string; name: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  if (!open)
    return (
      <Button size="small" onClick={() => setOpen(true)} aria-label={`Exclude ${name} from meetings`}>
        Exclude…
      </Button>
    );
  const save = async () => {
    if (reason.trim().length < 10) return setProblem('Record the conference’s reason (at least 10 characters).');
    try {
      await api.post(`/api/cases/${caseId}/members/${memberId}/exclusion`, { reason: reason.trim() });
      onDone();
    } catch (e) {
      setProblem(fieldProblems(e).reason ?? messageOf(e));
    }
  };
  return (
    <div role="group" aria-label={`Exclude ${name}`} style={{ width: '100%', maxWidth: 520 }}>
      <Field
        label={`The conference’s reason for excluding ${name} (required)`}
        required
        validationMessage={problem}
        validationState={problem ? 'error' : 'none'}
        hint="They will no longer see when or where meetings are, who else attends, or draft minutes."
      >
        <Textarea value={reason} onChange={(_e, d) => setReason(d.value)} />
      </Field>
      <div className="cg-actions" style={{ marginTop: 4 }}>
        <Button appearance="primary" size="small" onClick={() => void save()}>
          Exclude {name}
        </Button>
        <Button size="small" onClick={() => setOpen(false)}>
          Keep them
        </Button>
      </div>
    </div>
  );
}

/** Adds someone to the core group; roles that run a case are checked by the server against the organisation's staff list. */
function AddMember({ api, caseId, onDone }: { api: ApiClient; caseId: string; onDone: (name: string, role: string) => void }) {
  const [open, setOpen] = useState(false);
  const [m, setM] = useState({ displayName: '', email: '', agency: 'health-visiting', role: 'professional' });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  if (!open)
    return (
      <Button className="cg-no-print" onClick={() => setOpen(true)}>
        Add a member…
      </Button>
    );
  const save = async () => {
    setProblems({});
    setError(undefined);
    try {
      await api.post(`/api/cases/${caseId}/members`, { member: { person: { displayName: m.displayName, email: m.email }, agency: m.agency, role: m.role } });
      setOpen(false);
      onDone(m.displayName.trim(), m.role);
    } catch (e) {
      setProblems(fieldProblems(e));
      setError(messageOf(e));
    }
  };
  const v = (field: string) => (problems[field] ? { validationMessage: problems[field], validationState: 'error' as const } : {});
  return (
    <div role="group" aria-label="Add a member" style={{ maxWidth: 520 }}>
      <Field label="Name" required {...v('member.person.displayName')}>
        <Input value={m.displayName} onChange={(_e, d) => setM({ ...m, displayName: d.value })} />
      </Field>
      <Field label="Email" required {...v('member.person.email')}>
        <Input type="email" value={m.email} onChange={(_e, d) => setM({ ...m, email: d.value })} />
      </Field>
      <Field label="Agency" {...v('member.agency')}>
        <Select value={m.agency} onChange={(_e, d) => setM({ ...m, agency: d.value })}>
          {Object.entries(AGENCY_WORDS).map(([value, words]) => (
            <option key={value} value={value}>
              {words}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Role in the core group" {...v('member.role')}>
        <Select value={m.role} onChange={(_e, d) => setM({ ...m, role: d.value })}>
          {Object.entries(ROLE_WORDS).map(([value, words]) => (
            <option key={value} value={value}>
              {words}
            </option>
          ))}
        </Select>
      </Field>
      {error ? (
        <MessageBar intent="error" role="alert" style={{ marginTop: 8 }}>
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className="cg-actions" style={{ marginTop: 8 }}>
        <Button appearance="primary" onClick={() => void save()}>
          Add to the core group
        </Button>
        <Button onClick={() => setOpen(false)}>Not now</Button>
      </div>
    </div>
  );
}
