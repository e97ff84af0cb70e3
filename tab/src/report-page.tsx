import { Button, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Spinner, Text, Textarea, Title2, Title3 } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiClient, ApiError, fieldProblems, messageOf } from './api';
import { ReportContent, ReportForm } from './api-types';
import { TheirVersion } from './clash';
import { day, when } from './format';
import { usePrintLine } from './print';
import { useLoad } from './use-load';
import { PROGRESS_WORDS, roleWords } from './words';
import { Said, SaidBar } from './said-bar';

const QUESTIONS = [
  ['whatHasChanged', 'What has changed since the last core group?', 'Say what has changed.'],
  ['workingWell', 'What is working well?', 'Say what is working well.'],
  ['worries', 'What are you worried about?', 'Say what you are worried about.'],
  ['needsToHappen', 'What needs to happen next?', 'Say what needs to happen next.'],
] as const;
type Question = (typeof QUESTIONS)[number][0];
type Progress = ReportContent['actions'][number]['progress'];

/**
 * The form as filled in so far. Attendance, each action's progress and the safety scale start
 * unanswered: they are the professional's own judgements, and a preset value left untouched would be
 * recorded as one (the Teams card leaves them blank too).
 */
type Draft = Omit<ReportContent, 'attendance' | 'actions' | 'safetyScale'> & {
  attendance?: ReportContent['attendance'];
  actions: { actionId: string; progress?: Progress; comment?: string }[];
  safetyScale?: number;
};

const blank = (form: ReportForm): Draft =>
  form.report.content ?? {
    whatHasChanged: '',
    workingWell: '',
    worries: '',
    needsToHappen: '',
    actions: [],
  };

const ATTENDANCE_MISSING = 'Say whether you will attend.';
const PROGRESS_MISSING = 'Choose how this action is going.';
const BLOCKED_MISSING = 'Say what is blocking it.';
const SCALE_MISSING = 'Choose a number from 0 (not safe at all) to 10.';

/** What is still unanswered, keyed as the server keys its field problems, in words shown beside each field. */
function unanswered(draft: Draft, actionIds: readonly string[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!draft.attendance) problems.attendance = ATTENDANCE_MISSING;
  for (const [key, , missing] of QUESTIONS) if (!draft[key].trim()) problems[key] = missing;
  actionIds.forEach((id, i) => {
    const entry = draft.actions.find((a) => a.actionId === id);
    if (!entry?.progress) problems[`actions.${i}.progress`] = PROGRESS_MISSING;
    else if (entry.progress === 'blocked' && !entry.comment?.trim()) problems[`actions.${i}.comment`] = BLOCKED_MISSING;
  });
  if (draft.safetyScale === undefined || !Number.isInteger(draft.safetyScale)) problems.safetyScale = SCALE_MISSING;
  return problems;
}

/** The update as sent: one row per action of the plan, in the plan's order, so field paths match what is shown. */
const toSend = (draft: Draft, actionIds: readonly string[]) => ({
  ...draft,
  actions: actionIds.map((id) => {
    const entry = draft.actions.find((a) => a.actionId === id);
    const comment = entry?.comment?.trim();
    return { actionId: id, progress: entry?.progress, ...(comment ? { comment } : {}) };
  }),
});

const needAttention = (n: number): string => (n === 1 ? '1 answer needs attention: see the one marked.' : `${n} answers need attention: see each one marked.`);

/**
 * A professional's written update for one core group: written, edited and resubmitted here until the
 * meeting starts. It says whose update it is. A save clash keeps what was typed beside the other version.
 */
export function ReportPage({ api, reportId }: { api: ApiClient; reportId: string }) {
  const [reloads, setReloads] = useState(0);
  const { data, error, loading } = useLoad(() => api.get<ReportForm>(`/api/reports/${reportId}`), [api, reportId, reloads]);
  usePrintLine(
    data ? `${data.case.reference} core group ${data.meeting.number}${data.meeting.startsAt ? ` · ${when(data.meeting.startsAt)}` : ''}` : undefined,
  );
  if (loading && !data) return <Spinner label="Loading your update" />;
  if (error) return <Text role="alert">{error.message}</Text>;
  if (!data) return null;
  return <Report key={data.report.version} api={api} form={data} onReload={() => setReloads((n) => n + 1)} />;
}

