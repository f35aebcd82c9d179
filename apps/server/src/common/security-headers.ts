import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/configuration';

/**
 * CSP sources for the inline scripts of the H5 index.html (Taro writes its viewport script
 * inline): their SHA-256 hashes, so no other inline script runs. Recomputed when the file changes,
 * because the H5 build can be replaced while the server runs.
 */
export class InlineScriptHashes {
  private seen: { mtimeMs: number; size: number; sources: string } | null = null;

  constructor(private readonly indexHtml: string | null) {}

  sources(): string {
    if (!this.indexHtml) return '';
    let stat: { mtimeMs: number; size: number };
    try {
      stat = statSync(this.indexHtml);
    } catch {
      return '';
    }
    if (this.seen?.mtimeMs !== stat.mtimeMs || this.seen.size !== stat.size) {
      this.seen = { mtimeMs: stat.mtimeMs, size: stat.size, sources: inlineScriptSources(readFileSync(this.indexHtml, 'utf8')) };
    }
    return this.seen.sources;
  }
}

/** `'sha256-…'` for each `<script>` without `src` in an HTML document, space separated. */
export function inlineScriptSources(html: string): string {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(match[1] ?? '')) continue;
    hashes.add(`'sha256-${createHash('sha256').update(match[2], 'utf8').digest('base64')}'`);
  }
  return [...hashes].join(' ');
}

/**
 * Security headers on every response (API, H5 pages and their files): a CSP that lets the Taro
 * H5 build run and nothing else (no foreign scripts, no framing), `nosniff`, no referrer; and
 * `Cache-Control: no-store` on API answers, which carry personal data (the docs excepted).
 */
export async function registerSecurityHeaders(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const inline = new InlineScriptHashes(config.app.h5Dir ? join(config.app.h5Dir, 'index.html') : null);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", () => inline.sources()],
        // React and NutUI set style attributes and inject <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Photos picked for upload are previewed from blob: URLs; small icons are inlined as data:.
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // Taro's H5 uploadFile reads the picked photo back from its blob: URL with fetch before sending it.
        connectSrc: ["'self'", 'blob:', 'data:'],
        mediaSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    // Uploaded files are opened in new tabs and by the mini-program's viewer: same-origin is enough.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply) => {
      const path = request.url.split('?')[0];
      if ((path === '/api' || path.startsWith('/api/')) && !path.startsWith('/api/docs')) void reply.header('cache-control', 'no-store');
    });
}
