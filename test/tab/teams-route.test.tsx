import { routeFromSubPage } from '../../tab/src/teams-route';

describe('a deep link from Teams opens the page it names', () => {
  const id = '3042ed5f-6042-4435-bb95-60bfbfa42c72';
  const rows: [string, string | undefined, string, string | undefined][] = [
    ['the minutes a notification is about', `minutes/${id}`, '', `#/minutes/${id}`],
    ['a case from a card', `cases/${id}`, '#/', `#/cases/${id}`],
    ["a core group's schedule", `meetings/${id}/schedule`, '#', `#/meetings/${id}/schedule`],
    ['nothing, when the link names no page', undefined, '', undefined],
    ['nothing, when the tab already opened at a page', `minutes/${id}`, `#/cases/${id}`, undefined],
    ['nothing for a path the tab does not have', 'admin/everything', '', undefined],
    ['nothing for a path that tries to leave the tab', `cases/${id}/../../x`, '', undefined],
  ];
  it.each(rows)('%s', (_what, subPageId, hash, expected) => {
    expect(routeFromSubPage(subPageId, hash)).toBe(expected);
  });
});
