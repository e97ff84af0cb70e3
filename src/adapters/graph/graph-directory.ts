import { Client } from '@microsoft/microsoft-graph-client';
import { Directory, DirectoryUser } from '../../ports/directory';
import { graphFailure } from './graph-errors';

type GraphUser = { id: string; displayName?: string; mail?: string | null; userPrincipalName?: string };
const toUser = (u: GraphUser): DirectoryUser => ({ entraObjectId: u.id, displayName: u.displayName ?? u.mail ?? u.id, email: (u.mail ?? u.userPrincipalName ?? '').toLowerCase() });
const notFound = (e: unknown) => (e as { statusCode?: number }).statusCode === 404;

/** The directory through Graph (User.Read.All, application). Someone not found is outside the tenant. */
export function graphDirectory(client: Client): Directory {
  return {
    async findByEmail(email) {
      try {
        return toUser((await client.api(`/users/${encodeURIComponent(email)}`).select(['id', 'displayName', 'mail', 'userPrincipalName']).get()) as GraphUser);
      } catch (e) {
        if (notFound(e)) return undefined;
        throw graphFailure(e, 'directory');
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
