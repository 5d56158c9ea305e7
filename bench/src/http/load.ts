/**
 * A small load generator: a fixed number of workers, each sending one request at a time over a
 * keep-alive connection to 127.0.0.1, for a bounded time and a bounded number of requests.
 */
import http from 'node:http';

export interface Target {
  /** Port on 127.0.0.1. */
  port: number;
  /** Path with query string. */
  path: string;
  /** The JSON body of request number `n` (unique per request when the server deduplicates). */
  body: (n: number) => string;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
}

const now = () => Number(process.hrtime.bigint()) / 1e9;

/** One keep-alive agent per target, reused across rounds so that connections stay warm. */
export function agentFor(concurrency: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
}

let counter = 0;

function post(agent: http.Agent, target: Target, retryReset = false): Promise<number> {
  const body = target.body(counter++);
  const sent = new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port: target.port,
        method: 'POST',
        path: target.path,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.on('error', reject);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.resume();
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  // A server slowed down a lot (under Valgrind) may drop a kept-alive connection as the request
  // goes out; sent again, on a new connection, it is the same work.
  return retryReset
    ? sent.catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ECONNRESET') throw error;
        return post(agent, target, true);
      })
    : sent;
}

/**
 * Sends requests with `concurrency` workers until `seconds` have passed or `maxRequests` were
 * sent. Throws on any answer other than 200: the figure would not measure the intended work.
 */
export async function load(
  agent: http.Agent,
  target: Target,
  options: { concurrency: number; seconds: number; maxRequests: number; retryReset?: boolean },
): Promise<LoadResult> {
  let issued = 0;
  let done = 0;
  const start = now();
  const deadline = start + options.seconds;
  const worker = async () => {
    while (issued < options.maxRequests && now() < deadline) {
      issued++;
      const status = await post(agent, target, options.retryReset);
      if (status !== 200) throw new Error(`POST ${target.path} answered ${status}, not 200`);
      done++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = now() - start;
  return { requests: done, seconds, perSecond: done / seconds };
}
