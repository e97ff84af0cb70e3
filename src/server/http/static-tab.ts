import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import express, { NextFunction, Request, Response, Router } from 'express';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export interface StaticTabOptions {
  /** The built tab (dist/tab). */
  readonly dir: string;
  /** Serve `.map` files. Off unless asked for: production never publishes its sources. */
  readonly sourceMaps?: boolean;
  /** Compress every asset once, in the background, when the router is made (default true). */
  readonly warm?: boolean;
  readonly log?: (message: string, error?: unknown) => void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.xml', '.ico']);
/** Below this, compressing saves less than the headers it costs. */
const MIN_COMPRESS_BYTES = 1024;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages may be kept, but are checked with the server before each use (an unchanged page costs a 304). */
const REVALIDATE = 'public, max-age=0, must-revalidate';

interface Entry {
  readonly mtimeMs: number;
  readonly raw: Buffer;
  readonly etag: string;
  br?: Promise<Buffer>;
  gz?: Promise<Buffer>;
}

type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts (q=0 refuses one): brotli, then gzip, else none. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : 'identity';
}

/**
 * The built tab, served for a fast first load:
 * - compressed (brotli, else gzip) once per file and kept in memory, so no request pays to compress;
 * - hashed files under /assets cached for a year as immutable; HTML revalidated every time
 *   (max-age=0, must-revalidate, with an ETag, so a deploy is seen at once and an unchanged page costs a 304);
 * - a missing /assets/… file is a 404, not the HTML page (a stale chunk must fail loudly, not run HTML);
 * - source maps (.map) are not served unless `sourceMaps` is set;
 * - other paths without a file extension fall back to index.html (the tab's own routes), and
 *   `/configure` finds configure.html.
 * Mounted after /api by create-app.ts.
 */
export function staticTab(options: StaticTabOptions): Router {
  const root = path.resolve(options.dir);
  const cache = new Map<string, Entry>();
  const router = express.Router();

  const load = async (file: string): Promise<Entry | undefined> => {
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile()) return undefined;
    const known = cache.get(file);
    if (known && known.mtimeMs === stat.mtimeMs) return known;
    const raw = await fs.readFile(file);
    const entry: Entry = { mtimeMs: stat.mtimeMs, raw, etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"` };
    cache.set(file, entry);
    return entry;
  };

  const encoded = (entry: Entry, encoding: Encoding): Promise<Buffer> => {
    if (encoding === 'br') {
      entry.br ??= brotli(entry.raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: entry.raw.length } });
      return entry.br;
    }
    if (encoding === 'gzip') {
      entry.gz ??= gzip(entry.raw, { level: 9 });
      return entry.gz;
    }
    return Promise.resolve(entry.raw);
  };

  /** The file a request path names, if it is inside the tab's folder and not hidden. */
  const resolve = (urlPath: string): string | undefined => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0') || decoded.split('/').some((segment) => segment.startsWith('.'))) return undefined;
    const file = path.resolve(root, `.${decoded}`);
    return file === root || file.startsWith(root + path.sep) ? file : undefined;
  };

  const send = async (req: Request, res: Response, file: string, entry: Entry): Promise<void> => {
    const ext = path.extname(file).toLowerCase();
    const hashed = path.relative(root, file).split(path.sep)[0] === 'assets';
    res.setHeader('Content-Type', TYPES[ext] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', hashed ? IMMUTABLE : REVALIDATE);
    res.setHeader('ETag', entry.etag);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const compressible = COMPRESSIBLE.has(ext) && entry.raw.length >= MIN_COMPRESS_BYTES;
    if (compressible) res.setHeader('Vary', 'Accept-Encoding');
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === entry.etag || t.trim() === `W/${entry.etag}`)) {
      res.status(304).end();
      return;
    }
    const encoding = compressible ? chooseEncoding(req.headers['accept-encoding']) : 'identity';
    const body = await encoded(entry, encoding);
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', String(body.length));
    res.status(200);
    if (req.method === 'HEAD') res.end();
    else res.end(body);
  };

  const notFound = (res: Response) => res.status(404).type('text/plain').setHeader('Cache-Control', 'no-store').send('Not found');

  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === '/api' || req.path.startsWith('/api/')) return next();
    void (async () => {
      const ext = path.extname(req.path).toLowerCase();
      if (ext === '.map' && !options.sourceMaps) return notFound(res);
      const file = resolve(req.path.endsWith('/') ? `${req.path}index.html` : req.path);
      if (!file) return notFound(res);
      let target = file;
      let entry = await load(file);
      if (!entry && ext === '' && (entry = await load(`${file}.html`))) target = `${file}.html`;
      if (entry) return send(req, res, target, entry);
      // A missing asset (any path with an extension, and anything under /assets) is a 404.
      if (ext !== '' || req.path.startsWith('/assets/')) return notFound(res);
      const index = path.join(root, 'index.html');
      const page = await load(index);
      if (!page) return notFound(res);
      return send(req, res, index, page);
    })().catch(next);
  });

  if (options.warm !== false) {
    void warmUp(root, load, encoded).catch((e: unknown) => options.log?.('could not precompress the tab', e));
  }
  return router;
}

/** Reads and compresses every compressible file (but source maps) once, one at a time, off the request path. */
async function warmUp(
  root: string,
  load: (file: string) => Promise<Entry | undefined>,
  encoded: (entry: Entry, encoding: Encoding) => Promise<Buffer>,
): Promise<void> {
  const files = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const f of files) {
    if (!f.isFile()) continue;
    const ext = path.extname(f.name).toLowerCase();
    if (!COMPRESSIBLE.has(ext) || ext === '.map') continue;
    const entry = await load(path.join(f.parentPath, f.name));
    if (entry && entry.raw.length >= MIN_COMPRESS_BYTES) {
      await encoded(entry, 'br');
      await encoded(entry, 'gzip');
    }
  }
}
