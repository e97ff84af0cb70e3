import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Button, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title2, Title3 } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiClient } from './api';
import { CaseDetail } from './api-types';
import { StatusBadge } from './compliance-badge';
import { day, obligationName, when } from './format';
import { useLoad } from './use-load';

/** Starts the minutes of a held core group (pre-filled by the server) and opens them. */
function WriteMinutes({ api, meetingId, number }: { api: ApiClient; meetingId: string; number: number }) {
  const [error, setError] = useState<string | undefined>();
  const start = async () => {
    try {
      const draft = await api.post<{ id: string }>(`/api/meetings/${meetingId}/minutes`, {});
      window.location.hash = `#/minutes/${draft.id}`;
    } catch (e) {
      setError((e as Error).message);
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

/**
 * One case: who is on it, its meetings, and every obligation with its status and, on request, why
 * its date is the date (the days skipped, the rule and the procedure it comes from).
 */
export function CasePage({ api, caseId }: { api: ApiClient; caseId: string }) {
  const { data, error, loading } = useLoad(() => api.get<CaseDetail>(`/api/cases/${caseId}`), [api, caseId]);
  if (loading && !data) return <Spinner label="Loading the case" />;
  if (error) return <Text role="alert">{error.message}</Text>;
  if (!data) return null;
  return (
    <article aria-labelledby="case-title">
      <Title2 id="case-title" as="h1">
        {data.reference} ({data.childInitials}){data.childName ? ` — ${data.childName}` : ''}
      </Title2>
      <Text block>
        {data.profile.name} (version {data.profile.version}) · initial conference {day(data.icpcDate)}
      </Text>

      <Title3 as="h2">Core group</Title3>
      <ul aria-label="Members">
        {data.members.map((m) => (
          <li key={m.memberId}>
            {m.displayName}: {m.role.replace(/-/g, ' ')}, {m.agency.replace(/-/g, ' ')}
            {m.excluded ? (
              <>
                {' '}
                <Badge color="danger" appearance="outline">
                  excluded from meetings
                </Badge>
                {m.excludedReason ? ` (${m.excludedReason})` : ''}
              </>
            ) : null}
          </li>
        ))}
      </ul>

      <Title3 as="h2">Meetings</Title3>
      <Table aria-label="Meetings" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Core group</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Window</TableHeaderCell>
            <TableHeaderCell>Booked</TableHeaderCell>
            <TableHeaderCell>Minutes</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.meetings.map((m) => (
            <TableRow key={m.id}>
              <TableCell>
                {m.number}
                {m.finalBeforeReview ? ' (final before review)' : ''}
              </TableCell>
              <TableCell>{m.status}</TableCell>
              <TableCell>
                {m.earliest ? `${day(m.earliest)} – ` : 'by '}
                {day(m.due)}
              </TableCell>
              <TableCell>{m.startsAt ? when(m.startsAt) : '—'}</TableCell>
              <TableCell>{m.minutesId ? <a href={`#/minutes/${m.minutesId}`}>{m.minutesStatus}</a> : m.status === 'held' ? <WriteMinutes api={api} meetingId={m.id} number={m.number} /> : '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Title3 as="h2">Timeline</Title3>
      <Accordion collapsible multiple aria-label="Obligations and why each date is the date">
        {data.obligations.map((o) => (
          <AccordionItem key={o.id} value={o.id}>
            <AccordionHeader>
              <span>
                {day(o.due)} · {obligationName(o.id)} <StatusBadge status={o.compliance.status} {...(o.compliance.daysLate ? { daysLate: o.compliance.daysLate } : {})} />
              </span>
            </AccordionHeader>
            <AccordionPanel>
              <Text block>Why this date: {o.explanation}</Text>
              <Text block size={200}>
                Source: {o.source.label} · rule {o.rule}
              </Text>
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </article>
  );
}
