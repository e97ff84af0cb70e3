import { randomUUID } from 'node:crypto';

/** Teams activities as Teams sends them, for HTTP tests of /api/messages. */
export const SERVICE_URL = 'https://smba.trafficmanager.net/uk/';
export const TENANT_ID = '22222222-2222-4222-8222-222222222222';

export function cardActionInvoke(
  verb: string,
  data: Record<string, unknown>,
  from: { id: string; aadObjectId: string; name?: string },
  conversationId = 'a:personal-1',
) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    timestamp: '2026-11-24T10:00:00.000Z',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from,
    recipient: { id: '28:core-groups-bot', name: 'Core Groups' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
