/**
 * Waves in the console, against a real Temporal server and the simulated worker: the JSON API read
 * through the CLI's own `Waves`, and the wave page in Debian's Chromium following a wave to its end.
 */
import type { Browser, Page } from 'playwright-core';
import { SimulatedCloud } from '../../activities/simulated';
import { approveWaveUpdate } from '../../workflows/wave/messages';
import { cutoverSuite } from '../support/harness';
import { greenErrorRate, startWave, waitForWave, waveRunInput, waveScenario } from '../wave/support';
import { launchChromium, screenshotPath, startConsole, until, type RunningConsole } from './support';

describe('waves in the console', () => {
  const suite = cutoverSuite();
  let browser: Browser;
  let console_: RunningConsole;
  let page: Page;
  let scriptErrors: string[] = [];

  beforeAll(async () => {
    [browser, console_] = await Promise.all([launchChromium(), startConsole()]);
  });
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

  // The answer's JSON as it came, checked field by field below.
  const api = async (path: string): Promise<{ status: number; body: any }> => {
    const answer = await fetch(`${console_.url}${path}`);
    return { status: answer.status, body: await answer.json() };
  };

  it('answers a wave\'s status with each application and why it was skipped, and lists the wave with its progress', async () => {
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a', 'b', 'c']) });
    cloud.setMetric(greenErrorRate('b'), 0.5);
    const worker = await suite.startWorker(cloud);
    const input = waveRunInput({ name: 'api', maxParallel: 2, blastRadius: { stopAfter: 2 }, applications: [{ name: 'a' }, { name: 'b', after: ['a'] }, { name: 'c', after: ['b'] }] });
    const handle = await startWave(suite.harness, worker.taskQueue, input);
    await handle.result();

    const { status, body } = await api(`/api/waves/${encodeURIComponent(handle.workflowId)}`);
    expect(status).toBe(200);
    expect(body.status.outcome).toBe('partly-completed');
    expect(body.applications.map((app: { name: string; id: string; state: string }) => [app.name, app.id, app.state])).toEqual([
      ['a', input.members[0]!.id, 'completed'],
      ['b', input.members[1]!.id, 'rolled-back'],
      ['c', input.members[2]!.id, 'skipped'],
    ]);
    expect(body.applications[2].reason).toBe('skipped because b rolled back');
    expect(body.applications[0].weights).toEqual({ blue: 0, green: 100 });

    const listed = (await api('/api/waves?limit=100')).body.find((wave: { id: string }) => wave.id === handle.workflowId);
    expect(listed).toMatchObject({ wave: 'api', outcome: 'partly-completed', progress: { ended: 3, completed: 1, total: 3 }, openGate: null, note: null, execution: { status: 'COMPLETED' } });
    await expect(api('/api/waves/no-such-wave')).resolves.toEqual({ status: 404, body: expect.objectContaining({ error: expect.stringContaining('no wave "no-such-wave"') }) });
    await expect(api('/api/waves?limit=0')).resolves.toMatchObject({ status: 400 });
    await expect(api(`/api/waves/${encodeURIComponent(input.members[0]!.id)}`)).resolves.toMatchObject({ status: 404, body: { error: expect.stringContaining('is a cutover, not a wave') } });
  });

  it('follows a wave from its start gate to completed without reloading, one row per application linking to its cutover', async () => {
    const worker = await suite.startWorker(SimulatedCloud.create({ scenario: waveScenario(['a', 'b', 'c']) }));
    const input = waveRunInput({
      name: 'page',
      maxParallel: 2,
      approvals: 'unverified',
      gates: [{ name: 'go', approvers: ['olivia', 'bob'] }],
      startGate: 'go',
      applications: [{ name: 'a' }, { name: 'b', after: ['a'] }, { name: 'c', after: ['a'] }],
    });
    const handle = await startWave(suite.harness, worker.taskQueue, input);
    await waitForWave(handle, (status) => status.openGate?.name === 'go');

    await page.goto(`${console_.url}/`);
    const listed = page.locator('table.waves tr', { hasText: handle.workflowId });
    await listed.waitFor();
    await expect(listed.innerText()).resolves.toMatch(/running, at gate go[\s\S]*0\/3/);
    await listed.getByRole('link', { name: handle.workflowId }).click();
    await page.waitForURL(`${console_.url}/waves/${encodeURIComponent(handle.workflowId)}`);
    const documents: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) documents.push(frame.url());
    });

    const gate = page.locator('section.gate');
    await gate.waitFor();
    const gateText = await gate.innerText();
    expect(gateText).toContain('Wave gate “go” (before any application starts) is open');
    expect(gateText).toContain('olivia, bob');
    expect(gateText).toContain(`cutover wave approve ${handle.workflowId} --gate go`);
    await expect(page.getByRole('button').count()).resolves.toBe(0);
    const rows = page.locator('table.applications tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    await expect(rows.nth(1).innerText()).resolves.toMatch(/waiting[\s\S]*after a/);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath('wave-at-gate-phone.png'), fullPage: true });

    await handle.executeUpdate(approveWaveUpdate, { args: [{ gate: 'go', by: 'bob' }] });
    await page.locator('tr[data-application="a"] .state', { hasText: 'running' }).waitFor({ timeout: 60_000 });
    await page.locator('#wave .headline .state', { hasText: 'completed' }).waitFor({ timeout: 90_000 });

    expect(documents).toEqual([]);
    await expect(page.locator('section.gate').count()).resolves.toBe(0);
    await expect(page.locator('#announce').textContent()).resolves.toBe('wave completed, 3 of 3 applications completed');
    for (const [index, member] of input.members.entries()) {
      const row = rows.nth(index);
      await expect(row.locator('.state').textContent()).resolves.toBe('completed');
      await expect(row.getByRole('link', { name: member.name }).getAttribute('href')).resolves.toBe(`/cutovers/${encodeURIComponent(member.id)}`);
      await expect(row.locator('.weights').getAttribute('aria-label')).resolves.toBe('blue 0%, green 100%');
    }
    await expect(page.locator('.timeline li', { hasText: 'approved by bob' }).count()).resolves.toBeGreaterThan(0);

    await page.screenshot({ path: screenshotPath('wave-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: screenshotPath('wave-desktop.png'), fullPage: true });

    await rows.nth(1).getByRole('link', { name: 'b' }).click();
    await page.locator('#cutover .state', { hasText: 'completed' }).waitFor();
    await until(async () => (await page.locator('h1').textContent()) === input.members[1]!.id, 'the cutover page of application b');
  });
});
