/// <reference types="office-js" />

import { ApiError, Credentials } from '../common/api-client';

export { ApiError, apiClient, DEV_USER_KEY, devCredentials, devSignInOffered } from '../common/api-client';
export type { ApiClient, Credentials, DevUser, Fetch } from '../common/api-client';

/**
 * How the add-in proves who it is to the same API the tab uses: Office single sign-on (a token for
 * the same Entra app and audience as the tab's Teams SSO token, so the server's one validator checks
 * both), or, when the server runs in local mode, the demo person chosen in dev sign-in (the same
 * X-Dev-User header the tab sends, remembered under the tab's key).
 *
 * Office SSO: Outlook asks Entra for a token for Core Groups' app registration (prompting only if it must).
 */
export const officeCredentials = (office: Pick<typeof Office, 'auth'>): Credentials => ({
  headers: async () => ({
    authorization: `Bearer ${await office.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true, forMSGraphAccess: false })}`,
  }),
});

/** What to tell the person about a refusal, in the server's words where it gave them. */
export function explain(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403)
      return `${error.body.error.message} Only the chair, vice chair, manager or business support can set up its core groups from Outlook.`;
    return error.body.error.message;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}
