import { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The hosts that may show the tab in a frame: Teams, Outlook and the Microsoft 365 app, on their
 * current addresses and the *.cloud.microsoft ones they are moving to (Microsoft's "tab
 * requirements" list). Any other site that frames the tab gets a blank frame (no clickjacking).
 */
export const FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
  'https://*.microsoft365.com',
] as const;

/**
 * TeamsJS checks the frame's parent against a list it carries and, for a host not on it, fetches
 * Microsoft's current list from here (teams-js `validOriginsCdnEndpoint`).
 */
export const TEAMS_JS_VALID_ORIGINS = 'https://res.cdn.office.net';

/** Where Office.js is served from: add-ins must load it from Microsoft's CDN, not a copy. */
export const OFFICE_JS = 'https://appsforoffice.microsoft.com';

/**
 * The Content Security Policy. The built tab (Vite) is one module script and its chunks from this
 * origin, with no inline script; Fluent UI v9 (Griffel) inserts its styles at run time, which needs
 * style-src 'unsafe-inline'; the tab talks only to its own API. upgrade-insecure-requests only where
 * the app is served over HTTPS (a local http://127.0.0.1 would otherwise ask for https://127.0.0.1).
 */
export function contentSecurityPolicy(httpsOnly: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    // The Outlook pane and its event runtime load Office.js from Microsoft's CDN, as Office requires.
    'script-src': ["'self'", OFFICE_JS],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", TEAMS_JS_VALID_ORIGINS, OFFICE_JS],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': [...FRAME_ANCESTORS],
    ...(httpsOnly ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * Every response's security headers, through helmet: the CSP above (frame-ancestors in place of
 * X-Frame-Options, which cannot name several hosts and would stop Teams framing the tab),
 * X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer (a case's address never leaves in
 * a Referer), HSTS for a year in production only, and helmet's cross-origin and legacy headers.
 */
export function securityHeaders(options: { httpsOnly: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(options.httpsOnly) },
    xFrameOptions: false,
    strictTransportSecurity: options.httpsOnly ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xContentTypeOptions: true,
  });
}
