import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Mounted, mount } from './context.js';
import type { HarnessFactory } from './harness.js';
import { callbackRequest, DLR_VARIANTS, uniqueId } from './payloads.js';

/**
 * The adapter passes the socket's address to core: with `allowedSources`, a range that holds
 * 127.0.0.1 lets the suite in and one that does not gets 403 (an adapter that forgot the address
 * would get 403 on both, since core refuses unknown addresses).
 */
export function sourceCases(factory: HarnessFactory): void {
  let allowing: Mounted;
  let refusing: Mounted;
  beforeAll(async () => {
    const common = { hostParsesBodies: false, client: { apiKey: 'contract-suite-unused-key' } };
    allowing = await mount(factory, {
      ...common,
      webhook: { allowedSources: ['127.0.0.0/8', '::1'] },
    });
    refusing = await mount(factory, { ...common, webhook: { allowedSources: ['192.0.2.0/24'] } });
  });
  afterAll(async () => {
    await allowing?.harness.close();
    await refusing?.harness.close();
  });

  it('a caller inside allowedSources is served', async () => {
    const id = uniqueId();
    const response = await allowing.send(
      callbackRequest(allowing.urls.urlDlr, 'json', DLR_VARIANTS[0]!.build(id)),
    );
    expect(response.status).toBe(200);
    expect(allowing.recorder.byId(id)).toHaveLength(1);
  });

  it('a caller outside allowedSources gets 403 and reaches no handler', async () => {
    const id = uniqueId();
    const response = await refusing.send(
      callbackRequest(refusing.urls.urlDlr, 'json', DLR_VARIANTS[0]!.build(id)),
    );
    expect(response.status).toBe(403);
    expect(refusing.recorder.byId(id)).toEqual([]);
  });
}
