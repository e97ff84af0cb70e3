import express from 'express';
import { TabLinks } from '../tab-links';

/** The tab's pages a link may open: a kind and an id (and, for a core group, its schedule or series). */
const PAGE = /^(cases|minutes|reports|meetings)\/[A-Za-z0-9-]{1,64}(\/(schedule|series))?$/;

/**
 * GET /open/<page>: one stable web address for a page of the tab, for places that can only open a
 * browser (the Outlook add-in, a mail). It redirects to where that page opens for its reader: inside
 * Teams in production (the tab signs in only there), the web page in local mode. It reads nothing
 * and needs no sign-in: the page it leads to checks who is asking.
 */
export function openLinkRoute(links: Pick<TabLinks, 'redirect'>) {
  return (app: express.Express) => {
    app.get('/open/*page', (req, res) => {
      const page = ([] as string[]).concat(req.params.page ?? []).join('/');
      if (!PAGE.test(page)) return void res.status(404).json({ error: { code: 'ROUTE.NOT_FOUND', message: 'There is no such page in Core Groups.' } });
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(302, links.redirect(page));
    });
  };
}
