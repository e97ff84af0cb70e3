import { Button, Checkbox, Field, Input, Spinner, Text, Title2, Title3, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiClient, fieldProblems, messageOf } from './api';
import { StaffEntry, StaffRole } from './api-types';
import { useLoad } from './use-load';
import { Said, SaidBar } from './said-bar';

/** The organisation's roles, in words, with what each lets someone be on a case. */
const ROLES: { role: StaffRole; words: string; lets: string }[] = [
  { role: 'social-worker', words: 'Social worker', lets: 'can chair a case, or be its vice chair' },
  { role: 'team-manager', words: 'Team manager', lets: 'can manage a case (approve minutes), chair it or be its vice chair' },
  { role: 'business-support', words: 'Business support', lets: 'can book meetings and send updates on behalf of others' },
  { role: 'iro', words: 'Independent Reviewing Officer', lets: 'can be a case’s IRO' },
  { role: 'administrator', words: 'Core Groups administrator', lets: 'keeps this list' },
];
const wordsOf = (role: StaffRole) => ROLES.find((r) => r.role === role)?.words ?? role;

/**
 * The organisation's staff list, for its administrators: who may chair, manage, support or review
 * a case. A case role that carries authority is checked against it, so a manager who needs a vice
 * chair for a sick colleague's case adds the colleague here first (or asks an administrator to).
 */
export function StaffPage({ api }: { api: ApiClient }) {
  const [version, setVersion] = useState(0);
  const { data, error, loading } = useLoad(() => api.get<StaffEntry[]>('/api/staff'), [api, version]);
  const [editing, setEditing] = useState<{ email: string; roles: StaffRole[]; known: boolean }>({ email: '', roles: [], known: false });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [said, setSaid] = useState<Said | undefined>();
  if (loading && !data) return <Spinner label="Loading the staff list" />;
  if (error) return <Text role="alert">{error.message}</Text>;
  if (!data) return null;

  const save = async () => {
    setProblems({});
    setSaid(undefined);
    const email = editing.email.trim();
    if (!email) {
      setProblems({ email: 'Enter their work email address.' });
      return;
    }
    try {
      const saved = await api.put<{ email: string; roles: StaffRole[] }>(`/api/staff/${encodeURIComponent(email)}`, { roles: editing.roles });
      setSaid({
        ok: true,
        text: saved.roles.length ? `Saved: ${saved.email} is ${saved.roles.map(wordsOf).join(', ')}.` : `Saved: ${saved.email} is no longer on the list.`,
      });
      setEditing({ email: '', roles: [], known: false });
      setVersion((v) => v + 1);
    } catch (e) {
      setProblems(fieldProblems(e));
      setSaid({ ok: false, text: messageOf(e) });
    }
  };
  const rolesProblem = Object.entries(problems).find(([field]) => field.startsWith('roles'))?.[1];
  const toggle = (role: StaffRole, on: boolean) => setEditing((e) => ({ ...e, roles: on ? [...e.roles, role] : e.roles.filter((r) => r !== role) }));

  return (
    <section aria-labelledby="staff">
      <Title2 id="staff" as="h1">
        Staff list
      </Title2>
      <Text block>
        Who the organisation says each person is. Only people listed here can chair a case, be its vice chair or manager, give business support or be its IRO.
      </Text>
      <div className="cg-scroll">
        <table className="cg-table cg-stack" style={{ borderCollapse: 'collapse', marginTop: 12 }}>
          <thead>
            <tr>
              <th scope="col" style={{ textAlign: 'left', paddingRight: 16 }}>
                Person
              </th>
              <th scope="col" style={{ textAlign: 'left', paddingRight: 16 }}>
                Roles
              </th>
              <th scope="col" style={{ textAlign: 'left' }}>
                <span className="cg-visually-hidden">Change</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((s) => (
              <tr key={s.email}>
                <td data-label="Person" style={{ paddingRight: 16 }} className="cg-wrap">
                  {s.displayName ? `${s.displayName} (${s.email})` : s.email}
                </td>
                <td data-label="Roles" style={{ paddingRight: 16 }}>
                  {s.roles.map(wordsOf).join(', ')}
                </td>
                <td>
                  <Button
                    size="small"
                    onClick={() => {
                      setEditing({ email: s.email, roles: [...s.roles], known: true });
                      // The form is below the list (on a phone, out of sight): focus brings it into view, and says where they are.
                      document.getElementById('staff-edit')?.focus();
                    }}
                  >
                    Change {s.displayName ?? s.email}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div role="group" aria-labelledby="staff-edit" style={{ maxWidth: 560, marginTop: 16 }}>
        <Title3 id="staff-edit" as="h2" className="cg-wrap" tabIndex={-1}>
          {editing.known ? `Change ${editing.email}` : 'Add someone'}
        </Title3>
        <Field
          label="Work email"
          required
          hint="Their name shows here once they are on a case or have signed in to Core Groups."
          validationMessage={problems.email}
          validationState={problems.email ? 'error' : 'none'}
        >
          <Input type="email" value={editing.email} disabled={editing.known} onChange={(_e, d) => setEditing((e) => ({ ...e, email: d.value }))} />
        </Field>
        <fieldset style={{ border: 0, padding: 0, margin: '8px 0 0' }} aria-describedby={rolesProblem ? 'staff-roles-problem' : undefined}>
          <legend>
            <Text weight="semibold">Roles</Text>
          </legend>
          {ROLES.map((r) => (
            <Checkbox
              key={r.role}
              checked={editing.roles.includes(r.role)}
              onChange={(_e, d) => toggle(r.role, d.checked === true)}
              label={`${r.words}: ${r.lets}`}
              style={{ display: 'flex' }}
            />
          ))}
          {rolesProblem ? (
            <Text block id="staff-roles-problem" style={{ color: tokens.colorPaletteRedForeground1 }}>
              {rolesProblem}
            </Text>
          ) : null}
        </fieldset>
        <SaidBar said={said} marginTop={8} />
        <div className="cg-actions" style={{ marginTop: 8 }}>
          <Button appearance="primary" onClick={() => void save()}>
            {editing.known && editing.roles.length === 0 ? 'Take them off the list' : 'Save'}
          </Button>
          {editing.known ? <Button onClick={() => setEditing({ email: '', roles: [], known: false })}>Not now</Button> : null}
        </div>
      </div>
    </section>
  );
}
