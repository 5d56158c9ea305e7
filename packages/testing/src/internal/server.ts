/**
 * The node:http server around the engine.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from './engine.js';
import { handleRequest } from './http-handler.js';

export interface Listening {
  server: Server;
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(engine: Engine, host: string, port: number): Promise<Listening> {
  const server = createServer((req, res) => {
    handleRequest(engine, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ success: false, code: 500, message: String(error) }));
      } else {
        res.destroy();
      }
    });
  });
  // Keep-alive sockets would hold `close()` open; the emulator is a test tool, so close eagerly.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
