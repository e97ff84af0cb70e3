import { Client } from '@microsoft/microsoft-graph-client';
import { ActivityFeed } from '../../ports/activity-feed';
import { teamsTabDeepLink } from '../teams/tab-deep-link';
import { graphFailure } from './graph-errors';

/**
 * Teams activity-feed notifications through Graph (sendActivityNotification on the user's
 * teamwork, application permission TeamsActivity.Send). The topic is a deep link into the app's
 * personal tab, opened at the page the notification is about.
 */
export function graphActivityFeed(client: Client, teamsAppId: string): ActivityFeed {
  return {
    async notify(n) {
      const webUrl = teamsTabDeepLink(teamsAppId, n.tabPath);
      try {
        await client.api(`/users/${encodeURIComponent(n.recipientEntraObjectId)}/teamwork/sendActivityNotification`).post({
          topic: { source: 'text', value: 'Core Groups', webUrl },
          activityType: n.activityType,
          previewText: { content: n.previewText },
          templateParameters: Object.entries(n.templateParameters).map(([name, value]) => ({ name, value: String(value) })),
        });
      } catch (e) {
        throw graphFailure(e, 'activity');
      }
    },
  };
}
