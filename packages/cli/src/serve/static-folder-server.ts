import { existsSync, statSync } from 'fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import sirv from 'sirv';

/**
 * What lets a page use wasm threads (cross-origin isolation, so SharedArrayBuffer) and confines
 * it to its own origin: sent with every response, files and errors alike.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The page may load scripts, styles, images and workers only from its own origin. TensorFlow.js
 * needs `'wasm-unsafe-eval'` to compile its .wasm files, and its threaded wasm build starts each
 * thread as a `blob:` worker that `importScripts` tfjs' glue code from another `blob:` URL (made
 * by our own script), so `blob:` is allowed for workers and scripts; nothing from another origin is.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "img-src 'self' blob: data:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Options of the static folder server. */
export interface StaticFolderServerOptions {
  /** The folder to serve; nothing outside it is reachable. */
  root: string;
  /** Interface to listen on: default 127.0.0.1 (this machine only). */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
}

/** A running static folder server. */
export interface StaticFolderServer {
  /** e.g. `http://127.0.0.1:8080` */
  url: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Serves a built static folder (the demo app's `dist/`) with cross-origin isolation and a
 * Content-Security-Policy. sirv in production mode lists the folder's files once at start and
 * answers only paths that are keys of that list, so `..`, encoded or absolute paths cannot reach
 * a file outside it, whatever their spelling; anything else gets 404, a method other than
 * GET/HEAD 405. Dot-files are not served.
 */
export async function serveStaticFolder(options: StaticFolderServerOptions): Promise<StaticFolderServer> {
  const root = path.resolve(options.root);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new Error(`${root} is not a folder`);
  }
  const headers = { ...ISOLATION_HEADERS, 'Content-Security-Policy': CONTENT_SECURITY_POLICY };
  const reply = (response: ServerResponse, status: number, text: string) => {
    response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`${text}\n`);
  };
  const files = sirv(root, {
    dev: false,
    dotfiles: false,
    etag: true,
    // A rebuilt app must never run against a stale worker or wasm file.
    maxAge: 0,
    setHeaders: (response) => {
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    },
    onNoMatch: (_request, response) => reply(response, 404, 'not found'),
  });
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      reply(response, 405, 'method not allowed');
      return;
    }
    // A path that does not start with `/` (an absolute-form or `*` request target) names no file here.
    if (!request.url?.startsWith('/')) {
      reply(response, 400, 'bad request');
      return;
    }
    files(request, response, () => reply(response, 404, 'not found'));
  });
  server.headersTimeout = 10000;
  server.requestTimeout = 60000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const shown = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${shown}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
