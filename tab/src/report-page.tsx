import { Button, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Spinner, Text, Textarea, Title2, Title3 } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiClient, ApiError, fieldProblems, messageOf } from './api';
import { ReportContent, ReportForm } from './api-types';
import { TheirVersion } from './clash';
import { day, when } from './format';
import { usePrintLine } from './print';
import { useLoad } from './use-load';
import { PROGRESS_WORDS, roleWords } from './words';

const QUESTIONS = [
  ['whatHasChanged', 'What has changed since the last core group?'],
  ['workingWell', 'What is working well?'],
  ['worries', 'What are you worried about?'],
  ['needsToHappen', 'What needs to happen next?'],
] as const;
type Question = (typeof QUESTIONS)[number][0];

const blank = (form: ReportForm): ReportContent =>
  form.report.content ?? {
    attendance: 'attending',
    whatHasChanged: '',
    workingWell: '',
    worries: '',
    needsToHappen: '',
    actions: form.actions.map((a) => ({ actionId: a.id, progress: 'on-track' as const })),
    safetyScale: 5,
  };

/**
 * A professional's written update for one core group: written, edited and resubmitted here until the
 * meeting starts. It says whose update it is. A save clash keeps what was typed beside the other version.
 */
export function ReportPage({ api, reportId }: { api: ApiClient; reportId: string }) {
  const [reloads, setReloads] = useState(0);
  const { data, error, loading } = useLoad(() => api.get<ReportForm>(`/api/reports/${reportId}`), [api, reportId, reloads]);
  usePrintLine(data ? `${data.case.reference} core group ${data.meeting.number}${data.meeting.startsAt ? ` · ${when(data.meeting.startsAt)}` : ''}` : undefined);
  if (loading && !data) return <Spinner label="Loading your update" />;
  if (error) return <Text role="alert">{error.message}</Text>;
  if (!data) return null;
  return <Report key={data.report.version} api={api} form={data} onReload={() => setReloads((n) => n + 1)} />;
}

function Report({ api, form, onReload }: { api: ApiClient; form: ReportForm; onReload: () => void }) {
  const [content, setContent] = useState<ReportContent>(() => blank(form));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | undefined>();
  const [theirs, setTheirs] = useState<ReportContent | undefined>();
  const [busy, setBusy] = useState(false);
  const whose = form.owner ? `${form.owner.displayName}, ${form.owner.agency.charAt(0).toUpperCase()}${form.owner.agency.slice(1)} (${roleWords(form.owner.role)})` : undefined;

  const submit = async () => {
    setBusy(true);
    setProblems({});
    setNotice(undefined);
    try {
      const saved = await api.put<{ version: number }>(`/api/reports/${form.report.id}`, { content });
      setTheirs(undefined);
      setNotice({ ok: true, text: `${saved.version > 1 ? 'Resubmitted' : 'Submitted'}: the chair has your update. You can change it until the core group starts.` });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // Someone else (business support, on your behalf) saved first: keep this text, show theirs beside it.
        try {
          setTheirs((await api.get<ReportForm>(`/api/reports/${form.report.id}`)).report.content);
        } catch {
          /* the message below still says what happened */
        }
      }
      setProblems(fieldProblems(e));
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
      <Text block>{form.report.status === 'submitted' ? `Submitted (version ${form.report.version}). Change anything and submit again.` : 'Not submitted yet.'}</Text>
      {!form.editable ? (
        <MessageBar intent="info">
          <MessageBarBody>This core group has started, so its updates can no longer be changed. Share anything new with the chair.</MessageBarBody>
        </MessageBar>
      ) : null}
      <fieldset disabled={!form.editable} style={{ border: 'none', padding: 0, margin: 0 }}>
        <Field label="Will you attend?" {...v('attendance')}>
          <RadioGroup value={content.attendance} onChange={(_e, d) => setContent({ ...content, attendance: d.value as ReportContent['attendance'] })}>
            <Radio value="attending" label="Yes, I will attend" />
            <Radio value="apologies" label="No, I send apologies (this written update stands in for me)" />
          </RadioGroup>
        </Field>
        {QUESTIONS.map(([key, label]) => (
          <div key={key}>
            <Field label={label} required {...v(key)}>
              <Textarea value={content[key]} resize="vertical" onChange={(_e, d) => setContent({ ...content, [key]: d.value })} />
            </Field>
            {theirs && theirs[key] !== content[key] ? <TheirVersion label={label} text={theirs[key]} onUse={() => setContent((c) => ({ ...c, [key as Question]: theirs[key] }))} /> : null}
          </div>
        ))}
        {form.actions.length ? <Title3 as="h2">Your agency’s actions in the plan</Title3> : null}
        {form.actions.map((a) => {
          const i = content.actions.findIndex((x) => x.actionId === a.id);
          const entry = content.actions[i] ?? { actionId: a.id, progress: 'on-track' as const };
          const update = (change: Partial<ReportContent['actions'][number]>) =>
            setContent((c) => ({ ...c, actions: i >= 0 ? c.actions.map((x, j) => (j === i ? { ...x, ...change } : x)) : [...c.actions, { ...entry, ...change }] }));
          return (
            <div key={a.id} role="group" aria-label={a.what} style={{ marginBottom: 8 }}>
              <Field label={`Progress: ${a.what}`} {...v(`actions.${i}.progress`)}>
                <Select value={entry.progress} onChange={(_e, d) => update({ progress: d.value as ReportContent['actions'][number]['progress'] })}>
                  {Object.entries(PROGRESS_WORDS).map(([value, words]) => (
                    <option key={value} value={value}>
                      {words}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={entry.progress === 'blocked' ? 'What is blocking it? (required)' : 'Comment (optional)'} {...v(`actions.${i}.comment`)}>
                <Textarea value={entry.comment ?? ''} onChange={(_e, d) => update({ comment: d.value })} />
              </Field>
            </div>
          );
        })}
        <Field label="How safe is the child now? (0 = not safe at all, 10 = safe enough to close the plan)" {...v('safetyScale')}>
          <Select value={String(content.safetyScale)} onChange={(_e, d) => setContent({ ...content, safetyScale: Number(d.value) })}>
            {Array.from({ length: 11 }, (_, n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </Field>
      </fieldset>
      {notice ? (
        <MessageBar intent={notice.ok ? 'success' : 'error'} role={notice.ok ? 'status' : 'alert'} style={{ marginTop: 12 }}>
          <MessageBarBody>
            {notice.text}
            {theirs ? ' Your text is kept in the form; the version saved by someone else is shown beside each answer that differs. Submit again to save yours.' : ''}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {form.editable ? (
        <div className="cg-actions" style={{ marginTop: 12 }}>
          <Button appearance="primary" type="submit" disabled={busy}>
            {form.report.status === 'submitted' || notice?.ok ? 'Submit the changes' : 'Submit my update'}
          </Button>
          {notice?.ok ? <Button onClick={onReload}>Show what was saved</Button> : null}
          <a href="#/">Back to my core groups</a>
        </div>
      ) : null}
    </form>
  );
}