function Report({ api, form, onReload }: { api: ApiClient; form: ReportForm; onReload: () => void }) {
  const [content, setContent] = useState<Draft>(() => blank(form));
  // The status the header states: what was loaded, then what this page itself submitted.
  const [status, setStatus] = useState<{ version: number; submittedAt?: string } | undefined>(
    form.report.status === 'submitted'
      ? { version: form.report.version, ...(form.report.submittedAt ? { submittedAt: form.report.submittedAt } : {}) }
      : undefined,
  );
  const actionIds = form.actions.map((a) => a.id);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Said | undefined>();
  const [theirs, setTheirs] = useState<ReportContent | undefined>();
  const [busy, setBusy] = useState(false);
  const whose = form.owner
    ? `${form.owner.displayName}, ${form.owner.agency.charAt(0).toUpperCase()}${form.owner.agency.slice(1)} (${roleWords(form.owner.role)})`
    : undefined;
  // Business support writing it for them: every question and button about that person, not "I" and "my".
  const forThem = form.onBehalf && form.owner ? form.owner.displayName : undefined;

  const submit = async () => {
    setNotice(undefined);
    const missing = unanswered(content, actionIds);
    setProblems(missing);
    if (Object.keys(missing).length) {
      setNotice({ ok: false, text: needAttention(Object.keys(missing).length) });
      return;
    }
    setBusy(true);
    try {
      const saved = await api.put<{ version: number; submittedAt?: string }>(`/api/reports/${form.report.id}`, { content: toSend(content, actionIds) });
      setTheirs(undefined);
      setStatus({ version: saved.version, ...(saved.submittedAt ? { submittedAt: saved.submittedAt } : {}) });
      setNotice({
        ok: true,
        text: forThem
          ? `${saved.version > 1 ? 'Resubmitted' : 'Submitted'} for ${forThem}: the chair has their update, and if ${forThem} uses Teams they are told there that you sent it for them. It can be changed until the core group starts.`
          : `${saved.version > 1 ? 'Resubmitted' : 'Submitted'}: the chair has your update. You can change it until the core group starts.`,
      });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // Someone else (business support, on your behalf) saved first: keep this text, show theirs beside it.
        try {
          setTheirs((await api.get<ReportForm>(`/api/reports/${form.report.id}`)).report.content);
        } catch {
          /* the message below still says what happened */
        }
      }
      const said = fieldProblems(e);
      // "Required." beside a question says less than the question's own words.
      for (const [key, , missing] of QUESTIONS) if (said[key]?.startsWith('Required')) said[key] = missing;
      setProblems(said);
      setNotice({ ok: false, text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };
  const v = (field: string) => (problems[field] ? { validationMessage: problems[field], validationState: 'error' as const } : {});

  return (
    <form
      aria-labelledby="report-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      style={{ maxWidth: 760 }}
    >
      <Title2 id="report-title" as="h1" className="cg-wrap">
        Update for core group {form.meeting.number} — {form.case.reference} ({form.case.childInitials})
      </Title2>
      <Text block>
        {whose ? (
          <>
            This is the update from <strong>{whose}</strong>
            {form.report.onBehalf ? ', last submitted on their behalf by business support' : ''}.
          </>
        ) : (
          'This is your agency’s update.'
        )}{' '}
        {form.meeting.startsAt ? `The core group meets ${when(form.meeting.startsAt)}.` : `The core group is due by ${day(form.meeting.due)}.`}
      </Text>
      <Text block>
        {status
          ? `Submitted${status.submittedAt ? ` ${when(status.submittedAt)}` : ''} (version ${status.version}).${form.editable ? ' Change anything and submit again.' : ''}`
          : 'Not submitted yet.'}
      </Text>
      {!form.editable ? (
        <MessageBar intent="info">
          <MessageBarBody>This core group has started, so its updates can no longer be changed. Share anything new with the chair.</MessageBarBody>
        </MessageBar>
      ) : null}
      <fieldset disabled={!form.editable} style={{ border: 'none', padding: 0, margin: 0 }}>
        <Field label={forThem ? `Will ${forThem} attend?` : 'Will you attend?'} required {...v('attendance')}>
          <RadioGroup value={content.attendance ?? ''} onChange={(_e, d) => setContent({ ...content, attendance: d.value as ReportContent['attendance'] })}>
            <Radio value="attending" label={forThem ? 'Yes, they will attend' : 'Yes, I will attend'} />
            <Radio
              value="apologies"
              label={
                forThem ? 'No, they send apologies (this written update stands in for them)' : 'No, I send apologies (this written update stands in for me)'
              }
            />
          </RadioGroup>
        </Field>
        {QUESTIONS.map(([key, label]) => (
          <div key={key}>
            <Field label={label} required {...v(key)}>
              <Textarea value={content[key]} resize="vertical" onChange={(_e, d) => setContent({ ...content, [key]: d.value })} />
            </Field>
            {theirs && theirs[key] !== content[key] ? (
              <TheirVersion label={label} text={theirs[key]} onUse={() => setContent((c) => ({ ...c, [key as Question]: theirs[key] }))} />
            ) : null}
          </div>
        ))}
        {form.actions.length ? <Title3 as="h2">{forThem ? `${forThem}’s agency’s actions in the plan` : 'Your agency’s actions in the plan'}</Title3> : null}
        {form.actions.map((a, index) => {
          const entry = content.actions.find((x) => x.actionId === a.id) ?? { actionId: a.id };
          const update = (change: Partial<Draft['actions'][number]>) =>
            setContent((c) => ({
              ...c,
              actions: c.actions.some((x) => x.actionId === a.id)
                ? c.actions.map((x) => (x.actionId === a.id ? { ...x, ...change } : x))
                : [...c.actions, { ...entry, ...change }],
            }));
          return (
            <div key={a.id} role="group" aria-label={a.what} style={{ marginBottom: 8 }}>
              <Field label={`Progress: ${a.what}`} required {...v(`actions.${index}.progress`)}>
                <Select value={entry.progress ?? ''} onChange={(_e, d) => update(d.value ? { progress: d.value as Progress } : { progress: undefined })}>
                  <option value="" disabled>
                    Choose how it is going
                  </option>
                  {Object.entries(PROGRESS_WORDS).map(([value, words]) => (
                    <option key={value} value={value}>
                      {words}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={entry.progress === 'blocked' ? 'What is blocking it? (required)' : 'Comment (optional)'} {...v(`actions.${index}.comment`)}>
                <Textarea value={entry.comment ?? ''} onChange={(_e, d) => update({ comment: d.value })} />
              </Field>
            </div>
          );
        })}
        <Field label="How safe is the child now? (0 = not safe at all, 10 = safe enough to close the plan)" required {...v('safetyScale')}>
          <Select
            value={content.safetyScale === undefined ? '' : String(content.safetyScale)}
            onChange={(_e, d) => setContent({ ...content, safetyScale: d.value === '' ? undefined : Number(d.value) })}
          >
            <option value="" disabled>
              Choose 0 to 10
            </option>
            {Array.from({ length: 11 }, (_, n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </Field>
      </fieldset>
      <SaidBar
        said={notice}
        marginTop={12}
        more={
          theirs
            ? ' Your text is kept in the form; the version saved by someone else is shown beside each answer that differs. Submit again to save yours.'
            : ''
        }
      />
      {form.editable ? (
        <div className="cg-actions" style={{ marginTop: 12 }}>
          <Button appearance="primary" type="submit" disabled={busy}>
            {status ? 'Submit the changes' : forThem ? `Submit ${forThem}’s update` : 'Submit my update'}
          </Button>
          {notice?.ok ? <Button onClick={onReload}>Show what was saved</Button> : null}
          <a href="#/">Back to my core groups</a>
        </div>
      ) : null}
    </form>
  );
}
