/**
 * End to end, in a real headless browser (Debian's chromium driven by playwright-core): the
 * playground runs in this process on ephemeral ports; the test uses the page as a person would.
 * Screenshots land in apps/playground/test-results/ (kept by CI as artifacts).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppName } from '../src/live-store.js';
import { type Playground, startPlayground } from '../src/playground.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = fileURLToPath(new URL('../test-results/', import.meta.url));
/**
 * Waiting for something that happens over the network, never a measure of speed: wide enough for
 * a CI machine running other suites beside this one (every other `expect.poll` gets the same limit
 * from vitest.config.ts).
 */
const WAIT = { timeout: 30_000 };
/** A UTC ISO instant, as the SDK's error messages write them; the page must show Paris time. */
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?Z/;

let playground: Playground;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
}

/** Sends the textarea's message through `app` and returns the card of the accepted message. */
async function send(
  app: AppName,
  to: string,
  message: string,
  via: 'click' | 'keyboard' = 'click',
): Promise<Locator> {
  await page.locator(`input[name="app"][value="${app}"]`).check();
  await page.fill('#to', to);
  await page.fill('#message', message);
  if (via === 'keyboard') await page.locator('#message').press('Control+Enter');
  else await page.click('#send');
  await expect.poll(() => page.textContent('#send-status'), WAIT).toMatch(/^Accepted as #\d+/);
  const id = /#(\d+)/.exec((await page.textContent('#send-status')) ?? '')?.[1];
  return page.locator(`#messages li[data-message-id="${id}"]`);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}; the playground's browser test needs it. ` +
        'Fix: `apt-get install chromium` (Debian) or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  mkdirSync(RESULTS, { recursive: true });
  playground = await startPlayground({ port: 0, dlrDelayMs: 200 });
  // No delivery report may time out and wait for a retry because the machine is busy.
  playground.emulator.configure({ callbackTimeoutMs: 60_000 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(playground.url);
  await page.waitForSelector('body[data-ready="true"]', WAIT);
  // A weekday morning, so that sends leave at once whatever the real time is.
  await page.click('button[data-preset="weekday-morning"]');
  await page.waitForFunction(
    () => document.getElementById('clock-quiet')?.textContent?.startsWith('Sending window'),
    undefined,
    WAIT,
  );
});

afterAll(async () => {
  await browser?.close();
  await playground?.stop();
});

describe('the first paint, for people and for screenshot tools', () => {
  it('renders the state without the event stream, and goes live on first use', async () => {
    // A message whose text could close a <script> if the inlined state were not escaped.
    const view = playground.store.created('express', '0612345678', 'Tiens </script><b>x</b>');
    playground.store.failed(view.id, { name: 'Demo', code: 'demo', message: 'not sent' });
    const fresh = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const streams: string[] = [];
    const errors: string[] = [];
    fresh.on('request', (request) => {
      if (request.url().endsWith('/api/events')) streams.push(request.url());
    });
    fresh.on('pageerror', (error) => errors.push(error.message));
    try {
      await fresh.goto(playground.url);
      await fresh.waitForSelector('body[data-ready="true"]', WAIT);
      // Complete from the page alone: the clock, the messages (the tricky text shown as text).
      expect(await fresh.textContent('#clock-now')).toMatch(/\d{4} at \d{2}:\d{2}:\d{2}$/);
      await expect
        .poll(() => fresh.locator(`#msg-${view.id} .msg-text`).textContent())
        .toBe('Tiens </script><b>x</b>');
      expect(await fresh.textContent('#connection')).toBe('Not live yet');
      expect(streams).toEqual([]);
      // A person moves the pointer: the stream opens.
      await fresh.mouse.move(200, 200);
      await expect.poll(() => fresh.textContent('#connection'), WAIT).toBe('Live');
      expect(streams).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('lets chromium --headless --screenshot finish, with and without a virtual time budget', async () => {
    const run = promisify(execFile);
    for (const extra of [[], ['--virtual-time-budget=3000']]) {
      const profile = mkdtempSync(join(tmpdir(), 'playground-chromium-'));
      const png = join(RESULTS, `0-cli-screenshot${extra.length ? '-virtual-time' : ''}.png`);
      try {
        // The real command a person or a CI job types; the timeout only guards against the hang
        // this test is about (an event stream keeps virtual time from ever running out).
        const { stdout } = await run(
          CHROMIUM,
          [
            '--headless',
            ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
            `--user-data-dir=${profile}`,
            '--window-size=1280,900',
            ...extra,
            '--dump-dom',
            `--screenshot=${png}`,
            playground.url,
          ],
          { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
        );
        expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');
        // What was painted: the state, not the placeholders.
        expect(stdout).toContain('data-ready="true"');
        expect(stdout).toMatch(/<time id="clock-now"[^>]*>\w+day, \d+ \w+ \d{4} at /);
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    }
  }, 150_000);
});

describe('the playground dashboard', () => {
  it('labels every control and announces the log', async () => {
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button')]
        .filter((el) => {
          const named =
            (el as HTMLInputElement).labels?.length ||
            el.getAttribute('aria-label') ||
            el.getAttribute('aria-labelledby') ||
            (el.tagName === 'BUTTON' && el.textContent?.trim());
          return !named;
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    expect(await page.getAttribute('#log', 'role')).toBe('log');
    expect(await page.getAttribute('#log', 'aria-live')).toBe('polite');
  });

  it('counts segments live as you type', async () => {
    const segments = page.locator('#a-segments');
    const encoding = page.locator('#a-encoding');
    // GSM 03.38: 160 septets fit one SMS; past that, parts carry 153 each (a UDH takes 7).
    await page.fill('#message', 'a'.repeat(160));
    await expect.poll(() => segments.textContent()).toBe('1');
    await expect.poll(() => encoding.textContent()).toBe('GSM-7');
    await page.locator('#message').press('End');
    await page.keyboard.type('b');
    await expect.poll(() => segments.textContent()).toBe('2');
    await expect.poll(() => page.locator('#segments .segment').count()).toBe(2);
    // The second part starts right after the 153rd character.
    await expect
      .poll(() => page.locator('#segments .segment').nth(1).locator('.ch').count())
      .toBe(8);

    // '€' is a GSM-7 extension character: two septets, so 159 a's and a '€' need two SMS.
    await page.check('#mode-generic');
    await page.fill('#message', `${'a'.repeat(159)}€`);
    await expect.poll(() => segments.textContent()).toBe('2');
    await expect.poll(() => page.textContent('#chars-ext')).toContain('€');

    // An emoji is outside GSM-7: UCS-2, 70 units per SMS, and it is named as the culprit.
    await page.fill('#message', 'Bonjour 😀');
    await expect.poll(() => encoding.textContent()).toBe('UCS-2 (Unicode)');
    await expect.poll(() => segments.textContent()).toBe('1');
    await expect.poll(() => page.textContent('#chars-ucs2')).toContain('😀');

    // A curly apostrophe has a GSM-7 spelling: the suggestion brings the message back to GSM-7.
    await page.fill('#message', 'C’est noté');
    await expect.poll(() => encoding.textContent()).toBe('UCS-2 (Unicode)');
    await expect.poll(() => page.isVisible('#translit')).toBe(true);
    await page.click('#translit-use');
    await expect.poll(() => page.inputValue('#message')).toBe("C'est noté");
    await expect.poll(() => encoding.textContent()).toBe('GSM-7');
    await page.check('#mode-sp');
    await screenshot('1-analysis');
  });

  it('costs the suggested transliteration the way the tiles count', async () => {
    const encoding = page.locator('#a-encoding');
    const gain = page.locator('#translit-gain');
    // The apostrophe has a GSM-7 spelling, the emoji none: each mode counts them differently.
    const text = 'C’est noté 😀';
    const modes = [
      { mode: '#mode-sp', unicode: false, tiles: 'GSM-7' },
      { mode: '#mode-sp', unicode: true, tiles: 'UCS-2 (Unicode)' },
      { mode: '#mode-generic', unicode: false, tiles: 'UCS-2 (Unicode)' },
    ];
    for (const { mode, unicode, tiles } of modes) {
      await page.check(mode);
      if (mode === '#mode-sp') await page.setChecked('#opt-unicode', unicode);
      await page.fill('#message', text);
      await expect.poll(() => encoding.textContent()).toBe(tiles);
      await expect.poll(() => page.isVisible('#translit')).toBe(true);
      // "<before> → <after>": the before is what the tiles say.
      await expect
        .poll(() => gain.textContent())
        .toMatch(new RegExp(`^${tiles.replace(/[()]/g, '\\$&')}, 1 SMS`));
    }
    // Without Unicode, SMS Partner mode sends the emoji as '?': the box says so.
    await page.check('#mode-sp');
    await page.setChecked('#opt-unicode', false);
    await expect.poll(() => gain.textContent()).toContain('1 not sendable without Unicode');
    await page.fill('#message', 'Bonjour');
  });

  it('sends through Express, Hono and NestJS and shows each delivery report', async () => {
    for (const app of ['express', 'hono', 'nestjs'] as const) {
      // Hono's send goes by keyboard (Ctrl+Enter in the message), the others by the button.
      const via = app === 'hono' ? 'keyboard' : 'click';
      const card = await send(app, '06 12 34 56 78', `Bonjour depuis ${app} !`, via);
      await expect.poll(() => card.getAttribute('data-state'), WAIT).toBe('delivered');
      await expect.poll(() => card.getAttribute('data-app')).toBe(app);
      const label = { express: 'Express', hono: 'Hono', nestjs: 'NestJS' }[app];
      await expect.poll(() => card.textContent()).toContain(`report received by ${label}`);
      // The report really went to this app's own webhook route.
      const messageId = Number(await card.getAttribute('data-message-id'));
      const reports = playground.emulator
        .callbacks({ kind: 'dlr' })
        .filter((c) => c.messageId === messageId);
      expect(reports).toHaveLength(1);
      expect(reports[0]?.url.startsWith(`${playground.apps[app].webhookUrl}?`)).toBe(true);
      expect(reports[0]?.state).toBe('delivered');
      // The phone answers the message just sent, the newest.
      await expect
        .poll(() => page.inputValue('#phone-message'))
        .toBe((await card.getAttribute('id'))?.replace(/^msg-/, ''));
    }
    await screenshot('2-sent-through-each-app');
  });

  it('holds a commercial SMS on a Sunday and releases it with the clock', async () => {
    await page.click('button[data-preset="sunday"]');
    await expect
      .poll(() => page.textContent('#clock-quiet'), WAIT)
      .toMatch(/Quiet hours \(Sunday\)/);
    const card = await send('hono', '06 98 76 54 32', 'Promo du dimanche');
    await expect.poll(() => card.getAttribute('data-state'), WAIT).toBe('held');
    await expect
      .poll(() => card.textContent())
      .toMatch(/Held for quiet hours until \w{3} \d+ \w{3}, 08:00/);
    await screenshot('3-held-on-sunday');
    await page.click('#clock-release');
    await expect.poll(() => card.getAttribute('data-state'), WAIT).toBe('delivered');
    await expect.poll(() => card.textContent()).toContain('Released by the platform');
  });

  it('refuses in quiet hours in Paris time, with numbers written one way', async () => {
    await page.click('button[data-preset="weekday-evening"]');
    await expect
      .poll(() => page.textContent('#clock-quiet'), WAIT)
      .toMatch(/Quiet hours \(night\)/);
    await page.selectOption('#quiet-mode', 'reject');
    await page.locator('input[name="app"][value="express"]').check();
    await page.fill('#to', '06 12 34 56 78');
    await page.fill('#message', 'Promo du soir');
    await page.click('#send');
    await expect.poll(() => page.textContent('#send-status'), WAIT).toMatch(/^Refused/);
    const status = (await page.textContent('#send-status')) ?? '';
    expect(status).not.toMatch(ISO_INSTANT);
    // The next window is the next working morning, 08:00 in Paris.
    expect(status).toMatch(/Next send window: \w{3} \d+ \w{3}, 08:00 \(Paris\)/);
    const refused = page.locator('#messages li').first();
    await expect.poll(() => refused.getAttribute('data-state')).toBe('failed');
    expect(await refused.textContent()).not.toMatch(ISO_INSTANT);
    // Accepted and refused cards write the recipient the same way (E.164, as the SDK sends it).
    const titles = await page.locator('#messages .msg-title').allTextContents();
    const numbers = titles.map((t) => /→ (\S+)/.exec(t)?.[1]);
    expect(numbers.length).toBeGreaterThan(3);
    for (const n of numbers) expect(n).toMatch(/^\+\d{8,15}$/);
    await page.selectOption('#quiet-mode', 'allow');
    await page.click('button[data-preset="weekday-morning"]');
    await expect.poll(() => page.textContent('#clock-quiet'), WAIT).toMatch(/^Sending window/);
  });

  it('fits a phone screen: no badge or control runs past the edge', async () => {
    // The longest verdict: a public holiday's name in the clock badge.
    await page.click('button[data-preset="holiday"]');
    await expect.poll(() => page.textContent('#clock-quiet'), WAIT).toMatch(/^Quiet hours/);
    for (const width of [320, 375]) {
      await page.setViewportSize({ width, height: 800 });
      const overflow = await page.evaluate(() => {
        const edge = document.documentElement.clientWidth;
        const past = [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > edge + 0.5)
          .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`);
        return { scroll: document.documentElement.scrollWidth, edge, past: past.slice(0, 5) };
      });
      expect(overflow.past).toEqual([]);
      expect(overflow.scroll).toBe(overflow.edge);
      await screenshot(`5-phone-${width}`);
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.click('button[data-preset="weekday-morning"]');
    await expect.poll(() => page.textContent('#clock-quiet'), WAIT).toMatch(/^Sending window/);
  });

  it('simulates a reply and a STOP from the phone, and honours the STOP', async () => {
    const card = await send('nestjs', '06 11 22 33 44', 'Confirmez-vous ? Répondez OUI');
    await expect.poll(() => card.getAttribute('data-state'), WAIT).toBe('delivered');
    const id = await card.getAttribute('id');
    await page.selectOption('#phone-message', id?.replace(/^msg-/, '') ?? '');
    await page.fill('#phone-text', 'Oui merci');
    await page.click('#phone-reply');
    await expect
      .poll(() => card.textContent(), WAIT)
      .toContain('Reply “Oui merci” received by NestJS');
    await page.click('#phone-stop');
    await expect.poll(() => page.textContent('#opted-out'), WAIT).toContain('+33611223344');
    await expect.poll(() => card.textContent()).toContain('STOP received by NestJS');
    await expect.poll(() => page.textContent('#log')).toContain('STOP from +33611223344');

    // SMS Partner drops stop-listed numbers: the next send to it is refused.
    await page.locator('input[name="app"][value="express"]').check();
    await page.fill('#to', '06 11 22 33 44');
    await page.fill('#message', 'Encore vous');
    await page.click('#send');
    await expect.poll(() => page.textContent('#send-status'), WAIT).toMatch(/^Refused/);
    await expect
      .poll(() => page.locator('#messages li').first().getAttribute('data-state'))
      .toBe('failed');
    await screenshot('4-reply-and-stop');
    expect(pageErrors).toEqual([]);
  });
});
