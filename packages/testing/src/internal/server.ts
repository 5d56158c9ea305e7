/**
 * The node:http server around the engine.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Engine } from './engine.js';
import { handleRequest } from './http-handler.js';
import { ACTIVE, REPAIRED } from './socket-state.js';

type MarkedSocket = Socket & { [REPAIRED]?: boolean; [ACTIVE]?: boolean };

export interface Listening {
  server: Server;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Node's own default; `close()` ends idle connections itself, so a shorter one gains nothing. */
export const DEFAULT_KEEP_ALIVE_TIMEOUT = 5000;

export async function listen(
  engine: Engine,
  host: string,
  port: number,
  keepAliveTimeout = DEFAULT_KEEP_ALIVE_TIMEOUT,
): Promise<Listening> {
  const server = createServer((req, res) => {
    const socket = req.socket as MarkedSocket;
    socket[ACTIVE] = true;
    res.once('close', () => {
      socket[ACTIVE] = false;
      if (socket[REPAIRED]) socket.destroy();
    });
    handleRequest(engine, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ success: false, code: 500, message: String(error) }));
      } else {
        res.destroy();
      }
    });
  });
  server.on('clientError', (error: Error & { code?: string }, raw) => {
    const socket = raw as MarkedSocket;
    if (error.code === 'HPE_INVALID_EOF_STATE') {
      // The client closed the connection in the middle of a request (it gave up): nobody is left
      // to answer, and closing ours aborts the request so that its handler can finish its record.
      socket.destroy();
      return;
    }
    if (socket[ACTIVE] || socket[REPAIRED]) {
      // Bytes after a request's declared body, typically the tail of a body whose Content-Length
      // was counted in characters (see http-handler.ts): the request in progress is answered
      // with `Connection: close`, then the connection ends; nothing else is written.
      if (!socket[ACTIVE]) socket.destroy();
      else socket[REPAIRED] = true;
      return;
    }
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  // Shorter than this and undici's pooled sockets race the server's idle close between calls (a
  // reconnect per call). Keep-alive sockets never hold `close()` open: it ends them all.
  server.keepAliveTimeout = keepAliveTimeout;
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
