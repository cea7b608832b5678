import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedFile {
  body: string | Buffer;
  contentType: string;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Every path requested, in order (a test can assert nothing unexpected was fetched). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves a fixed set of in-memory files on 127.0.0.1 (an ephemeral port, loopback only), with
 * `headers` on every response (e.g. COOP/COEP for cross-origin isolation). Paths are looked up in
 * the map as given, never on disk, so nothing outside it can be reached; anything else is 404,
 * and methods other than GET/HEAD 405. Bounded: short timeouts, and close() drops every
 * connection.
 */
export async function serveFiles(
  files: ReadonlyMap<string, ServedFile>,
  headers: Record<string, string> = {},
): Promise<StaticServer> {
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    const file = files.get(path);
    const status = request.method !== 'GET' && request.method !== 'HEAD' ? 405 : file ? 200 : 404;
    response.writeHead(status, {
      ...headers,
      'Content-Type': file && status === 200 ? file.contentType : 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    response.end(status === 200 ? (request.method === 'HEAD' ? undefined : file!.body) : `${status}\n`);
  });
  server.requestTimeout = 60000;
  server.headersTimeout = 10000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
