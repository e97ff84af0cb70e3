import { Badge, Button, Field, MessageBar, MessageBarBody, Select, Spinner, Text, Textarea, Title2 } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiClient, fieldProblems, messageOf } from './api';
import { CaseDetail, ScheduleView, Venue } from './api-types';
import { day, timeRange, when } from './format';
import { usePrintLine } from './print';
import { VENUES } from './schedule-page';
import { useLoad } from './use-load';

interface Proposal {
  view: ScheduleView;
  slot: number;
  venue: Venue;
  lateReason: string;
}

/**
 * The best time for each core group, in order: the first inside its deadline on a later day than the
 * one proposed before it, else the first on a later day, else its own first (the booking then says
 * why it cannot be). Core groups are held, and so booked, one after another (ensureBookedInOrder):
 * two overdue ones must not both be offered the same soonest time.
 */
export function proposeInOrder(views: readonly ScheduleView[]): number[] {
  let after = '';
  return views.map((view) => {
    const later = view.slots.map((s, i) => ({ s, i })).filter(({ s }) => s.day > after);
    const chosen = later.find(({ s }) => !s.afterDeadline)?.i ?? later[0]?.i ?? 0;
    after = view.slots[chosen]?.day ?? after;
    return chosen;
  });
}

/** The core groups the series page books: those still to come, up to the final one before the next review. */
type Planned = Pick<CaseDetail['meetings'][number], 'id'>;

/**
 * Each core group's schedule given the times chosen for those before it (`?proposed=`): a core
 * group's window counts from the one before as it will be held, so core group 3's times depend on
 * the day chosen for core group 2. Those in `kept` stay as they are; the rest are asked for in turn,
 * each proposed its best time (proposeInOrder), keeping any venue or reason already given.
 */
async function proposeFrom(api: ApiClient, planned: readonly Planned[], kept: readonly Proposal[], before: readonly Proposal[] = []): Promise<Proposal[]> {
  const out = [...kept];
  for (const m of planned.slice(kept.length)) {
    const query = out
      .flatMap((p) => {
        const s = p.view.slots[p.slot];
        return s ? [`proposed=${encodeURIComponent(`${p.view.meeting.id}@${s.start}`)}`] : [];
      })
      .join('&');
    const view = await api.get<ScheduleView>(`/api/meetings/${m.id}/schedule${query ? `?${query}` : ''}`);
    const earlier = before.find((p) => p.view.meeting.id === m.id);
    const slot = proposeInOrder([...out.map((p) => p.view), view]).at(-1) ?? 0;
    out.push({ view, slot, venue: earlier?.venue ?? 'office', lateReason: earlier?.lateReason ?? '' });
  }
  return out;
}

/**
 * Books every planned core group up to the next review in one step: each one's best time is
 * proposed from its schedule given the times before it, the chair reviews (and changes) each, then
 * books them together. Changing one time asks again for the ones after it.
 */
export function SeriesPage({ api, caseId }: { api: ApiClient; caseId: string }) {
  const { data, error, loading } = useLoad(async () => {
    const detail = await api.get<CaseDetail>(`/api/cases/${caseId}`);
    // Up to the next review: the core groups still to come, to the final one before that review.
    const toCome = detail.meetings.filter((m) => m.status === 'planned' || m.status === 'booked');
    const last = toCome.find((m) => m.finalBeforeReview)?.number ?? Infinity;
    const planned = toCome.filter((m) => m.status === 'planned' && m.number <= last);
    return { detail, proposals: await proposeFrom(api, planned, []) };
  }, [api, caseId]);
  usePrintLine(data ? `${data.detail.reference} (${data.detail.childInitials}) · series of core groups` : undefined);
  if (loading && !data) return <Spinner label="Finding the best time for each core group" />;
  if (error) return <Text role="alert">{error.message}</Text>;
  if (!data) return null;
  return <Series api={api} detail={data.detail} initial={data.proposals} />;
}

