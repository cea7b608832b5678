import { existsSync } from 'fs';
import * as path from 'path';
import { CliError, EXIT } from '../cli-error';
import type { ConsoleReporter } from '../output/console-reporter';
import { serveStaticFolder, type StaticFolderServer } from '../serve/static-folder-server';

export interface ServeCommandOptions {
  host: string;
  port: number;
}

/**
 * `contrastive serve <folder>`: serves a built static folder (the web app: `npm run demo` builds
 * it into apps/demo/dist) until Ctrl-C, on 127.0.0.1 unless `--host` says otherwise.
 * Resolves to the running server, so a program that embeds the command can close it.
 */
export async function serveCommand(
  folder: string,
  options: ServeCommandOptions,
  reporter: ConsoleReporter,
): Promise<StaticFolderServer> {
  const root = path.resolve(folder);
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new CliError(
      `${root} has no index.html: serve a built web app folder (npm run demo builds apps/demo/dist)`,
      EXIT.data,
    );
  }
  let server: StaticFolderServer;
  try {
    server = await serveStaticFolder({ root, host: options.host, port: options.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${options.port} is in use (choose another with --port, or --port 0 for any free one)`
        : (error as Error).message;
    throw new CliError(`cannot serve ${root} on ${options.host}: ${reason}`, EXIT.usage);
  }
  reporter.result(`serving ${root} at ${server.url}/ (cross-origin isolated; Ctrl-C stops)`, {
    url: server.url,
    root,
  });
  if (options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1') {
    reporter.warn(`listening on ${options.host}: other machines can reach this server`);
  }
  return server;
}
