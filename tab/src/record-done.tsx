import { Button, Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiClient, fieldProblems, messageOf } from './api';
import { Said, SaidBar } from './said-bar';

/** What the chair records by hand, in words (the case says which obligations may be: `recordByHand`). */
const WHAT: Record<string, { button: string; field: string }> = {
  'child-seen': { button: 'Record the visit', field: 'Day the child was seen' },
  'conference-record': { button: 'Record it received', field: 'Day the record was received' },
};

/** Records an obligation done on a day: a visit where the child was seen, or a conference's record received. */
export function RecordDone({
  api,
  caseId,
  obligationId,
  kind,
  today,
  onDone,
}: {
  api: ApiClient;
  caseId: string;
  obligationId: string;
  kind: string;
  today: string;
  onDone: () => void;
}) {
  const words = WHAT[kind];
  const [on, setOn] = useState(today);
  const [problem, setProblem] = useState<string | undefined>();
  const [said, setSaid] = useState<Said | undefined>();
  if (!words) return null;
  const save = async () => {
    setProblem(undefined);
    setSaid(undefined);
    try {
      await api.post(`/api/cases/${caseId}/obligations/${encodeURIComponent(obligationId)}/done`, { on });
      onDone();
    } catch (e) {
      const fields = fieldProblems(e);
      if (fields.on) setProblem(fields.on);
      else setSaid({ ok: false, text: messageOf(e) });
    }
  };
  return (
    <div className="cg-actions cg-no-print" style={{ marginTop: 8, alignItems: 'end' }}>
      <Field label={words.field} validationMessage={problem} validationState={problem ? 'error' : 'none'}>
        <Input type="date" value={on} max={today} onChange={(_e, d) => setOn(d.value)} />
      </Field>
      <Button size="small" onClick={() => void save()}>
        {words.button}
      </Button>
      <SaidBar said={said} marginTop={4} />
    </div>
  );
}
