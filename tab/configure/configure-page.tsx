import { FluentProvider, Radio, RadioGroup, Spinner, Text, Title3, teamsLightTheme } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { DevUserPicker, useDevSignIn } from '../common/dev-sign-in';
import { apiClient, Credentials, devCredentials, explain, Fetch } from '../outlook/api';
import type { CaseAtAGlance, Me, MyWork } from '../outlook/api-types';
import { caseChosen, registerSave } from './case-tab-config';

export interface ConfigurePageProps {
  /** Teams SSO, used when the server does not offer dev sign-in (production). */
  readonly teamsCredentials: Credentials;
  readonly origin: string;
  readonly fetchImpl?: Fetch;
}

/**
 * The group chat tab's configuration page (/configure): the chair picks one of their own cases; Save
 * (Teams' button) adds a tab showing it. Chosen by reference and initials, never the child's name.
 */
export function ConfigurePage({ teamsCredentials, origin, fetchImpl = fetch }: ConfigurePageProps) {
  const { devUsers, devUser, choose: chooseDevUser } = useDevSignIn(fetchImpl);
  const [cases, setCases] = useState<CaseAtAGlance[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [chosenId, setChosenId] = useState<string | undefined>();
  const chosen = useRef<CaseAtAGlance | undefined>(undefined);

  useEffect(() => {
    caseChosen(undefined);
    registerSave(origin, () => chosen.current);
  }, [fetchImpl, origin]);

  const api = useMemo(
    () =>
      devUsers === null ? undefined : devUsers ? (devUser ? apiClient(devCredentials(devUser), fetchImpl) : undefined) : apiClient(teamsCredentials, fetchImpl),
    [devUsers, devUser, fetchImpl, teamsCredentials],
  );

  useEffect(() => {
    if (!api) return;
    setCases(undefined);
    Promise.all([api.get<Me>('/api/me'), api.get<MyWork>('/api/me/work')]).then(
      ([me, work]) => setCases(work.cases.filter((c) => c.socialWorkerId === me.person.id)),
      (e: unknown) => setProblem(explain(e)),
    );
  }, [api]);

  const choose = (caseId: string) => {
    const c = cases?.find((x) => x.caseId === caseId);
    chosen.current = c;
    setChosenId(c?.caseId);
    caseChosen(c);
  };

  return (
    <FluentProvider theme={teamsLightTheme} style={{ padding: 16, minHeight: '100vh' }}>
      <Title3 as="h1">Show a case in this chat</Title3>
      {devUsers && (
        <p>
          <DevUserPicker devUsers={devUsers} devUser={devUser} choose={chooseDevUser} width={340} />
        </p>
      )}
      {problem ? (
        <Text>{problem}</Text>
      ) : !api ? (
        devUsers === null ? (
          <Spinner label="Signing you in…" />
        ) : (
          <Text>Choose who to act as above.</Text>
        )
      ) : !cases ? (
        <Spinner label="Loading your cases…" />
      ) : cases.length === 0 ? (
        <Text>You chair no cases, so there is none to show here.</Text>
      ) : (
        <RadioGroup aria-label="Your cases" value={chosenId ?? ''} onChange={(_e, d) => choose(d.value)}>
          {cases.map((c) => (
            <Radio key={c.caseId} value={c.caseId} label={`${c.reference} (${c.childInitials})`} />
          ))}
        </RadioGroup>
      )}
      <Text as="p" size={200}>
        Everyone in the chat will see the case's timeline and deadlines: link only the case's own core group chat.
      </Text>
    </FluentProvider>
  );
}
