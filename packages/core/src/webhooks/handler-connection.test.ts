/**
 * A refusal decided before the body was read to its end says `connection: close`: on a kept-alive
 * connection the unread rest of the body would otherwise sit in front of the client's next
 * request (found by the adapters' hostile-input suite, where such requests hung), and Node would
 * read all of it, however large, to reuse the connection.
 */
import { describe, expect, it } from 'vitest';
import { DLR, post, SECRET, setup, urlDlr } from '../../test/fixtures/webhooks/handler-kit.js';

const connection = (response: Response) => response.headers.get('connection');

describe('connection: close on refusals that leave the body unread', () => {
  it('405, 401 and 413 (the body was not, or not fully, read) close the connection', async () => {
    const { handle, events } = setup({ maxBodyBytes: 64 });
    const noToken = urlDlr.replace(/token=[^&]*/, 'token=wrong-token-of-another-length');
    const refused = [
      await handle(new Request(urlDlr, { method: 'PUT', body: JSON.stringify(DLR) })),
      await handle(post(noToken, DLR)),
      await handle(post(urlDlr.replace(/token=[^&]*&?/, ''), DLR)),
      await handle(post(urlDlr, { ...DLR, tag: 'x'.repeat(100) })),
    ];
    expect(refused.map((response) => response.status)).toEqual([405, 401, 401, 413]);
    expect(refused.map(connection)).toEqual(['close', 'close', 'close', 'close']);
    expect(events).toEqual([]);
  });

  it('a streamed body over the limit is refused mid-stream and closes too', async () => {
    const { handle } = setup({ maxBodyBytes: 1024 });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 512;
        controller.enqueue(new Uint8Array(512).fill(0x61));
      },
    });
    const response = await handle(
      new Request(urlDlr, { method: 'POST', body, duplex: 'half' } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(connection(response)).toBe('close');
    // Stopped at the limit: an endless stream was not drained.
    expect(pulled).toBeLessThanOrEqual(1024 + 2 * 512);
  });

  it('refusals after the whole body was read keep the connection, and so do answers', async () => {
    const { handle } = setup({ secret: SECRET });
    const kept = [
      await handle(post(urlDlr, '{"msgId":')), // 400, malformed
      await handle(post(urlDlr, DLR, { 'content-type': 'application/xml' })), // 415
      await handle(post(urlDlr, DLR)), // 200
      await handle(post(urlDlr, DLR)), // 200 duplicate
    ];
    expect(kept.map((response) => response.status)).toEqual([400, 415, 200, 200]);
    expect(kept.map(connection)).toEqual([null, null, null, null]);
  });
});
