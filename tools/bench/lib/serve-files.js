// A loopback HTTP server for browser.js's page: a fixed map of in-memory files, with extra headers
// on every response (COOP/COEP make a page cross-origin isolated). Not a benchmark itself.
const http = require('http');

/** Serves `files` (path -> { body, type }) on 127.0.0.1; resolves to { origin, close() }. */
async function serveFiles(files, headers = {}) {
  const server = http.createServer((request, response) => {
    const file = files.get(new globalThis.URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    response.writeHead(file ? 200 : 404, {
      ...headers,
      'Content-Type': file ? file.type : 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    response.end(file ? file.body : 'not found\n');
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

module.exports = { serveFiles };
