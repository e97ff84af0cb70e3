import { Badge, Button, Field, MessageBar, MessageBarBody, Spinner, Text, Textarea, Title2, Title3 } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiClient, ApiError } from './api';
import { MINUTES_SECTIONS, MinutesSectionKey, MinutesView } from './api-types';
import { TheirVersion } from './clash';
import { day } from './format';
import { MinutesDecision } from './minutes-decision';
import { usePrintLine } from './print';
import { useLoad } from './use-load';
import { minutesStatusWords } from './words';

type Sections = Record<MinutesSectionKey, string>;

/**
 * A core group's minutes. Their writers edit and submit them while they are a draft or have been
 * returned (saves are refused, not merged, if someone else saved first); the case's manager decides
 * on submitted ones; anyone else allowed to read them sees them as they stand.
 */
export function MinutesPage({ api, minutesId }: { api: ApiClient; minutesId: string }) {
  const [reloads, setReloads] = useState(0);
  // Said after a submission, above the minutes read again (their status then is what the badge shows).
  const [said, setSaid] = useState<string | undefined>();
  const { data, error, loading } = useLoad(() => api.get<MinutesView>(`/api/minutes/${minutesId}`), [api, minutesId, reloads]);
  const reload = () => setReloads((n) => n + 1);
  /** Says what was done, above the minutes read again. */
  const done = (text: string) => {
    setSaid(text);
    reload();
  };
  usePrintLine(data ? `${data.case.reference} core group ${data.meetingNumber}${data.heldOn ? ` · held ${day(data.heldOn)}` : ''}` : undefined);
  if (loading && !data) return <Spinner label="Loading the minutes" />;
  if (error) return <Text role="alert">{error.message}</Text>;
  if (!data) return null;
  const { minutes } = data;
  return (
    <article aria-labelledby="minutes-title">
      <Title2 id="minutes-title" as="h1">
        Core group {data.meetingNumber} minutes — {data.case.reference} ({data.case.childInitials})
      </Title2>
      <Text block>
        Written by {data.authorName} · <Badge appearance="outline">{minutesStatusWords(minutes.status)}</Badge> ·{' '}
        <a href={`#/cases/${data.case.id}`}>Open the case</a>
      </Text>
      {said ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{said}</MessageBarBody>
        </MessageBar>
      ) : null}
      {minutes.status === 'returned' && minutes.returnComments ? (
        <MessageBar intent="warning">
          <MessageBarBody>Returned by the manager: {minutes.returnComments}</MessageBarBody>
        </MessageBar>
      ) : null}
      {data.canEdit ? (
        <MinutesEditor
          key={minutes.version}
          api={api}
          view={data}
          onReload={reload}
          onSubmitted={() => done("Submitted. The case's manager has been sent them to approve in Teams.")}
        />
      ) : (
        <>
          {MINUTES_SECTIONS.map(([key, label]) =>
            minutes.sections[key] ? (
              <section key={key} aria-label={label}>
                <Title3 as="h2">{label}</Title3>
                <Text block style={{ whiteSpace: 'pre-wrap' }}>
                  {minutes.sections[key]}
                </Text>
              </section>
            ) : null,
          )}
          {data.canDecide ? <MinutesDecision api={api} minutesId={minutes.id} headingLevel="h2" onDecided={done} /> : null}
        </>
      )}
    </article>
  );
}

function MinutesEditor({ api, view, onReload, onSubmitted }: { api: ApiClient; view: MinutesView; onReload: () => void; onSubmitted: () => void }) {
  const [sections, setSections] = useState<Sections>(view.minutes.sections);
  const [version, setVersion] = useState(view.minutes.version);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string; conflict?: boolean } | undefined>();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<MinutesSectionKey, string>>>({});
  const [theirs, setTheirs] = useState<{ version: number; sections: Sections } | undefined>();

  const failed = (e: unknown) => {
    if (!(e instanceof ApiError)) return setNotice({ intent: 'error', text: (e as Error).message });
    const errors: Partial<Record<MinutesSectionKey, string>> = {};
    for (const f of e.body.error.fields ?? []) {
      const key = f.field.replace(/^sections\./, '') as MinutesSectionKey;
      if (MINUTES_SECTIONS.some(([k]) => k === key)) errors[key] = f.problem;
    }
    setFieldErrors(errors);
    setNotice({ intent: 'error', text: e.body.error.message, conflict: e.status === 409 });
    if (e.status === 409) {
      // Someone saved first: fetch their version to show beside each section that differs. What this
      // person typed stays in the form; nothing is discarded or merged behind their back.
      api.get<MinutesView>(`/api/minutes/${view.minutes.id}`).then(
        (latest) => setTheirs({ version: latest.minutes.version, sections: latest.minutes.sections }),
        () => undefined,
      );
    }
  };

  /** Saves what is on screen; resolves to the saved version, or undefined if the save was refused. */
  const save = async (over?: number): Promise<number | undefined> => {
    const saved = await api.put<{ version: number }>(`/api/minutes/${view.minutes.id}`, { expectedVersion: over ?? version, sections });
    setVersion(saved.version);
    setDirty(false);
    setTheirs(undefined);
    return saved.version;
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setNotice(undefined);
    setFieldErrors({});
    try {
      await work();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-label="Edit the minutes"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await save();
          setNotice({ intent: 'success', text: 'Saved.' });
        });
      }}
    >
      {MINUTES_SECTIONS.map(([key, label]) => (
        <div key={key}>
          <Field label={label} {...(fieldErrors[key] ? { validationMessage: fieldErrors[key], validationState: 'error' as const } : {})}>
            <Textarea
              value={sections[key]}
              resize="vertical"
              onChange={(_, d) => {
                setSections((s) => ({ ...s, [key]: d.value }));
                setDirty(true);
              }}
            />
          </Field>
          {theirs && theirs.sections[key] !== sections[key] ? (
            <TheirVersion
              label={label}
              text={theirs.sections[key]}
              onUse={() => {
                setSections((s) => ({ ...s, [key]: theirs.sections[key] }));
                setDirty(true);
              }}
            />
          ) : null}
        </div>
      ))}
      {notice ? (
        <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>
            {notice.text}
            {notice.conflict ? (
              <>
                {' '}
                Your unsaved text is kept in the form; the version saved by someone else is shown beside each section that differs.{' '}
                {theirs ? (
                  <Button
                    appearance="primary"
                    size="small"
                    onClick={() =>
                      void run(async () => {
                        await save(theirs.version);
                        setNotice({ intent: 'success', text: 'Saved your version.' });
                      })
                    }
                  >
                    Save my version over theirs
                  </Button>
                ) : null}{' '}
                <Button size="small" onClick={onReload}>
                  Discard mine and load theirs
                </Button>
              </>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Button type="submit" disabled={busy || !dirty}>
        Save
      </Button>{' '}
      <Button
        appearance="primary"
        disabled={busy}
        onClick={() =>
          void run(async () => {
            const current = dirty ? await save() : version;
            await api.post(`/api/minutes/${view.minutes.id}/submission`, { expectedVersion: current });
            onSubmitted();
          })
        }
      >
        Submit for approval
      </Button>
    </form>
  );
}
