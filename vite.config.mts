import { build, defineConfig, Plugin } from 'vite';

/**
 * The Outlook add-in's event runtime as one classic script at dist/tab/outlook/events.js (the
 * manifest's PAGES.outlookEventsScript): classic Outlook on Windows runs it without a page, so it can
 * be neither an ES module nor split into chunks. Built after the pages, on its own.
 */
function outlookEventsScript(): Plugin {
  return {
    name: 'core-groups:outlook-events-script',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        root: 'tab',
        publicDir: false,
        logLevel: 'error',
        build: {
          outDir: '../dist/tab/outlook',
          emptyOutDir: false,
          sourcemap: 'hidden',
          target: 'es2017',
          lib: { entry: 'outlook/events.ts', formats: ['iife'], name: 'CoreGroupsOutlookEvents', fileName: () => 'events.js' },
        },
      });
    },
  };
}

// The tab: built from tab/ into dist/tab, which the server serves at /. No React plugin is needed:
// Vite compiles TSX itself (oxc), with React's automatic JSX runtime. Beside it, the pages the
// manifest declares (manifest/declared.ts PAGES): the group chat tab's configuration page
// (/configure, from configure.html), and the Outlook add-in's task pane and event runtime.
export default defineConfig({
  root: 'tab',
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [outlookEventsScript()],
  build: {
    outDir: '../dist/tab',
    emptyOutDir: true,
    // Maps stay on disk for debugging but are not referenced from the scripts, and the server does
    // not serve them (src/server/http/static-tab.ts): production never publishes its sources.
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: { index: 'tab/index.html', configure: 'tab/configure.html', 'outlook/pane': 'tab/outlook/pane.html', 'outlook/events': 'tab/outlook/events.html' },
      // Libraries in chunks of their own: they change far less often than the app, so a deploy
      // leaves them cached (immutable, by hash), and the pages share them instead of each bundling its own.
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'teams-js', test: /node_modules[\\/]@microsoft[\\/]teams-js[\\/]/, priority: 2 },
            { name: 'fluentui', test: /node_modules[\\/](@fluentui|@griffel|@floating-ui|tabster|keyborg|@swc)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
