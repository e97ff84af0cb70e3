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
          sourcemap: true,
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
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: { input: { index: 'tab/index.html', configure: 'tab/configure.html', 'outlook/pane': 'tab/outlook/pane.html', 'outlook/events': 'tab/outlook/events.html' } },
  },
});
