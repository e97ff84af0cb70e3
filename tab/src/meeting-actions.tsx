import { Button, Field, Input, Select, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiClient, fieldProblems, messageOf } from './api';
import { CaseDetail } from './api-types';
import { ATTENDANCE_WORDS, roleWords, updatesWords } from './words';
import { Said, SaidBar } from './said-bar';

/**
 * Cancels a core group: only in exceptional circumstances, so the reason is asked for first (at
 * least 10 characters, checked here and by the server). Every attendee is sent the cancellation and
 * a replacement core group is planned.
 */
export function CancelMeeting({ api, meetingId, number, onCancelled }: { api: ApiClient; meetingId: string; number: number; onCancelled: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <Button size="small" onClick={() => setOpen(true)} aria-label={`Cancel core group ${number}`}>
        Cancel…
      </Button>
    );
  }
  const cancel = async () => {
    setProblem(undefined);
    setError(undefined);
    if (reason.trim().length < 10) {
      setProblem('Core groups are cancelled only in exceptional circumstances: say why (at least 10 characters).');
      return;
    }
    setBusy(true);
    try {
      await api.post(`/api/meetings/${meetingId}/cancellation`, { reason: reason.trim() });
      onCancelled();
    } catch (e) {
      const p = fieldProblems(e);
      if (p.reason) setProblem(`The reason ${p.reason}`);
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div role="group" aria-label={`Cancel core group ${number}`} style={{ marginTop: 8, maxWidth: 520 }}>
      <Field
        label={`Why is core group ${number} cancelled? (required)`}
        required
        validationMessage={problem}
        validationState={problem ? 'error' : 'none'}
        hint="Every member is sent the cancellation, and a new core group is planned in its place."
      >
        <Textarea value={reason} onChange={(_e, d) => setReason(d.value)} resize="vertical" />
      </Field>
      {error ? (
        <Text block role="alert">
          {error}
        </Text>
      ) : null}
      <div className="cg-actions" style={{ marginTop: 8 }}>
        <Button appearance="primary" disabled={busy} onClick={() => void cancel()}>
          Cancel core group {number}
        </Button>
        <Button onClick={() => setOpen(false)}>Keep it</Button>
      </div>
    </div>
  );
}

type Status = 'attended' | 'apologies' | 'absent';

/** Records a core group as held, on a day, with who attended, sent apologies or was absent. */
export function RecordHeld({
  api,
  meetingId,
  number,
  today,
  members,
  onDone,
}: {
  api: ApiClient;
  meetingId: string;
  number: number;
  today: string;
  members: CaseDetail['members'];
  onDone: () => void;
}) {
  const present = members.filter((m) => !m.excluded);
  const [open, setOpen] = useState(false);
  const [heldOn, setHeldOn] = useState(today);
  const [attendance, setAttendance] = useState<Record<string, Status>>(() => Object.fromEntries(present.map((m) => [m.memberId, 'attended' as Status])));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  if (!open) {
    return (
      <Button size="small" onClick={() => setOpen(true)} aria-label={`Record held: core group ${number}`}>
        Record held…
      </Button>
    );
  }
  const save = async () => {
    setProblems({});
    setError(undefined);
    try {
      await api.post(`/api/meetings/${meetingId}/held`, {
        heldOn,
        attendance: present.map((m) => ({ memberId: m.memberId, status: attendance[m.memberId] ?? 'attended' })),
      });
      onDone();
    } catch (e) {
      setProblems(fieldProblems(e));
      setError(messageOf(e));
    }
  };
  return (
    <div role="group" aria-label={`Record core group ${number} as held`} style={{ marginTop: 8 }}>
      <Field label="Held on" validationMessage={problems.heldOn} validationState={problems.heldOn ? 'error' : 'none'}>
        <Input type="date" value={heldOn} onChange={(_e, d) => setHeldOn(d.value)} />
      </Field>
      {present.map((m) => (
        <Field key={m.memberId} label={`${m.displayName} (${roleWords(m.role)})`}>
          <Select value={attendance[m.memberId]} onChange={(_e, d) => setAttendance((a) => ({ ...a, [m.memberId]: d.value as Status }))}>
            {Object.entries(ATTENDANCE_WORDS).map(([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ))}
          </Select>
        </Field>
      ))}
      {error ? (
        <Text block role="alert">
          {error}
        </Text>
      ) : null}
      <div className="cg-actions" style={{ marginTop: 8 }}>
        <Button appearance="primary" onClick={() => void save()}>
          Record core group {number} as held
        </Button>
        <Button onClick={() => setOpen(false)}>Not now</Button>
      </div>
    </div>
  );
}

/** Asks every professional for their written update before the core group. */
export function RequestUpdates({
  api,
  meetingId,
  number,
  members,
  onDone,
}: {
  api: ApiClient;
  meetingId: string;
  number: number;
  members: CaseDetail['members'];
  onDone?: () => void;
}) {
  const [said, setSaid] = useState<Said | undefined>();
  const ask = async () => {
    try {
      // Everyone who owes one is asked once (asking again sends nobody a second card): say where each stands.
      const reports = await api.post<{ memberId: string; status: string }[]>(`/api/meetings/${meetingId}/report-requests`, {});
      const updates = reports.map((r) => ({ memberId: r.memberId, submitted: r.status === 'submitted' }));
      setSaid({
        ok: true,
        text: updates.length
          ? `Core group ${number}: ${updatesWords(updates, members)} Each has been asked in Teams (once: asking again sends no second card).`
          : `Nobody on this case owes a written update for core group ${number}.`,
      });
      onDone?.();
    } catch (e) {
      setSaid({ ok: false, text: messageOf(e) });
    }
  };
  return (
    <>
      <Button size="small" onClick={() => void ask()} aria-label={`Request updates for core group ${number}`}>
        Request updates
      </Button>
      <SaidBar said={said} marginTop={4} />
    </>
  );
}
