import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explainMessage, SmsPartnerClient } from '@sms-partner/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../dist/index.js';
import { ANSI, cli } from './helpers.js';

const parse = (text: string) =>
  JSON.parse(text) as ReturnType<typeof explainMessage> & {
    totalSms: number;
    recipients: number;
    estimatedCost?: { total: number; perRecipient: number; currency: string };
  };
// What the JSON output must equal: the SDK's explanation, through JSON.
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('sms-partner analyze', () => {
  it("prints the SDK's analysis and the costly characters, without colour off a terminal", async () => {
    const text = 'Bonjour Zoé, ça coûte 5 € ? 😀';
    const { analysis } = explainMessage(text);
    const result = await cli(['analyze', text]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).not.toMatch(ANSI);
    expect(result.stdout).toMatch(
      new RegExp(`Encoding +${analysis.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2'}`),
    );
    expect(result.stdout).toMatch(new RegExp(`SMS +${analysis.segments} per recipient`));
    expect(result.stdout).toMatch(/Sent as +"Bonjour Zoé, ça coûte 5 :euro: \? 😀"\n/);
    expect(result.stdout).toMatch(/"€" +2 septets .*extension/);
    expect(result.stdout).toMatch(/"û" .*sent as "u" by the SMS Partner platform/);
    expect(result.stdout).toMatch(/"😀" .*sent as "\?"/);
    expect(result.stdout).toContain('warning: ');
  });

  it('prints exactly the SDK explanation with --json, from an argument, a file or stdin', async () => {
    const text = 'Prix : 5 €\nMerci {client} – à bientôt…';
    const expected = viaJson(explainMessage(text, { isStopSms: true }));
    const fromArg = parse((await cli(['analyze', '--json', '--stop', text])).stdout);
    expect(fromArg).toMatchObject({
      ...expected,
      recipients: 1,
      totalSms: expected.analysis.segments,
    });

    const file = join(tmpdir(), `sms-partner-cli-${process.pid}.txt`);
    writeFileSync(file, `${text}\n`); // the final newline an editor adds is not part of the message
    const fromFile = parse((await cli(['analyze', '--json', '--stop', '--file', file])).stdout);
    expect(fromFile.analysis).toEqual(expected.analysis);

    const fromStdin = await cli(['analyze', '--json', '--stop', '-'], { input: `${text}\n` });
    expect(parse(fromStdin.stdout).analysis).toEqual(expected.analysis);
    const piped = await cli(['analyze', '--json', '--stop'], { input: text });
    expect(parse(piped.stdout).analysis).toEqual(expected.analysis);

    const generic = parse((await cli(['analyze', '--auto', '--json', text])).stdout);
    expect(generic).toMatchObject(viaJson(explainMessage(text, { encoding: 'auto' })));
  });

  it('costs a send with --price and --recipients through the client preview', async () => {
    const text = 'Votre commande est prête ! 🎉'.repeat(3);
    const result = parse(
      (
        await cli([
          'analyze',
          '--json',
          '--unicode',
          '--price',
          '0.045',
          '--recipients',
          '1200',
          text,
        ])
      ).stdout,
    );
    const preview = new SmsPartnerClient({
      apiKey: 'unused',
      pricing: { premium: 0.045 },
    }).sms.preview(text, {
      isUnicode: true,
      recipients: 1200,
    });
    expect(result.estimatedCost).toEqual(preview.estimatedCost);
    expect(result.totalSms).toBe(preview.segments * 1200);
    const table = await cli([
      'analyze',
      '--unicode',
      '--price',
      '0,045',
      '--recipients',
      '1200',
      text,
    ]);
    expect(table.stdout).toMatch(new RegExp(`Cost +${preview.estimatedCost!.total} EUR`));
  });

  it('colours the per-character view in a terminal, and never with NO_COLOR or --no-color', async () => {
    const text = 'Prix 5€ 😀 {ok}';
    const forced = await cli(['analyze', text], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(ANSI);
    expect(forced.stdout).toContain('\u001b[31m😀\u001b[39m'); // outside GSM-7: red
    expect(forced.stdout).toContain('\u001b[33m€\u001b[39m'); // 2 septets: yellow
    expect(forced.stdout).toContain('\u001b[36m{\u001b[39m'); // replaced by the platform: cyan

    const flag = await cli(['analyze', '--color', text]);
    expect(flag.stdout).toMatch(ANSI);
    const noColor = await cli(['analyze', text], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(ANSI);
    const noFlag = await cli(['analyze', '--no-color', text], { env: { FORCE_COLOR: '1' } });
    expect(noFlag.stdout).not.toMatch(ANSI);
  });

  it('exits with 1 when SMS Partner would refuse the message or it exceeds --max-segments', async () => {
    const long = 'a'.repeat(153 * 10 + 1); // one septet more than 10 parts
    const refused = await cli(['analyze', long]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      new RegExp(`SMS +${explainMessage(long).analysis.segments} per recipient`),
    );
    expect(refused.stderr).toContain('sms-partner: SMS Partner would refuse this message.');
    expect(refused.stderr).toContain('API error 52');

    const two = 'b'.repeat(200);
    const over = await cli(['analyze', '--max-segments', '1', two]);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('needs 2 SMS, more than --max-segments 1');
    expect((await cli(['analyze', '--max-segments', '2', two])).code).toBe(0);

    const lowcost = await cli(['analyze', '--lowcost', two]);
    expect(lowcost.code).toBe(1);
    expect(lowcost.stderr).toContain('API error 42');
  });

  it('exits with 2 on contradictory flags, bad values and unreadable files', async () => {
    const auto = await cli(['analyze', '--auto', '--stop', 'x']);
    expect(auto).toMatchObject({ code: 2, stdout: '' });
    expect(auto.stderr).toContain('--auto is generic detection');
    const price = await cli(['analyze', '--price', 'cheap', 'x']);
    expect(price.code).toBe(2);
    expect(price.stderr).toContain("option '--price <eur>' argument 'cheap' is invalid");
    const file = await cli(['analyze', '--file', '/nonexistent/promo.txt']);
    expect(file).toMatchObject({ code: 2, stdout: '' });
    expect(file.stderr).toBe('sms-partner: cannot read /nonexistent/promo.txt: no such file.\n');
  });

  it('agrees with explainMessage on any text, and fails exactly when the platform would refuse it', async () => {
    // In-process through the built entry (run), so that many inputs stay cheap.
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.boolean(),
        async (text, stop) => {
          fc.pre(text !== '-');
          let out = '';
          let err = '';
          const args = ['analyze', '--json', ...(stop ? ['--stop'] : []), '--', text];
          const code = await run(args, {
            stdout: { write: (chunk: string) => (out += chunk) },
            stderr: { write: (chunk: string) => (err += chunk) },
            env: {},
          });
          const expected = explainMessage(text, stop ? { isStopSms: true } : {});
          expect(parse(out).analysis).toEqual(viaJson(expected.analysis));
          const refused = expected.analysis.violations.some((v) => v.severity === 'error');
          expect(code).toBe(refused ? 1 : 0);
          expect(err === '').toBe(!refused);
        },
      ),
      { numRuns: 200 },
    );
  });
});
