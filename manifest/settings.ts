import { ManifestSettings } from './build-manifest';

/** The package's settings could not be read; `problems` names each variable and what is wrong. */
export class PackageSettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'PackageSettingsError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const WHAT: Record<string, string> = {
  TEAMS_APP_ID: 'the Teams app id, a GUID of your choosing kept across versions',
  MICROSOFT_APP_ID: "the Azure Bot's Microsoft App ID",
  AZURE_CLIENT_ID: "the Entra app registration's client id",
  PUBLIC_BASE_URL: 'where people reach the app, https://…',
  TAB_APP_ID_URI: 'the application ID URI, api://<host of PUBLIC_BASE_URL>/<AZURE_CLIENT_ID>',
};

/**
 * The manifest's settings from the environment (the server's own variable names, plus TEAMS_APP_ID),
 * every one checked: a package with a wrong id or host installs, then fails for every user.
 */
export function packageSettings(env: Readonly<Record<string, string | undefined>>, version: string): ManifestSettings {
  const problems: string[] = [];
  const read = (key: string): string | undefined => {
    const value = env[key]?.trim();
    if (!value) problems.push(`${key} is required (${WHAT[key] ?? key})`);
    return value || undefined;
  };
  const guid = (key: string): string => {
    const value = read(key);
    if (value && !GUID.test(value)) problems.push(`${key} must be a GUID (${WHAT[key] ?? key}); got "${value.slice(0, 60)}"`);
    return value?.toLowerCase() ?? '';
  };

  const appId = guid('TEAMS_APP_ID');
  const botId = guid('MICROSOFT_APP_ID');
  const ssoClientId = guid('AZURE_CLIENT_ID');

  let baseUrl = '';
  let host = '';
  const publicBaseUrl = read('PUBLIC_BASE_URL');
  if (publicBaseUrl) {
    let url: URL | undefined;
    try {
      url = new URL(publicBaseUrl);
    } catch {
      problems.push(`PUBLIC_BASE_URL must be an address (${WHAT.PUBLIC_BASE_URL}); got "${publicBaseUrl.slice(0, 80)}"`);
    }
    if (url && url.protocol !== 'https:')
      problems.push(`PUBLIC_BASE_URL must be https:// (Teams and Outlook load only secure pages); got "${publicBaseUrl.slice(0, 80)}"`);
    else if (url && (url.search || url.hash || url.username || url.password))
      problems.push('PUBLIC_BASE_URL must be a plain address, without a query, fragment or credentials');
    else if (url) {
      host = url.host;
      baseUrl = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
    }
  }

  const appIdUri = read('TAB_APP_ID_URI') ?? '';
  if (appIdUri && host && ssoClientId && GUID.test(ssoClientId)) {
    const expected = `api://${host}/${ssoClientId}`;
    // Teams single sign-on accepts only an application ID URI on the domain the tab is served from.
    if (appIdUri.toLowerCase() !== expected.toLowerCase())
      problems.push(`TAB_APP_ID_URI must be ${expected} (the host of PUBLIC_BASE_URL and AZURE_CLIENT_ID); got "${appIdUri.slice(0, 120)}"`);
  } else if (appIdUri && !appIdUri.startsWith('api://')) {
    problems.push(`TAB_APP_ID_URI must be the application ID URI, api://…; got "${appIdUri.slice(0, 120)}"`);
  }

  if (problems.length) throw new PackageSettingsError(problems);
  // As given: the server checks tokens' audience against the same TAB_APP_ID_URI.
  return { appId, botId, ssoClientId, baseUrl, appIdUri, version };
}
