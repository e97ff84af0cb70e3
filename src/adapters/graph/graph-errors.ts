import { DeliveryError } from '../../ports/messenger';

/** The least-privilege permission each kind of call needs (docs/graph-permissions.md). */
export const PERMISSION_FOR = {
  calendar: 'Calendars.ReadWrite (application), limited to the chairs’ mailboxes by an application access policy',
  schedule: 'Calendars.ReadBasic.All or Calendars.Read (application) for free/busy',
  mail: 'Mail.Send and Mail.ReadWrite (application), limited to the sending mailbox by an application access policy',
  directory: 'User.Read.All (application)',
  people: 'User.ReadBasic.All (delegated: looked up on behalf of the signed-in chair)',
  install: 'TeamsAppInstallation.ReadWriteSelfForUser.All (application)',
  activity: 'TeamsActivity.Send (application)',
} as const;

/**
 * Graph's failures as delivery outcomes: 401/403 name the permission to grant (retrying cannot help);
 * 429/5xx carry their status and Retry-After so the outbox backs off; 400 is a bug in our request.
 */
export function graphFailure(e: unknown, need: keyof typeof PERMISSION_FOR): DeliveryError {
  const err = e as { statusCode?: number; code?: string; message?: string; headers?: { get?: (h: string) => string | null } };
  const status = err.statusCode;
  if (status === 401 || status === 403) {
    return new DeliveryError(`Microsoft Graph refused the call (${status} ${err.code ?? ''}): grant the app ${PERMISSION_FOR[need]}.`, status, undefined, true);
  }
  const retryAfter = Number(err.headers?.get?.('retry-after'));
  if (status === 400) return new DeliveryError(`Microsoft Graph rejected the request: ${err.message ?? 'bad request'}`, 400, undefined, true);
  return new DeliveryError(`Microsoft Graph call failed: ${err.message ?? String(e)}`, status, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined);
}
