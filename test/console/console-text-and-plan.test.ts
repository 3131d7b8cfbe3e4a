import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { cutoverSuite } from '../support/harness';
import { fastCloud, fastRunbook } from '../support/runbooks';
import { launchChromium, screenshotPath, startConsole, until, type RunningConsole } from './support';

/** Markup that would run if it were ever parsed as HTML, and characters a page must not render as they are. */
const HOSTILE = 'Route 53: <img src=x onerror="document.title=\'pwned\'"><b>bold</b> \u202eevil\u202c \x1b[31mred';

describe('the console in a browser, with text it must not trust', () => {
  const suite = cutoverSuite();
  let browser: Browser;
  let running: RunningConsole;
  let page: Page;

  beforeAll(async () => {
    // A long list, so that cutovers other test files start at the same time cannot push this one off it.
    [browser, running] = await Promise.all([launchChromium(), startConsole({ listLimit: 100 })]);
  });
  let scriptErrors: string[] = [];
  beforeEach(async () => {
    page = await browser.newPage();
    scriptErrors = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));
  });
  afterEach(async () => {
    await page?.close();
    expect(scriptErrors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it("shows markup and control characters from a cutover's timeline as text", async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    cloud.failNext('dns.isInSync', 1, HOSTILE);
    const handle = await suite.start(fastRunbook());
    await page.goto(`${running.url}/cutovers/${encodeURIComponent(handle.workflowId)}`);
    await page.locator('#cutover .state', { hasText: 'completed' }).waitFor({ timeout: 60_000 });

    const retry = page.locator('.timeline li.kind-retry').first();
    const text = await retry.innerText();
    expect(text).toContain('<img src=x onerror="document.title=\'pwned\'"><b>bold</b>');
    expect(text).toContain('\\u202eevil\\u202c \\x1b[31mred');
    expect(text).not.toMatch(/[\u202e\u202c\x1b]/);
    await expect(page.locator('.timeline img, .timeline b').count()).resolves.toBe(0);
    await expect(page.title()).resolves.not.toBe('pwned');
  });

  it('updates the list of cutovers as they start and finish, without reloading', async () => {
    await suite.startWorker(fastCloud());
    let documents = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) documents += 1;
    });
    await page.goto(`${running.url}/`);
    await page.locator('#cutovers[aria-busy="false"]').waitFor();
    const handle = await suite.start(fastRunbook({
      gates: [{ name: 'go-live', approvers: ['bob'] }],
      startGate: 'go-live',
    }));
    const row = page.locator('table.list tr', { hasText: handle.workflowId });
    await row.locator('.state', { hasText: 'gate, at gate go-live' }).waitFor({ timeout: 60_000 });
    await handle.terminate('end of test');

    await row.locator('.state', { hasText: 'terminated' }).waitFor({ timeout: 60_000 });
    expect(documents).toBe(1);
    await page.screenshot({ path: screenshotPath('list-desktop.png'), fullPage: true });
    await row.getByRole('link', { name: handle.workflowId }).click();
    await page.locator('#cutover[aria-busy="false"]').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cutovers/${encodeURIComponent(handle.workflowId)}`);
  });

  it("shows a pasted runbook's plan, and its problems with their field paths", async () => {
    await page.goto(`${running.url}/plan`);
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus').textContent()).resolves.toBe('Skip to content');
    const runbook = page.getByLabel('Runbook (YAML)');
    await runbook.fill('name: orders\nrpo: soon\ncanary:\n  steps:\n    - weight: 500\n      bake: 1m\n');
    await page.getByRole('button', { name: 'Plan' }).click();
    const problems = page.locator('#plan-result .problems li');
    await problems.first().waitFor();

    const lines = await problems.allInnerTexts();
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^line 2 rpo: /), expect.stringMatching(/^line 5 canary\.steps\[0\]\.weight: /)]));
    await until(async () => (await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)) === 'plan-result', 'focus on the result');

    await runbook.fill(readFileSync(path.join(__dirname, '..', '..', 'examples', 'orders-cutover.yaml'), 'utf8'));
    await page.getByRole('button', { name: 'Plan' }).click();
    await page.locator('#plan-result h2', { hasText: 'Plan of orders-cutover' }).waitFor();
    await expect(page.locator('#plan-result .plan-steps > li').count()).resolves.toBeGreaterThan(4);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath('plan-phone.png'), fullPage: true });
  });
});

