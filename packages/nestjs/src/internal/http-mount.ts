import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { HttpServer } from '@nestjs/common';
import type { WebhookPlainRequest, WebhookPlainResponse, WebRequestBody } from '@sms-partner/core';

/** Core's handler on plain parts (`handlePlain`), as the route calls it. */
export type PlainRequestHandler = (request: WebhookPlainRequest) => Promise<WebhookPlainResponse>;

// Structural views of the two platforms' instances, so that neither framework is imported.
type Next = (error?: unknown) => void;
/** What Express-style body parsers may have left on the request. */
interface ParsedRequest extends IncomingMessage {
  body?: unknown;
  rawBody?: Uint8Array;
  originalUrl?: string;
}
interface ExpressLike {
  all(
    path: string,
    handler: (req: ParsedRequest, res: ServerResponse, next: Next) => void,
  ): unknown;
}
interface FastifyRequestLike {
  raw: IncomingMessage;
  body?: unknown;
}
interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  headers(values: Record<string, string>): FastifyReplyLike;
  send(payload: unknown): FastifyReplyLike;
}
interface FastifyLike {
  register(plugin: (scope: FastifyLike) => Promise<void>): unknown;
  removeAllContentTypeParsers(): void;
  addContentTypeParser(
    type: string,
    parser: (req: unknown, payload: Readable, done: Next & ((e: null, b: unknown) => void)) => void,
  ): void;
  all(path: string, handler: (request: FastifyRequestLike, reply: FastifyReplyLike) => void): void;
}

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Node's request as core's plain parts: nothing is converted, core reads what it needs. */
const parts = (req: ParsedRequest, body: unknown): WebhookPlainRequest => ({
  method: req.method,
  url: req.originalUrl ?? req.url ?? '/',
  headers: req.headers,
  body: body as WebRequestBody,
  remoteAddress: req.socket.remoteAddress,
});

/**
 * Mounts core's handler at `path` on the application's own HTTP server, for every method. It is
 * mounted on the platform instance rather than declared as a controller because the path is only
 * known once (possibly async) options are resolved, after controllers are decorated.
 */
export function mountWebhookRoute(
  server: HttpServer,
  path: string,
  handle: PlainRequestHandler,
): void {
  if (server.getType() === 'fastify') {
    const fastify = server.getInstance() as FastifyLike;
    void fastify.register(async (scope) => {
      // Fastify would otherwise parse JSON itself and answer malformed bodies or other media types
      // before core can; in this encapsulated scope the route gets the untouched stream.
      scope.removeAllContentTypeParsers();
      const untouched: Parameters<FastifyLike['addContentTypeParser']>[1] = (_req, payload, done) =>
        done(null, payload);
      // The catch-all parser is looked up anew for every request; the usual callback types are
      // registered by name too, which Fastify caches.
      for (const type of [JSON_TYPE, FORM_TYPE, '*']) scope.addContentTypeParser(type, untouched);
      scope.all(path, (request, reply) => {
        // The scope's parser hands over the untouched payload stream as the body. Callback style
        // (no async handler): Fastify then has no promise of ours to follow.
        handle(parts(request.raw, request.body ?? request.raw)).then(
          (answer) => reply.code(answer.status).headers(answer.headers).send(answer.body),
          (error: unknown) => reply.send(error),
        );
      });
    });
    return;
  }
  (server.getInstance() as ExpressLike).all(path, (req, res, next) => {
    // Stream the body unless Nest's json/urlencoded parsers already read it.
    handle(parts(req, req.readableEnded ? (req.rawBody ?? req.body) : req))
      .then((answer) => {
        // Headers set earlier by other middleware stay; core's win on a clash, as before.
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      })
      .catch(next);
  });
}
