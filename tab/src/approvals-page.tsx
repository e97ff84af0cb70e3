import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Spinner, Text, Title2, Title3 } from '@fluentui/react-components';
import { ApiClient } from './api';
import { MINUTES_SECTIONS, MinutesView, MyWork } from './api-types';
import { day, londonWall, waiting } from './format';
import { MinutesDecision } from './minutes-decision';
import { useLoad } from './use-load';

/**
 * A manager's approvals inbox: minutes waiting for their decision, oldest first, each saying how
 * long it has waited, with the minutes and approve / return side by side.
 */
export function ApprovalsPage({ api }: { api: ApiClient }) {
  const { data, error, loading } = useLoad(() => api.get<MyWork>('/api/me/work'), [api]);
  if (loading && !data) return <Spinner label="Loading minutes waiting for you" />;
  if (error) return <Text role="alert">{error.message}</Text>;
  if (!data) return null;
  const waitingList = [...data.approvalsWaiting].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return (
    <section aria-labelledby="approvals-title">
      <Title2 id="approvals-title" as="h1">
        Minutes waiting for your approval
      </Title2>
      {waitingList.length === 0 ? (
        <Text block>Nothing is waiting for you.</Text>
      ) : (
        <>
          <Text block>Oldest first. Open one to read the minutes and approve or return them.</Text>
          <Accordion collapsible aria-label="Minutes waiting, oldest first">
            {waitingList.map((a) => (
              <AccordionItem key={a.minutesId} value={a.minutesId}>
                <AccordionHeader>
                  <span className="cg-wrap">
                    {a.reference}: core group {a.meetingNumber} — submitted {day(londonWall(a.submittedAt).slice(0, 10))},{' '}
                    <strong>{waiting(data.today, a.submittedAt)}</strong>
                  </span>
                </AccordionHeader>
                <AccordionPanel>
                  <ForApproval api={api} minutesId={a.minutesId} />
                </AccordionPanel>
              </AccordionItem>
            ))}
          </Accordion>
        </>
      )}
    </section>
  );
}

function ForApproval({ api, minutesId }: { api: ApiClient; minutesId: string }) {
  const { data, error, loading } = useLoad(() => api.get<MinutesView>(`/api/minutes/${minutesId}`), [api, minutesId]);
  if (loading && !data) return <Spinner label="Loading the minutes" />;
  if (error) return <Text role="alert">{error.message}</Text>;
  if (!data) return null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24, alignItems: 'flex-start' }}>
      <div style={{ flex: '2 1 320px', minWidth: 0 }}>
        <Text block>
          Written by {data.authorName} · <a href={`#/minutes/${minutesId}`}>Open on their own page</a>
        </Text>
        {MINUTES_SECTIONS.map(([key, label]) =>
          data.minutes.sections[key] ? (
            <section key={key} aria-label={label}>
              <Title3 as="h3">{label}</Title3>
              <Text block style={{ whiteSpace: 'pre-wrap' }}>
                {data.minutes.sections[key]}
              </Text>
            </section>
          ) : null,
        )}
      </div>
      <div style={{ flex: '1 1 240px', minWidth: 0 }}>
        {data.canDecide ? <MinutesDecision api={api} minutesId={minutesId} headingLevel="h3" /> : <Text>These minutes are no longer waiting for you.</Text>}
      </div>
    </div>
  );
}
