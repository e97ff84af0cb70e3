// jsdom has no fetch. TeamsJS fetches its list of valid origins from a CDN as soon as it loads; the
// tests run offline, so that request fails (as it would on a locked-down network) and TeamsJS falls
// back to its built-in list. The tab's own calls use the fake fetch each test passes in.
globalThis.fetch = (() => Promise.reject(new Error('offline: no network in tests'))) as typeof fetch;

// jsdom does no layout, so it has no ResizeObserver; Fluent's MessageBar watches its own width to
// decide whether its actions wrap. With nothing ever resized, an observer that never fires is exact.
class NoLayoutResizeObserver implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver;
