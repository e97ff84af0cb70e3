import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Select, Spinner, Text, Title2, Title3 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { ApiClient, fieldProblems, messageOf } from './api';
import { AGENCY_WORDS, ROLE_WORDS } from './words';

interface MemberRow {
  displayName: string;
  email: string;
  agency: string;
  role: string;
}

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => p.charAt(0).toUpperCase())
    .join('')
    .slice(0, 4);

/**
 * Opens a case after the initial conference: the child, the procedure, the ICPC date and the core
 * group's members with their role and agency in words. The server checks roles that run a case
 * against the organisation's staff list; its refusals are shown beside the field they name.
 */
export function NewCasePage({ api }: { api: ApiClient }) {
  const [profiles, setProfiles] = useState<{ id: string; name: string }[] | undefined>();
  const [form, setForm] = useState({ reference: '', childName: '', childInitials: '', profileId: '', icpcDate: '', preBirth: false });
  const [members, setMembers] = useState<MemberRow[]>([
    { displayName: '', email: '', agency: 'childrens-social-care', role: 'chair' },
    { displayName: '', email: '', agency: 'childrens-social-care', role: 'manager' },
  ]);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.get<{ profiles: { id: string; name: string }[] }>('/api/profiles').then(
      (r) => {
        setProfiles(r.profiles);
        setForm((f) => ({ ...f, profileId: f.profileId || r.profiles[0]?.id || '' }));
      },
      () => setProfiles([]),
    );
    api.get<{ person: { displayName: string; email: string } }>('/api/me').then(
      (r) => setMembers((ms) => ms.map((m, i) => (i === 0 && !m.email ? { ...m, displayName: r.person.displayName, email: r.person.email } : m))),
      () => undefined,
    );
  }, [api]);

  const v = (field: string) => (problems[field] ? { validationMessage: problems[field], validationState: 'error' as const } : {});
  const setMember = (i: number, change: Partial<MemberRow>) => setMembers((ms) => ms.map((m, j) => (i === j ? { ...m, ...change } : m)));

  const submit = async () => {
    setBusy(true);
    setProblems({});
    setError(undefined);
    try {
      const created = await api.post<{ id: string }>('/api/cases', {
        ...form,
        members: members.map((m) => ({ person: { displayName: m.displayName, email: m.email }, agency: m.agency, role: m.role })),
      });
      window.location.hash = `#/cases/${created.id}`;
    } catch (e) {
      setProblems(fieldProblems(e));
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (!profiles) return <Spinner label="Loading the procedures" />;
  return (
    <form
      aria-labelledby="new-case-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      style={{ maxWidth: 720 }}
    >
      <Title2 id="new-case-title" as="h1">
        Open a case
      </Title2>
      <Text block>After the initial child protection conference: the child, the procedure and who is in the core group.</Text>
      <Field label="Case reference" required hint="Capital letters, digits, / or -, for example CP-2026-0042" {...v('reference')}>
        <Input value={form.reference} onChange={(_e, d) => setForm({ ...form, reference: d.value.toUpperCase() })} />
      </Field>
      <Field label="Child's full name" required hint="Shown only in this tab, to people allowed to see it" {...v('childName')}>
        <Input value={form.childName} onChange={(_e, d) => setForm({ ...form, childName: d.value, childInitials: initialsOf(d.value) })} />
      </Field>
      <Field label="Child's initials" required hint="Used on cards, invitations and mail instead of the name" {...v('childInitials')}>
        <Input value={form.childInitials} onChange={(_e, d) => setForm({ ...form, childInitials: d.value.toUpperCase() })} />
      </Field>
      <Field label="Procedure" required {...v('profileId')}>
        <Select value={form.profileId} onChange={(_e, d) => setForm({ ...form, profileId: d.value })}>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Date of the initial conference" required {...v('icpcDate')}>
        <Input type="date" value={form.icpcDate} onChange={(_e, d) => setForm({ ...form, icpcDate: d.value })} />
      </Field>
      <Checkbox
        checked={form.preBirth}
        onChange={(_e, d) => setForm({ ...form, preBirth: Boolean(d.checked) })}
        label="Pre-birth plan (the baby is not yet born)"
      />

      <Title3 as="h2">Core group members</Title3>
      {problems.members ? (
        <Text block role="alert" className="cg-late-text">
          {problems.members}
        </Text>
      ) : null}
      <ol className="cg-list">
        {members.map((m, i) => (
          <li key={i}>
            <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
              <legend>Member {i + 1}</legend>
              <div className="cg-actions">
                <Field label="Name" required {...v(`members.${i}.person.displayName`)}>
                  <Input value={m.displayName} onChange={(_e, d) => setMember(i, { displayName: d.value })} />
                </Field>
                <Field label="Email" required {...v(`members.${i}.person.email`)}>
                  <Input type="email" value={m.email} onChange={(_e, d) => setMember(i, { email: d.value })} />
                </Field>
                <Field label="Agency" {...v(`members.${i}.agency`)}>
                  <Select value={m.agency} onChange={(_e, d) => setMember(i, { agency: d.value })} style={{ minWidth: 0 }}>
                    {Object.entries(AGENCY_WORDS).map(([value, words]) => (
                      <option key={value} value={value}>
                        {words}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label="Role" {...v(`members.${i}.role`)}>
                  <Select value={m.role} onChange={(_e, d) => setMember(i, { role: d.value })} style={{ minWidth: 0 }}>
                    {Object.entries(ROLE_WORDS).map(([value, words]) => (
                      <option key={value} value={value}>
                        {words}
                      </option>
                    ))}
                  </Select>
                </Field>
                {members.length > 2 ? (
                  <Button size="small" onClick={() => setMembers((ms) => ms.filter((_, j) => j !== i))} aria-label={`Remove member ${i + 1}`}>
                    Remove
                  </Button>
                ) : null}
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <Button onClick={() => setMembers((ms) => [...ms, { displayName: '', email: '', agency: 'health-visiting', role: 'professional' }])}>
        Add another member
      </Button>
      {error ? (
        <MessageBar intent="error" role="alert" style={{ marginTop: 12 }}>
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div style={{ marginTop: 12 }}>
        <Button appearance="primary" type="submit" disabled={busy}>
          Open the case
        </Button>
      </div>
    </form>
  );
}
