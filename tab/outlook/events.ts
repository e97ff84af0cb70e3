/// <reference types="office-js" />
import { EXTENSION_ACTION_IDS } from '../../manifest/declared';
import { ApiClient, apiClient, DEV_USER_KEY, devCredentials, devSignInOffered, officeCredentials } from './api';
import { onAppointmentTimeChanged } from './office';

/**
 * The add-in's event runtime: built on its own into /outlook/events.js as a classic script (no
 * modules, no DOM needed), loaded by /outlook/events.html in Outlook on the web, new Outlook and Mac,
 * and run directly by classic Outlook on Windows. It registers the appointmentTimeChanged handler
 * under the manifest's action id.
 */

/** The API that linked the appointment (its origin is kept on the item), signed in as the pane is. */
async function apiFor(origin: string): Promise<ApiClient> {
  const base = origin || (typeof location !== 'undefined' ? location.origin : '');
  const dev = await devSignInOffered(fetch, base);
  const user = dev && typeof localStorage !== 'undefined' ? localStorage.getItem(DEV_USER_KEY) : null;
  return apiClient(dev && user ? devCredentials(user) : officeCredentials(Office), fetch, base);
}

function onTimeChanged(event: Office.AddinCommands.Event): void {
  void onAppointmentTimeChanged(event, apiFor, (e) => console.error('[core-groups] checking the new time failed', e));
}

Office.actions.associate(EXTENSION_ACTION_IDS.appointmentTimeChanged, onTimeChanged);
