import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3 } from '@fluentui/react-components';
import { CaseDetail } from './api-types';
import { day, londonWall } from './format';
import { agencyWords, PROGRESS_WORDS, plain } from './words';

/**
 * The child protection plan on the case page: what it is for, each SMART action with who owns it and
 * how it is going, and where every member stands on it (agreed, wants to discuss it and why, or not
 * answered), so the chair can take each "I want to discuss" to the core group.
 */
export function PlanSection({ data }: { data: CaseDetail }) {
  const plan = data.plan;
  const name = (memberId: string) => data.members.find((m) => m.memberId === memberId)?.displayName ?? 'Someone no longer on the case';
  if (!plan)
    return (
      <section aria-labelledby="plan-title">
        <Title3 as="h2" id="plan-title">
          Child protection plan
        </Title3>
        <Text block>No plan has been recorded yet.</Text>
      </section>
    );
  const agreed = plan.agreement.filter((a) => a.answer === 'agreed').length;
  const onDay = (at: string) => day(londonWall(at).slice(0, 10));
  return (
    <section aria-labelledby="plan-title">
      <Title3 as="h2" id="plan-title">
        Child protection plan
      </Title3>
      <Text block>
        Version {plan.version}, recorded {onDay(plan.recordedAt)}.
      </Text>
      <Text block weight="semibold">
        What it is for
      </Text>
      <ul className="cg-list">
        {plan.outcomes.map((o, i) => (
          <li key={i}>{o}</li>
        ))}
      </ul>
      {plan.actions.length ? (
        <div className="cg-scroll" role="region" aria-label="The plan’s actions, scrollable" tabIndex={0}>
          <Table aria-label="The plan’s actions" size="small" className="cg-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Action</TableHeaderCell>
                <TableHeaderCell>Who</TableHeaderCell>
                <TableHeaderCell>By when</TableHeaderCell>
                <TableHeaderCell>How we will know</TableHeaderCell>
                <TableHeaderCell>Progress</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plan.actions.map((a, i) => (
                <TableRow key={i}>
                  <TableCell data-label="Action">{a.what}</TableCell>
                  <TableCell data-label="Who">
                    {name(a.ownerMemberId)} ({agencyWords(a.agency)})
                  </TableCell>
                  <TableCell data-label="By when">{day(a.byWhen)}</TableCell>
                  <TableCell data-label="How we will know">{a.howWeWillKnow}</TableCell>
                  <TableCell data-label="Progress">{PROGRESS_WORDS[a.status] ?? plain(a.status)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : (
        <Text block>The plan has no actions yet.</Text>
      )}
      <Text block weight="semibold" style={{ marginTop: 8 }}>
        Agreed by {agreed} of {plan.agreement.length}
      </Text>
      <ul className="cg-list" aria-label="Who has agreed the plan">
        {plan.agreement.map((a) => (
          <li key={a.memberId}>
            {name(a.memberId)}:{' '}
            {a.answer === 'agreed'
              ? `agreed ${onDay(a.at ?? '')}`
              : a.answer === 'discuss'
                ? `wants to discuss it (${onDay(a.at ?? '')})${a.comment ? `: “${a.comment}”` : ''}`
                : 'not answered yet'}
          </li>
        ))}
      </ul>
    </section>
  );
}
