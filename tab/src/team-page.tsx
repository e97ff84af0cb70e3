import { Spinner, Text, Title2, Title3 } from '@fluentui/react-components';
import { ApiClient } from './api';
import { TeamCompliance } from './api-types';
import { CaseCompliance } from './compliance-badge';
import { day, obligationName } from './format';
import { useLoad } from './use-load';

/** A manager's view: every open case of the team, worst first, by social worker; late is red with the words. */
export function TeamPage({ api }: { api: ApiClient }) {
  const { data, error, loading } = useLoad(() => api.get<TeamCompliance>('/api/team/compliance'), [api]);
  if (loading && !data) return <Spinner label="Loading your team" />;
  if (error) return <Text role="alert">{error.message}</Text>;
  if (!data) return null;
  return (
    <section aria-labelledby="team">
      <Title2 id="team" as="h1">
        Team compliance
      </Title2>
      <Text block>
        {data.totals.red} late or overdue · {data.totals.amber} due soon · {data.totals.green} on track (as of {day(data.today)})
      </Text>
      {data.bySocialWorker.length === 0 ? <Text block>No open cases in the teams you manage.</Text> : null}
      {data.bySocialWorker.map((sw) => (
        <div key={sw.socialWorkerId}>
          <Title3 as="h2">
            {sw.displayName}: {sw.totals.red} late or overdue, {sw.totals.amber} due soon, {sw.totals.green} on track
          </Title3>
          <ul className="cg-list">
            {sw.cases.map((c) => (
              <li key={c.caseId}>
                <a href={`#/cases/${c.caseId}`}>
                  {c.reference} ({c.childInitials})
                </a>{' '}
                <CaseCompliance c={c} /> {c.next ? `Next: ${obligationName(c.next.obligationId)} by ${day(c.next.due)}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
