import { Link, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title2, Title3 } from '@fluentui/react-components';
import { ApiClient } from './api';
import { MyWork } from './api-types';
import { CaseCompliance } from './compliance-badge';
import { day, londonWall, obligationName, waiting, when } from './format';
import { useLoad } from './use-load';

/** A person's cases with what is next (late in red, with the words), the updates they owe and the minutes waiting for them. */
export function MyWorkPage({ api }: { api: ApiClient }) {
  const { data, error, loading } = useLoad(() => api.get<MyWork>('/api/me/work'), [api]);
  if (loading && !data) return <Spinner label="Loading your core groups" />;
  if (error) return <Text role="alert">{error.message}</Text>;
  if (!data) return null;
  const approvals = [...data.approvalsWaiting].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return (
    <section aria-labelledby="my-work">
      <Title2 id="my-work" as="h1">
        My core groups
      </Title2>
      <Text block>As of {day(data.today)}</Text>
      {data.reportsOwed.length > 0 ? (
        <>
          <Title3 as="h2">Updates you owe</Title3>
          <ul className="cg-list">
            {data.reportsOwed.map((r) => (
              <li key={r.reportId}>
                <Link href={`#/reports/${r.reportId}`}>
                  Write your update for {r.reference}, core group {r.meetingNumber}
                </Link>{' '}
                — {r.meetingStartsAt ? `send it before the meeting on ${when(r.meetingStartsAt)}` : `the core group is due by ${day(r.meetingDue)}`}
                {r.required ? ' (required: final core group before the review)' : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {approvals.length > 0 ? (
        <>
          <Title3 as="h2">Minutes waiting for your approval</Title3>
          <ul className="cg-list">
            {approvals.map((a) => (
              <li key={a.minutesId}>
                <Link href="#/approvals">
                  {a.reference}: core group {a.meetingNumber}
                </Link>{' '}
                — {waiting(data.today, a.submittedAt)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data.minutesReturned.length > 0 ? (
        <>
          <Title3 as="h2">Minutes returned for changes</Title3>
          <ul className="cg-list">
            {data.minutesReturned.map((r) => (
              <li key={r.minutesId}>
                <Link href={`#/minutes/${r.minutesId}`}>
                  Change and resubmit the minutes of {r.reference}, core group {r.meetingNumber}
                </Link>{' '}
                — returned on {day(londonWall(r.returnedAt).slice(0, 10))}
                {r.returnComments ? `: “${r.returnComments}”` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Title3 as="h2">Cases</Title3>
      {/* On a phone the last columns are off the right edge, and phones draw no scrollbar to say so. */}
      <Text block size={200} className="cg-narrow-only cg-no-print">
        Swipe the table sideways to see every column.
      </Text>
      <div className="cg-scroll" role="region" aria-label="My cases, scrollable" tabIndex={0}>
        <Table aria-label="My cases" size="small" className="cg-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Case</TableHeaderCell>
              <TableHeaderCell>Compliance</TableHeaderCell>
              <TableHeaderCell>Next</TableHeaderCell>
              <TableHeaderCell>Due</TableHeaderCell>
              <TableHeaderCell>Overdue</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.cases.map((c) => (
              <TableRow key={c.caseId}>
                <TableCell>
                  <Link href={`#/cases/${c.caseId}`}>
                    {c.reference} ({c.childInitials})
                  </Link>
                </TableCell>
                <TableCell>
                  <CaseCompliance c={c} />
                </TableCell>
                <TableCell>{c.next ? obligationName(c.next.obligationId) : 'Nothing due'}</TableCell>
                <TableCell>
                  {c.next ? `${day(c.next.due)}${c.next.workingDaysLeft !== undefined ? ` (${c.next.workingDaysLeft} working days)` : ''}` : '—'}
                </TableCell>
                <TableCell>{c.overdue}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {data.cases.length === 0 && <Text block>You are not on any open case.</Text>}
      {data.reportsOwed.length === 0 ? (
        <>
          <Title3 as="h2">Updates you owe</Title3>
          <Text block>None.</Text>
        </>
      ) : null}
    </section>
  );
}