function Series({ api, detail, initial }: { api: ApiClient; detail: CaseDetail; initial: Proposal[] }) {
  const [proposals, setProposals] = useState(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  /** Core groups whose times are being asked for again, after an earlier one's time changed. */
  const [rechecking, setRechecking] = useState(false);
  const set = (i: number, change: Partial<Proposal>) => setProposals((ps) => ps.map((p, j) => (i === j ? { ...p, ...change } : p)));
  const chooseTime = async (i: number, slot: number) => {
    const kept = proposals.slice(0, i + 1).map((p, j) => (j === i ? { ...p, slot } : p));
    setProposals([...kept, ...proposals.slice(i + 1)]);
    if (i + 1 >= proposals.length) return;
    setRechecking(true);
    setError(undefined);
    try {
      // The same core groups as before, in order: one proposal each.
      setProposals(
        await proposeFrom(
          api,
          proposals.map((p) => p.view.meeting),
          kept,
          proposals,
        ),
      );
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setRechecking(false);
    }
  };

  const book = async () => {
    setError(undefined);
    const missing: Record<string, string> = {};
    proposals.forEach((p, i) => {
      if (p.view.slots[p.slot]?.afterDeadline && p.lateReason.trim().length < 5)
        missing[`bookings.${i}.lateReason`] = 'Say why it cannot be held by the deadline (at least 5 characters).';
    });
    setProblems(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      const bookings = proposals.flatMap((p) => {
        const s = p.view.slots[p.slot];
        return s
          ? [
              {
                meetingId: p.view.meeting.id,
                expectedVersion: p.view.meeting.version,
                startsAt: s.start,
                endsAt: s.end,
                venue: p.venue,
                ...(s.afterDeadline ? { lateReason: p.lateReason.trim() } : {}),
              },
            ]
          : [];
      });
      const results = await api.post<{ late: boolean }[]>(`/api/cases/${detail.id}/series`, { bookings });
      const late = results.filter((r) => r.late).length;
      setDone(`Booked ${results.length} core groups. Invitations are going to every member.${late ? ` ${late} will show as late, in red.` : ''}`);
    } catch (e) {
      setProblems(fieldProblems(e));
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="series-title">
      <Title2 id="series-title" as="h1" className="cg-wrap">
        Book the core groups up to the review — {detail.reference} ({detail.childInitials})
      </Title2>
      <Text block>
        <a href={`#/cases/${detail.id}`}>Back to the case</a>
      </Text>
      {done ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      ) : proposals.length === 0 ? (
        <Text block>Every core group up to the review is already booked.</Text>
      ) : (
        <>
          <Text block>
            Each core group’s best time is proposed below. Check each one, change any that do not suit, then book them all at once. Each window counts from the
            core group before it, as proposed here, so changing a time finds new times for the ones after it.
          </Text>
          {/* Not numbered: each item is a core group by its own number, which a list's 1, 2 would contradict. */}
          <ul className="cg-list">
            {proposals.map((p, i) => {
              const s = p.view.slots[p.slot];
              return (
                <li key={p.view.meeting.id}>
                  <strong>Core group {p.view.meeting.number}</strong> — must happen {day(p.view.window.earliest)} to {day(p.view.window.due)}
                  {p.view.warning ? <Text block>{p.view.warning}</Text> : null}
                  <div className="cg-actions">
                    <Field
                      label={`Time for core group ${p.view.meeting.number}`}
                      validationMessage={problems[`bookings.${i}.startsAt`]}
                      validationState={problems[`bookings.${i}.startsAt`] ? 'error' : 'none'}
                    >
                      <Select value={String(p.slot)} disabled={rechecking} onChange={(_e, d) => void chooseTime(i, Number(d.value))} style={{ minWidth: 0 }}>
                        {p.view.slots.map((slot, j) => (
                          <option key={slot.start} value={j}>
                            {day(slot.day)}, {timeRange(slot.start, slot.end)}
                            {slot.afterDeadline ? ' — after the deadline (late)' : slot.busy.length ? ` — busy: ${slot.busy.join(', ')}` : ''}
                          </option>
                        ))}
                      </Select>
                    </Field>
                    <Field
                      label={`Where core group ${p.view.meeting.number} meets`}
                      validationMessage={problems[`bookings.${i}.venue`]}
                      validationState={problems[`bookings.${i}.venue`] ? 'error' : 'none'}
                    >
                      <Select value={p.venue} onChange={(_e, d) => set(i, { venue: d.value as Venue })} style={{ minWidth: 0 }}>
                        {VENUES.map((v) => (
                          <option key={v.value} value={v.value}>
                            {v.label}
                          </option>
                        ))}
                      </Select>
                    </Field>
                  </div>
                  {s ? (
                    <Text block size={200}>
                      {when(s.start)}: free {s.free.join(', ') || 'nobody'}
                      {s.busy.length ? `; busy ${s.busy.join(', ')}` : ''}
                      {s.unknown.length ? `; not known ${s.unknown.join(', ')}` : ''}. {VENUES.find((v) => v.value === p.venue)?.hint}
                    </Text>
                  ) : (
                    <Text block>No time found: book this one from its own schedule view.</Text>
                  )}
                  {s?.afterDeadline ? (
                    <>
                      <Badge appearance="filled" color="danger" className="cg-badge">
                        Will show as late
                      </Badge>
                      <Field
                        label={`Why core group ${p.view.meeting.number} cannot be held by ${day(p.view.window.due)} (required)`}
                        required
                        validationMessage={problems[`bookings.${i}.lateReason`]}
                        validationState={problems[`bookings.${i}.lateReason`] ? 'error' : 'none'}
                      >
                        <Textarea value={p.lateReason} onChange={(_e, d) => set(i, { lateReason: d.value })} />
                      </Field>
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {error ? (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{error}</MessageBarBody>
            </MessageBar>
          ) : null}
          {rechecking ? <Spinner size="tiny" label="Finding times for the core groups after it" /> : null}
          <Button appearance="primary" disabled={busy || rechecking} onClick={() => void book()} style={{ marginTop: 12 }}>
            Book all {proposals.length} core groups
          </Button>
        </>
      )}
    </section>
  );
}
