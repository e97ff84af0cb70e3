import { Client } from '@microsoft/microsoft-graph-client';
import { Directory, DirectoryUser } from '../../ports/directory';
import { graphFailure } from './graph-errors';

type GraphUser = { id: string; displayName?: string; mail?: string | null; userPrincipalName?: string };
const toUser = (u: GraphUser): DirectoryUser => ({
  entraObjectId: u.id,
  displayName: u.displayName ?? u.mail ?? u.id,
  email: (u.mail ?? u.userPrincipalName ?? '').toLowerCase(),
});
const notFound = (e: unknown) => (e as { statusCode?: number }).statusCode === 404;

/**
 * The directory through Graph. Someone not found is outside the tenant. With an app-only client it
 * needs User.Read.All; with an on-behalf-of client, finding people needs only User.ReadBasic.All.
 */
export function graphDirectory(client: Client, need: 'directory' | 'people' = 'directory'): Directory {
  return {
    async findByEmail(email) {
      try {
        return toUser(
          (await client
            .api(`/users/${encodeURIComponent(email)}`)
            .select(['id', 'displayName', 'mail', 'userPrincipalName'])
            .get()) as GraphUser,
        );
      } catch (e) {
        if (notFound(e)) return undefined;
        throw graphFailure(e, need);
      }
    },
    async managerOf(entraObjectId) {
      try {
        return toUser((await client.api(`/users/${encodeURIComponent(entraObjectId)}/manager`).get()) as GraphUser);
      } catch (e) {
        if (notFound(e)) return undefined;
        throw graphFailure(e, 'directory');
      }
    },
  };
}
