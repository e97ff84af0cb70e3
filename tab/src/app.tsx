import { FluentProvider, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { apiClient, Credentials, devCredentials, Fetch, teamsCredentials } from './api';
import { DevUserPicker, useDevSignIn } from '../common/dev-sign-in';
import { Nav } from './nav';
import { MyWorkPage } from './my-work-page';
import { PrintLine } from './print';
import { THEMES, useTeamsTheme } from './theme';

// The first view (my core groups) comes with the page; every other view is a chunk of its own,
// fetched when first opened, so the first load carries only what the first view needs.
const ApprovalsPage = lazy(() => import('./approvals-page.js').then((m) => ({ default: m.ApprovalsPage })));
const CasePage = lazy(() => import('./case-page.js').then((m) => ({ default: m.CasePage })));
const MinutesPage = lazy(() => import('./minutes-page.js').then((m) => ({ default: m.MinutesPage })));
const NewCasePage = lazy(() => import('./new-case-page.js').then((m) => ({ default: m.NewCasePage })));
const ReportPage = lazy(() => import('./report-page.js').then((m) => ({ default: m.ReportPage })));
const SchedulePage = lazy(() => import('./schedule-page.js').then((m) => ({ default: m.SchedulePage })));
const SeriesPage = lazy(() => import('./series-page.js').then((m) => ({ default: m.SeriesPage })));
const StaffPage = lazy(() => import('./staff-page.js').then((m) => ({ default: m.StaffPage })));
const TeamPage = lazy(() => import('./team-page.js').then((m) => ({ default: m.TeamPage })));

/** The hash route: #/, #/team, #/approvals, #/staff, #/cases/new, #/cases/<id>, #/cases/<id>/series, #/meetings/<id>/schedule, #/reports/<id>, #/minutes/<id>. */
function useRoute(): string[] {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash.replace(/^#\/?/, '').split('?')[0]?.split('/').filter(Boolean) ?? [];
}

/**
 * Print: no navigation or buttons; the protective marking (and the meeting's date, when the page is
 * about one) repeated at the top of every printed page. Narrow screens: tables scroll inside their
 * own region, badges wrap rather than push the page wider. A table whose last columns hold what
 * people act on (the case's Meetings: Book, Move, Record held) is stacked instead (cg-stack), a row
 * to a box with each cell under its column's name: on a phone the sideways scrollbar of a tall table
 * is far below, and phones draw none, so columns off the right edge go unseen.
 */
const CSS = `
.cg-marking { display: none; }
@media screen { .cg-page, .cg-page-body, .cg-page-body > tr, .cg-page-body > tr > td { display: block; } .cg-page-head, .cg-page-foot { display: none; } }
.cg-page > * > tr > td { padding: 0; }
.fui-FluentProvider a:not(.fui-Link) { color: var(--colorBrandForegroundLink); }
.fui-FluentProvider a:not(.fui-Link):hover { color: var(--colorBrandForegroundLinkHover); }
.cg-scroll { overflow-x: auto; max-width: 100%; position: relative; }
.fui-Field { min-width: 0; max-width: 100%; }
.fui-Select, .fui-Input { max-width: 100%; min-width: 0; }
.fui-Select__select { max-width: 100%; min-width: 0; text-overflow: ellipsis; }
.cg-badge { white-space: normal; height: auto; min-height: 20px; text-align: left; }
.cg-compliance { display: inline-flex; flex-wrap: wrap; gap: 4px; align-items: baseline; }
.cg-wrap { overflow-wrap: anywhere; }
.cg-devbar, .cg-devbar .fui-MessageBarBody { min-width: 0; max-width: 100%; }
.cg-devbar .fui-Select { max-width: 100%; }
.cg-devbar .fui-Select__select { max-width: 100%; min-width: 0; }
table.cg-table { table-layout: auto; }
table.cg-stack { min-width: 560px; }
@media screen and (max-width: 600px) {
  table.cg-stack { min-width: 0; width: 100%; }
  table.cg-stack > thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  table.cg-stack > tbody, table.cg-stack > tbody > tr { display: block; width: auto; height: auto; }
  table.cg-stack > tbody > tr { border: 1px solid var(--colorNeutralStroke1); border-radius: 4px; padding: 4px 8px; margin-bottom: 8px; }
  table.cg-stack > tbody > tr > td { display: block; height: auto; padding: 4px 0; overflow-wrap: anywhere; }
  table.cg-stack > tbody > tr > td::before { content: attr(data-label); display: block; font-weight: 600; }
}
.cg-actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.cg-narrow-only { display: none; }
@media screen and (max-width: 600px) { .cg-narrow-only { display: block; } }
.cg-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.cg-grid th, .cg-grid td { border: 1px solid var(--colorNeutralStroke1); }
.cg-busy { background: var(--colorPaletteRedBackground2); color: var(--colorNeutralForeground1); font-weight: 600; }
.cg-free { background: var(--colorNeutralBackground1); color: var(--colorNeutralForeground1); }
.cg-unknown { background: var(--colorNeutralBackground4); color: var(--colorNeutralForeground1); }
.cg-picked { outline: 3px solid var(--colorBrandStroke1); outline-offset: -3px; }
.cg-late-text { color: var(--colorPaletteRedForeground1); font-weight: 600; }
.cg-list { padding-left: 20px; }
.cg-list > li { margin-bottom: 8px; }
@media print {
  nav, .cg-no-print, button, [role="toolbar"] { display: none !important; }
  .cg-marking { display: block; text-align: center; font-weight: 700; font-size: 11pt; color: #000; padding: 4pt 0; }
  .cg-page { display: table; width: 100%; border-collapse: collapse; }
  .cg-page-head { display: table-header-group; }
  .cg-page-foot { display: table-footer-group; }
  .cg-page-body { display: table-row-group; }
  body, .fui-FluentProvider { background: #fff !important; color: #000 !important; }
  @page { margin: 18mm 12mm; }
}
`;

export interface AppProps {
  readonly inTeams: boolean;
  readonly fetchImpl?: Fetch;
}

/**
 * The tab. Inside Teams (or Outlook) it signs in with the Teams SSO token and follows Teams' theme;
 * in local mode it offers dev sign-in as one of the demo people, clearly marked as such.
 */
export function App({ inTeams, fetchImpl = fetch }: AppProps) {
  const route = useRoute();
  const theme = useTeamsTheme(inTeams);
  const [printLine, setPrintLine] = useState<string | undefined>();
  // Dev sign-in is asked for only outside Teams; inside, Teams SSO is the only way in.
  const { devUsers, devUser, choose } = useDevSignIn(fetchImpl, !inTeams);

  const credentials: Credentials | undefined = inTeams ? teamsCredentials : devUser ? devCredentials(devUser) : undefined;
  // Recreated only when who is signed in changes, so pages do not reload on every render.
  const api = useMemo(() => (credentials ? apiClient(credentials, fetchImpl) : undefined), [inTeams, devUser, fetchImpl]);

  const marking = `OFFICIAL-SENSITIVE${printLine ? ` · ${printLine}` : ''}`;

  return (
    <FluentProvider
      theme={THEMES[theme]}
      style={{ padding: 16, minHeight: '100vh', boxSizing: 'border-box', background: tokens.colorNeutralBackground1 }}
      data-theme={theme}
    >
      <style>{CSS}</style>
      {!inTeams && devUsers && devUsers.length > 0 && (
        <MessageBar intent="warning" style={{ marginBottom: 12 }} className="cg-no-print cg-devbar">
          <MessageBarBody>
            <DevUserPicker devUsers={devUsers} devUser={devUser} choose={choose} width={340} />
          </MessageBarBody>
        </MessageBar>
      )}
      <Nav api={api} />
      {/* Printed, this is a table whose head and foot repeat on every page: the protective marking, the case and the meeting's date. */}
      <table className="cg-page" role="presentation">
        <thead className="cg-page-head">
          <tr>
            <td>
              <div className="cg-marking">{marking}</div>
            </td>
          </tr>
        </thead>
        <tfoot className="cg-page-foot">
          <tr>
            <td>
              <div className="cg-marking">{marking}</div>
            </td>
          </tr>
        </tfoot>
        <tbody className="cg-page-body">
          <tr>
            <td>
              <main>
                <PrintLine.Provider value={setPrintLine}>
                  <Suspense fallback={<Spinner label="Opening the page" />}>
                    {!api ? (
                      <Text>{inTeams ? 'Signing you in…' : 'Choose who to act as above.'}</Text>
                    ) : route[0] === 'cases' && route[1] === 'new' ? (
                      <NewCasePage api={api} />
                    ) : route[0] === 'cases' && route[1] && route[2] === 'series' ? (
                      <SeriesPage api={api} caseId={route[1]} />
                    ) : route[0] === 'cases' && route[1] ? (
                      <CasePage api={api} caseId={route[1]} />
                    ) : route[0] === 'meetings' && route[1] ? (
                      <SchedulePage api={api} meetingId={route[1]} />
                    ) : route[0] === 'reports' && route[1] ? (
                      <ReportPage api={api} reportId={route[1]} />
                    ) : route[0] === 'minutes' && route[1] ? (
                      <MinutesPage api={api} minutesId={route[1]} />
                    ) : route[0] === 'approvals' ? (
                      <ApprovalsPage api={api} />
                    ) : route[0] === 'team' ? (
                      <TeamPage api={api} />
                    ) : route[0] === 'staff' ? (
                      <StaffPage api={api} />
                    ) : (
                      <MyWorkPage api={api} />
                    )}
                  </Suspense>
                </PrintLine.Provider>
              </main>
            </td>
          </tr>
        </tbody>
      </table>
    </FluentProvider>
  );
}
