import type { Browser, Page } from 'playwright-core';
import { approveUpdate } from '../../workflows/messages';
import { cutoverSuite, timelineText, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook, RECORD } from '../support/runbooks';
import { launchChromium, screenshotPath, startConsole, until, type RunningConsole } from './support';

describe('the console in a browser', () => {
  const suite = cutoverSuite();
  let browser: Browser;
  let console_: RunningConsole;
  let page: Page;

  beforeAll(async () => {
    [browser, console_] = await Promise.all([launchChromium(), startConsole()]);
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
    await console_?.close();
  });

  it('follows a cutover from start to completed without reloading the page', async () => {
    await suite.startWorker(fastCloud());
    const handle = await suite.start(fastRunbook());
    const documents: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) documents.push(frame.url());
    });
    await page.goto(`${console_.url}/cutovers/${encodeURIComponent(handle.workflowId)}`);
    await page.locator('#cutover .state').filter({ hasText: /canary, step/ }).waitFor({ timeout: 60_000 });
    await page.locator('#cutover .state', { hasText: 'completed' }).waitFor({ timeout: 60_000 });

    expect(documents).toHaveLength(1);
    await expect(page.locator('.timeline li').last().textContent()).resolves.toMatch(/complete/);
    await expect(page.locator('.weights').first().getAttribute('aria-label')).resolves.toBe('blue 0%, green 100%');
    await expect(page.locator('#announce').textContent()).resolves.toBe('cutover completed');
  });

  it('shows what an open gate approves and who may decide it, with no way to decide while signed out', async () => {
    await suite.startWorker(fastCloud());
    const handle = await suite.start(fastRunbook({
      gates: [{ name: 'half-way', approvers: ['alice', 'bob'] }],
      canary: { steps: [{ weight: 20, bake: '800ms' }, { weight: 50, bake: '800ms', gate: 'half-way' }, { weight: 100, bake: '800ms' }] },
    }));
    await waitForStatus(handle, (status) => status.openGate?.name === 'half-way');
    await page.goto(`${console_.url}/cutovers/${encodeURIComponent(handle.workflowId)}`);
    const gate = page.locator('section.gate');
    await gate.waitFor();

    const text = await gate.innerText();
    expect(text).toContain('Gate “half-way” is open');
    expect(text).toContain('alice, bob');
    expect(text).toMatch(/step\s+2\/3 at 50% green/);
    expect(text).toMatch(/lag\s+\d/);
    expect(text).toContain('error-rate');
    await expect(gate.locator('.weights').getAttribute('aria-label')).resolves.toBe('blue 50%, green 50%');
    await expect(page.locator('#mode').textContent()).resolves.toBe('read-only: sign-in is not configured');
    await expect(page.getByRole('button').count()).resolves.toBe(0);
    const refused = await page.evaluate(async (id) => {
      const answer = await fetch(`/api/cutovers/${encodeURIComponent(id)}/approve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ gate: 'half-way' }) });
      return { status: answer.status, body: await answer.json() };
    }, handle.workflowId);
    expect(refused).toEqual({ status: 403, body: expect.objectContaining({ error: 'sign-in is not configured; the console is read-only' }) });

    // A few analysis samples, for the charts in the screenshots.
    const chart = page.locator('svg.spark polyline').first();
    await until(async () => ((await chart.getAttribute('points')) ?? '').split(' ').length >= 3, 'three samples in the chart');
    for (const [name, width, height] of [['cutover-at-gate-phone.png', 390, 844], ['cutover-at-gate-desktop.png', 1280, 800]] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: screenshotPath(name), fullPage: true });
    }
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBe(0);

    await handle.executeUpdate(approveUpdate, { args: [{ gate: 'half-way', by: 'bob' }] });
    await page.locator('#cutover .state', { hasText: 'completed' }).waitFor({ timeout: 60_000 });
    await expect(page.locator('section.gate').count()).resolves.toBe(0);
  });

  it('says why a cutover rolled back, naming the metric, its value and threshold', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const handle = await suite.start(fastRunbook({ canary: { steps: [{ weight: 20, bake: '2s' }, { weight: 100, bake: '30s' }] } }));
    await page.goto(`${console_.url}/cutovers/${encodeURIComponent(handle.workflowId)}`);
    await page.locator('#cutover .state').filter({ hasText: 'step 2/2' }).waitFor({ timeout: 60_000 });
    cloud.injectMetric('green.error_rate', { value: 0.25 });

    await page.locator('#cutover .state', { hasText: 'rolled-back' }).waitFor({ timeout: 60_000 });
    const rollback = await page.locator('section.alarm').innerText();
    expect(rollback).toMatch(/error-rate/);
    expect(rollback).toMatch(/0\.25/);
    expect(rollback).toMatch(/DNS read back 100% blue\s+\d\d:\d\d:\d\d/);
    await expect(page.locator('.weights').first().getAttribute('aria-label')).resolves.toBe('blue 100%, green 0%');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath('cutover-rolled-back-phone.png'), fullPage: true });
  });

  it('shows a DNS drift with both weight sets, what DNS reads, and what resume and abort do', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const handle = await suite.start(fastRunbook({ canary: { steps: [{ weight: 50, bake: '5s' }, { weight: 100, bake: '800ms' }] } }));
    await waitForStatus(handle, (status) => timelineText(status).includes('step 1/2: weights blue 50% / green 50% in sync'));
    cloud.setWeightsByHand(RECORD, { blue: 100, green: 0 });
    await waitForStatus(handle, (status) => status.paused?.by === 'dns-drift');
    await page.goto(`${console_.url}/cutovers/${encodeURIComponent(handle.workflowId)}`);
    const drift = page.locator('section.alarm', { hasText: 'DNS changed by someone else' });
    await drift.waitFor({ timeout: 30_000 });

    const text = await drift.innerText();
    expect(text).toContain('DNS drift: reads blue 100 / green 0, wrote 50 / 50');
    expect(text).toContain('No DNS write until someone resumes');
    await expect(page.locator('#cutover').innerText()).resolves.toMatch(/DNS reads\s*blue 100% \/ green 0%/);
    await expect(page.locator('.timeline .kind-drift').first().innerText()).resolves.toContain('DNS drift: reads blue 100 / green 0, wrote 50 / 50');
  });
});
