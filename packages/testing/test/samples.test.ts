/**
 * The vendor's documented request samples, sent the way each sample sends them, with only the
 * host changed. Sample bodies come from the SMS Partner docs ("Send SMS via Long Number" and
 * "Single Send" pages, docpartner.dev; copy in the toodiz/docpartner repository, files
 * pages/docs/SMS/envoyer-des-sms/envois_smsp1.en.md and envois_smsp3.en.md), facts only.
 */
import { execFile, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

let emu: Emulator;
beforeAll(async () => {
  // Quiet hours off so that the result does not depend on when the suite runs.
  emu = await startEmulator({ accounts: [{ quietHours: 'off' }] });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const curlAvailable = spawnSync('curl', ['--version']).status === 0;

/**
 * Runs `curl` with these arguments; without curl on the machine, sends the same bytes with
 * node:http (what curl sends for `-d`: form content type unless `-H` overrides it).
 */
async function curl(args: string[], url: string): Promise<string> {
  if (curlAvailable) {
    // Asynchronous: the emulator runs in this process and must keep answering.
    return new Promise((resolve, reject) => {
      execFile(
        'curl',
        ['-s', '--max-time', '10', ...args, url],
        { encoding: 'utf8' },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
    });
  }
  const body = args[args.indexOf('-d') + 1] ?? '';
  const header = args.includes('-H')
    ? (args[args.indexOf('-H') + 1] ?? '')
    : 'Content-Type: application/x-www-form-urlencoded';
  const [name, value] = header.split(/:\s*/);
  return raw(url, 'POST', { [name as string]: value as string }, body);
}

/** Sends exactly these headers and body with node:http (nothing added but Host/Connection). */
function raw(
  url: string,
  method: string,
  headers: Record<string, string | number>,
  body: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.write(body);
    req.end();
  });
}

describe('POST /v1/vn/send samples, unchanged but for the host', () => {
  it('cURL (JSON content type, placeholder values)', async () => {
    const out = await curl(
      [
        '-H',
        'Content-Type: application/json',
        '-X',
        'POST',
        '-d',
        '{"apiKey":"xxxxx","to":"xxxx","from":"xxx","message":"test"}',
      ],
      `${emu.url}/v1/vn/send`,
    );
    expect(JSON.parse(out)).toMatchObject({ success: true, code: 200, nb_sms: 1, currency: 'EUR' });
    expect(emu.lastRequest({ route: 'vn/send' })?.headers['content-type']).toBe('application/json');
  });

  it('PHP: json_encode posted with CURLOPT_POSTFIELDS (form content type, JSON body)', async () => {
    const fields = {
      apiKey: 'YOUR API KEY',
      to: '336xxxxxxxx',
      from: '336xxxxxxxx',
      message: 'This is your message',
    };
    // PHP's curl sends a string POSTFIELDS as application/x-www-form-urlencoded, as curl -d does.
    const out = await curl(['-X', 'POST', '-d', JSON.stringify(fields)], `${emu.url}/v1/vn/send`);
    expect(JSON.parse(out)).toMatchObject({ success: true, code: 200 });
    expect(emu.lastRequest({ route: 'vn/send' })?.headers['content-type']).toBe(
      'application/x-www-form-urlencoded',
    );
    expect(emu.messages()[0]?.recipients[0]?.text).toBe('This is your message');
  });

  it('Python requests.post(url, data=json.dumps(data)): no Content-Type at all', async () => {
    const body =
      '{"apiKey": "MY API KEY", "to": "336xxxxxxxx", "from": "336xxxxxxxx", "message": "This is your message"}';
    const out = await raw(
      `${emu.url}/v1/vn/send`,
      'POST',
      {
        'User-Agent': 'python-requests/2.31.0',
        Accept: '*/*',
        'Content-Length': Buffer.byteLength(body),
      },
      body,
    );
    expect(JSON.parse(out)).toMatchObject({ success: true, code: 200 });
    expect(emu.lastRequest({ route: 'vn/send' })?.headers['content-type']).toBeUndefined();
  });

  it('Node https.request with JSON and Content-Length = data.length (characters, not bytes)', async () => {
    const data = JSON.stringify({
      apiKey: 'VOTRE_CLÉ_API',
      to: '336xxxxxxxx',
      from: '336xxxxxxxx',
      message: 'Ceci est votre message',
    });
    // "É" is 2 bytes: the declared length is one byte short, so the body's final "}" arrives
    // after it. The emulator completes the body and closes the connection after answering.
    expect(Buffer.byteLength(data)).toBe(data.length + 1);
    const out = await raw(
      `${emu.url}/v1/vn/send`,
      'POST',
      {
        'Content-Type': 'application/json',
        'Content-Length': data.length,
        'cache-control': 'no-cache',
      },
      data,
    );
    expect(JSON.parse(out)).toMatchObject({ success: true, code: 200 });
    expect(emu.lastRequest({ route: 'vn/send' })?.completedBody).toBe('}');
    expect(emu.messages()[0]?.recipients[0]?.text).toBe('Ceci est votre message');
  });

  it('the same samples are refused in strict mode (placeholders are not real keys or numbers)', async () => {
    emu.configure({ acceptPlaceholders: false });
    const out = await curl(
      [
        '-H',
        'Content-Type: application/json',
        '-X',
        'POST',
        '-d',
        '{"apiKey":"xxxxx","to":"xxxx","from":"xxx","message":"test"}',
      ],
      `${emu.url}/v1/vn/send`,
    );
    expect(JSON.parse(out)).toMatchObject({ success: false, code: 10 });
  });
});

describe('POST /v1/send samples', () => {
  it('cURL, with the line break the docs put inside the JSON', async () => {
    const out = await curl(
      [
        '-H',
        'Content-Type: application/json',
        '-X',
        'POST',
        '-d',
        '{"apiKey":"xxxxx","phoneNumbers":"xxxx",\n"message":"test","sender":"mycompany"}',
      ],
      `${emu.url}/v1/send`,
    );
    expect(JSON.parse(out)).toMatchObject({
      success: true,
      code: 200,
      message_id: expect.any(Number),
    });
  });

  it('PHP form-posted JSON with a real key and number', async () => {
    const fields = {
      apiKey: emu.apiKey,
      phoneNumbers: '+33612345678',
      message: 'This is your message',
      sender: 'mycompany',
    };
    const out = await curl(['-X', 'POST', '-d', JSON.stringify(fields)], `${emu.url}/v1/send`);
    expect(JSON.parse(out)).toMatchObject({ success: true, code: 200 });
  });

  it('Python http.client with json.dumps (gamme and webhookUrl included)', async () => {
    const payload = JSON.stringify({
      apiKey: 'your api key smspartner',
      phoneNumbers: '+336xxxxxxxx',
      sender: 'Python',
      gamme: 1,
      message: 'Cest un message test PYTHON',
      webhookUrl: 'https://webhook.site/TOKEN',
    }).replaceAll('","', '", "');
    const out = await raw(
      `${emu.url}/v1/send`,
      'POST',
      {
        'Content-Type': 'application/json',
        'Content-Length': String(payload.length),
        'cache-control': 'no-cache',
      },
      payload,
    );
    expect(JSON.parse(out)).toMatchObject({ success: true, code: 200 });
    // `webhookUrl` is taken as the report URL (undocumented parameter of the official samples).
    expect(emu.messages()[0]?.urlDlr).toBe('https://webhook.site/TOKEN');
  });

  it('Node https.request sample with a webhookUrl header', async () => {
    const data = JSON.stringify({
      apiKey: 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      phoneNumbers: '+336XXXXXXXX',
      sender: 'NodeJS',
      gamme: 1,
      message: 'Cest un message test NodeJS',
    });
    const out = await raw(
      `${emu.url}/v1/send`,
      'POST',
      {
        'Content-Type': 'application/json',
        'Content-Length': data.length,
        'cache-control': 'no-cache',
        webhookUrl: 'https://webhook.site/TOKEN',
      },
      data,
    );
    expect(JSON.parse(out)).toMatchObject({ success: true, code: 200 });
  });
});
