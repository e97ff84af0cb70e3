import { defineConfig } from 'vite';

// The tab: built from tab/ into dist/tab, which the server serves at /. No React plugin is needed:
// Vite compiles TSX itself (oxc), with React's automatic JSX runtime.
export default defineConfig({
  root: 'tab',
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: '../dist/tab', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
});
