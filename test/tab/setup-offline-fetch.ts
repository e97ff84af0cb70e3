// jsdom has no fetch. TeamsJS fetches its list of valid origins from a CDN as soon as it loads; the
// tests run offline, so that request fails (as it would on a locked-down network) and TeamsJS falls
// back to its built-in list. The tab's own calls use the fake fetch each test passes in.
globalThis.fetch = (() => Promise.reject(new Error('offline: no network in tests'))) as typeof fetch;
