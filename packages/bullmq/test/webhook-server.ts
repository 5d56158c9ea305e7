/** A real HTTP server running core's webhook handler, as an app instance would. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toWebRequest, type WebhookHandler } from '@sms-partner/core';

export interface WebhookServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function serveWebhook(handler: WebhookHandler): Promise<WebhookServer> {
  const server: Server = createServer(async (req, res) => {
    try {
      const request = toWebRequest({
        method: req.method,
        url: req.url ?? '/',
        headers: req.headers,
        body: req,
      });
      const response = await handler(request, { remoteAddress: req.socket.remoteAddress });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms-partner/webhooks`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
