import { FluentProvider, Link, MessageBar, MessageBarBody, Select, teamsLightTheme, Text, webLightTheme } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { apiClient, Credentials, devCredentials, Fetch, teamsCredentials } from './api';
import { DevUser } from './api-types';
import { CasePage } from './case-page';
import { MinutesPage } from './minutes-page';
import { MyWorkPage } from './my-work-page';
import { TeamPage } from './team-page';

/** The hash route: #/, #/team, #/cases/<id>, #/minutes/<id>. */
function useRoute(): string[] {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash.replace(/^#\/?/, '').split('?')[0]?.split('/').filter(Boolean) ?? [];
}

const DEV_USER_KEY = 'core-groups.dev-user';

export interface AppProps {
  readonly inTeams: boolean;
  readonly fetchImpl?: Fetch;
}

/**
 * The tab. Inside Teams (or Outlook) it signs in with the Teams SSO token; in local mode it offers
 * dev sign-in as one of the demo people, clearly marked as such.
 */
export function App({ inTeams, fetchImpl = fetch }: AppProps) {
  const route = useRoute();
  const [devUsers, setDevUsers] = useState<DevUser[] | undefined>();
  const [devUser, setDevUser] = useState<string | undefined>(() => localStorage.getItem(DEV_USER_KEY) ?? undefined);

  useEffect(() => {
    if (inTeams) return;
    fetchImpl('/api/dev/users').then(
      async (res) => (res.ok ? setDevUsers(((await res.json()) as { people: DevUser[] }).people) : setDevUsers([])),
      () => setDevUsers([]),
    );
  }, [inTeams, fetchImpl]);

  const credentials: Credentials | undefined = inTeams ? teamsCredentials : devUser ? devCredentials(devUser) : undefined;
  // Recreated only when who is signed in changes, so pages do not reload on every render.
  const api = useMemo(() => (credentials ? apiClient(credentials, fetchImpl) : undefined), [inTeams, devUser, fetchImpl]);

  const choose = (id: string) => {
    localStorage.setItem(DEV_USER_KEY, id);
    setDevUser(id);
  };

  return (
    <FluentProvider theme={inTeams ? teamsLightTheme : webLightTheme} style={{ padding: 16, minHeight: '100vh' }}>
      {!inTeams && devUsers && devUsers.length > 0 && (
        <MessageBar intent="warning" style={{ marginBottom: 12 }}>
          <MessageBarBody>
            <label htmlFor="dev-user">
              <strong>Local mode — dev sign-in.</strong> Acting as:{' '}
            </label>
            <Select id="dev-user" value={devUser ?? ''} onChange={(_e, d) => choose(d.value)} style={{ display: 'inline-block', minWidth: 280 }}>
              <option value="" disabled>
                Choose a demo person…
              </option>
              {devUsers.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName} — {u.role}
                </option>
              ))}
            </Select>
          </MessageBarBody>
        </MessageBar>
      )}
      <nav aria-label="Core Groups" style={{ display: 'flex', gap: 16, marginBottom: 16 }}>
        <Link href="#/">My core groups</Link>
        <Link href="#/team">Team compliance</Link>
      </nav>
      <main>
        {!api ? (
          <Text>{inTeams ? 'Signing you in…' : 'Choose who to act as above.'}</Text>
        ) : route[0] === 'cases' && route[1] ? (
          <CasePage api={api} caseId={route[1]} />
        ) : route[0] === 'minutes' && route[1] ? (
          <MinutesPage api={api} minutesId={route[1]} />
        ) : route[0] === 'team' ? (
          <TeamPage api={api} />
        ) : (
          <MyWorkPage api={api} />
        )}
      </main>
    </FluentProvider>
  );
}
