import { app, pages } from '@microsoft/teams-js';
import { TAB_ENTITY_IDS } from '../../manifest/declared';

/**
 * The group chat tab's configuration: the chair picks one of their cases, and the tab added to the
 * chat shows that case (the tab's own page at #/cases/<id>). TeamsJS is called only here, so tests
 * mock it at this module's boundary.
 */

export interface ChosenCase {
  readonly caseId: string;
  readonly reference: string;
}

/** What Teams saves for the tab: its page, its entity id (the manifest's) and the name it suggests. */
export function caseTabConfig(origin: string, c: ChosenCase): pages.InstanceConfig {
  const url = `${origin}/#/cases/${encodeURIComponent(c.caseId)}`;
  return { contentUrl: url, websiteUrl: url, entityId: TAB_ENTITY_IDS.caseChat, suggestedDisplayName: `Core group ${c.reference}` };
}

/** Save is offered only once a case is chosen. */
export function caseChosen(c: ChosenCase | undefined): void {
  // Outside Teams (the page opened in a browser to try it) there is no Save to offer.
  if (!app.isInitialized()) return;
  pages.config.setValidityState(Boolean(c));
}

/**
 * When the person presses Save in Teams: the chosen case's configuration, or a failure Teams shows
 * (nothing chosen, or Teams refused the configuration).
 */
export function registerSave(origin: string, chosen: () => ChosenCase | undefined): void {
  if (!app.isInitialized()) return;
  pages.config.registerOnSaveHandler((save) => {
    const c = chosen();
    if (!c) {
      save.notifyFailure('Choose a case first.');
      return;
    }
    pages.config.setConfig(caseTabConfig(origin, c)).then(
      () => save.notifySuccess(),
      (e: unknown) => save.notifyFailure(e instanceof Error ? e.message : 'Teams could not save the tab.'),
    );
  });
}
