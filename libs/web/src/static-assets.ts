import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';
import { templatesRoot } from '@schakel/common';

interface Asset {
  /** `schakel.3f2a1b9c0d.css`: the content's hash in the name, so it may be cached for a year. */
  fingerprinted: string;
  body: Buffer;
  gzipped: Buffer;
  contentType: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The files the pages load: the NL Design System's CSS (components and the Utrecht design
 * tokens, from npm) and Schakel's own theme and script (`templates/pages/assets/`). Read and
 * compressed once per process; served under `/assets/<name>.<hash>.<ext>` with a one-year,
 * immutable cache lifetime. No build step: a changed file gets a new name at the next start.
 */
export class StaticAssets {
  private readonly byLogicalName = new Map<string, Asset>();
  private readonly byFingerprint = new Map<string, Asset>();

  constructor(sources: Record<string, string> = defaultSources()) {
    for (const [name, path] of Object.entries(sources)) {
      const body = readFileSync(path);
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
      const ext = extname(name);
      const asset: Asset = {
        fingerprinted: `${name.slice(0, -ext.length)}.${hash}${ext}`,
        body,
        gzipped: gzipSync(body, { level: 9 }),
        contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
      };
      this.byLogicalName.set(name, asset);
      this.byFingerprint.set(asset.fingerprinted, asset);
    }
  }

  /** Every served name (content hashes included): part of what a rendered page depends on. */
  get fingerprints(): string[] {
    return [...this.byFingerprint.keys()].sort();
  }

  /** `/assets/schakel.3f2a1b9c0d.css` for `schakel.css`; throws for a file that is not ours. */
  url(name: string): string {
    const asset = this.byLogicalName.get(name);
    if (!asset) throw new Error(`no static asset ${name}`);
    return `/assets/${asset.fingerprinted}`;
  }

  /** Express middleware for `/assets`: only fingerprinted names answer; anything else falls through (404). */
  handler() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const asset = this.byFingerprint.get(req.path.replace(/^\//, ''));
      if (!asset || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      res.setHeader('Content-Type', asset.contentType);
      res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      res.setHeader('Vary', 'Accept-Encoding');
      if (gzip) res.setHeader('Content-Encoding', 'gzip');
      res.end(gzip ? asset.gzipped : asset.body);
    };
  }
}

function defaultSources(): Record<string, string> {
  const own = join(templatesRoot(), 'pages', 'assets');
  return {
    'utrecht-components.css': require.resolve('@utrecht/component-library-css/dist/index.css'),
    'utrecht-tokens.css': require.resolve('@utrecht/design-tokens/dist/index.css'),
    'schakel.css': join(own, 'schakel.css'),
    'schakel.js': join(own, 'schakel.js'),
  };
}
