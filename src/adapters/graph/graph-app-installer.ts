import { Client } from '@microsoft/microsoft-graph-client';
import { AppInstaller } from '../../ports/messenger';
import { graphFailure } from './graph-errors';

/**
 * Installs Core Groups in a member's personal scope through Graph
 * (TeamsAppInstallation.ReadWriteSelfForUser.All), so their cards can arrive though they never
 * opened the app. Already installed (409) is success.
 */
export function graphAppInstaller(client: Client, graphBaseUrl: string, catalogAppId: string): AppInstaller {
  return {
    async installFor(entraObjectId) {
      try {
        await client
          .api(`/users/${encodeURIComponent(entraObjectId)}/teamwork/installedApps`)
          .post({ 'teamsApp@odata.bind': `${graphBaseUrl.replace(/\/$/, '')}/v1.0/appCatalogs/teamsApps/${catalogAppId}` });
      } catch (e) {
        if ((e as { statusCode?: number }).statusCode === 409) return;
        throw graphFailure(e, 'install');
      }
    },
  };
}
