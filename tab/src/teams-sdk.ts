// The parts of TeamsJS the tab uses, named here so the chunk host.ts loads on demand holds only
// these (a dynamic import of the package itself would bring all of it).
export { app, authentication } from '@microsoft/teams-js';
