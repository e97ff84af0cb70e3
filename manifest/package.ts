import { zipSync } from 'fflate';
import { buildManifest, ManifestSettings } from './build-manifest';
import { colorIcon, outlineIcon } from './png';

/** The app package to upload: manifest.json and its two icons, zipped at the root. */
export function appPackage(settings: ManifestSettings): Uint8Array {
  return zipSync({
    'manifest.json': new TextEncoder().encode(JSON.stringify(buildManifest(settings), null, 2)),
    'color.png': new Uint8Array(colorIcon()),
    'outline.png': new Uint8Array(outlineIcon()),
  });
}
