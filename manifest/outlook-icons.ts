import fs from 'node:fs';
import path from 'node:path';
import { OUTLOOK_ICON_SIZES } from './build-manifest';
import { PAGES } from './declared';
import { colorIcon } from './png';

/**
 * The Outlook add-in's icons. Outlook loads them from the app's own address (the manifest names
 * absolute URLs), so they are committed under tab/public, which the tab build copies to dist/tab and
 * the server serves at PAGES.outlookIcons. The manifest test checks the committed files are these.
 */
export const OUTLOOK_ICON_DIR = path.resolve(
  __dirname,
  '..',
  __dirname.split(path.sep).includes('dist') ? '..' : '.',
  'tab',
  'public',
  ...PAGES.outlookIcons.split('/').filter(Boolean),
);

export function outlookIcons(): Record<string, Buffer> {
  return Object.fromEntries(OUTLOOK_ICON_SIZES.map((size) => [`icon-${size}.png`, colorIcon(size)]));
}

/** `npm run build && node dist/manifest/outlook-icons.js` rewrites them after the drawing changes. */
if (require.main === module) {
  fs.mkdirSync(OUTLOOK_ICON_DIR, { recursive: true });
  for (const [name, png] of Object.entries(outlookIcons())) fs.writeFileSync(path.join(OUTLOOK_ICON_DIR, name), png);
  console.log(`wrote ${OUTLOOK_ICON_DIR}`);
}
