import { Select } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { DEV_USER_KEY, DevUser, devSignInOffered, Fetch } from './api-client';

/**
 * Dev sign-in as a page holds it: whether the server offers it (null while asking, undefined when
 * it does not: production), who is chosen (remembered across pages), and how to choose.
 */
export function useDevSignIn(fetchImpl: Fetch, ask = true) {
  const [devUsers, setDevUsers] = useState<DevUser[] | undefined | null>(ask ? null : undefined);
  const [devUser, setDevUser] = useState<string | undefined>(() => localStorage.getItem(DEV_USER_KEY) ?? undefined);
  useEffect(() => {
    if (ask) void devSignInOffered(fetchImpl).then(setDevUsers);
  }, [fetchImpl, ask]);
  const choose = (id: string) => {
    localStorage.setItem(DEV_USER_KEY, id);
    setDevUser(id);
  };
  return { devUsers, devUser, choose };
}

/** The "acting as" picker shown in local mode, clearly marked as dev sign-in. */
export function DevUserPicker({
  devUsers,
  devUser,
  choose,
  width,
}: {
  devUsers: DevUser[];
  devUser?: string;
  choose: (id: string) => void;
  width?: number | string;
}) {
  return (
    <>
      <label htmlFor="dev-user">
        <strong>Local mode — dev sign-in.</strong> Acting as:{' '}
      </label>
      <Select
        id="dev-user"
        value={devUser ?? ''}
        onChange={(_e, d) => choose(d.value)}
        style={{ minWidth: 0, width: width ?? '100%', maxWidth: '100%', marginTop: 4 }}
      >
        <option value="" disabled>
          Choose a demo person…
        </option>
        {devUsers.map((u) => (
          <option key={u.id} value={u.id}>
            {u.displayName} — {u.role}
          </option>
        ))}
      </Select>
    </>
  );
}
