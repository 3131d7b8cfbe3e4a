/**
 * Deciding from the console as a person signed in through a real OpenID Connect provider, in
 * Chromium, against a real Temporal server and a `cutover worker` that trusts the console's key
 * under its principal and its vouchers mapping OIDC subjects to approvers.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Report } from '../../client/report';
import { Cutovers } from '../../client/cutovers';
import { SshWorkspace, type TestKey } from '../support/ssh';
import { abortUpdate } from '../../workflows/messages';
import { blueAgain, CliProcess, cutover, describeResult, gatedRunbookYaml, uniqueId, writeRunbook, type CliWorker } from '../client/cli/support';
import { launchChromium, screenshotPath, until } from './support';
import { CONSOLE_PRINCIPAL, freePort, startOidcProvider, startSignInConsole, startVouchingWorker, writeVouchers, type TestProvider } from './sign-in-support';

const ACCOUNTS = {
  'sub-bob': { preferred_username: 'bob', name: 'Bob Okafor' },
  // Claims an approver's name, but the worker maps no subject of theirs to it.
  'sub-mallory': { preferred_username: 'alice', name: 'Mallory' },
};

describe('deciding from the console after signing in through OpenID Connect', () => {
  const ssh = new SshWorkspace();
  const runbookFile = writeRunbook(gatedRunbookYaml('orders-console'));
  let consoleKey: TestKey;
  let starterKey: TestKey;
  let provider: TestProvider;
  let worker: CliWorker;
  let console_: { url: string; process: CliProcess };
  let cutovers: Cutovers;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const scriptErrors: string[] = [];

  beforeAll(async () => {
    consoleKey = ssh.key('ed25519');
    // The two-person gate needs a start its starter signed.
    starterKey = ssh.key('ed25519');
    const port = await freePort();
    provider = await startOidcProvider(`http://127.0.0.1:${port}/auth/callback`, ACCOUNTS);
    const vouchers = writeVouchers(provider.issuer, { 'sub-bob': 'bob' });
    const address = process.env.TEMPORAL_ADDRESS!;
    [worker, console_, cutovers, browser] = await Promise.all([
      startVouchingWorker({ people: { olivia: starterKey, alice: ssh.key('ed25519'), bob: ssh.key('ed25519') }, consoleKey, vouchers }),
      startSignInConsole({ port, issuer: provider.issuer, key: consoleKey.path }),
      Cutovers.connect({ address, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default', options: { address } }),
      launchChromium(),
    ]);
  });
  afterEach(() => expect(scriptErrors.splice(0)).toEqual([]));
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await console_?.process.stop('SIGINT');
    await worker?.stop();
    await provider?.stop();
    await cutovers?.close();
    ssh.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    return page;
  }

  /** Signs in at the provider's login page (any password), consenting if asked; back on `path`. */
  async function signedIn(login: string, path: string): Promise<Page> {
    const page = await newPage();
    await page.goto(`${console_.url}${path}`);
    await page.locator('#mode a', { hasText: 'Sign in' }).click();
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('anything');
    await page.locator('button[type=submit]').click();
    const next = page.locator('button:has-text("Continue"), #mode:has-text("Signed in as")').first();
    await next.waitFor({ timeout: 30_000 });
    if ((await next.textContent())?.includes('Continue')) await next.click();
    await page.locator('#mode', { hasText: 'Signed in as' }).waitFor({ timeout: 30_000 });
    expect(page.url()).toBe(`${console_.url}${path}`);
    return page;
  }

  /** The cutovers started so far: each test's own ends before the next starts on the same record. */
  const startedIds: string[] = [];

  /** Ends the last test's cutover (giving back its lease) and puts the record back at 100% blue. */
  async function recordFree(): Promise<void> {
    for (const previous of startedIds.splice(0)) {
      const handle = cutovers.client.workflow.getHandle(previous);
      if ((await handle.describe()).status.name === 'RUNNING') await handle.executeUpdate(abortUpdate, { args: [{ by: 'olivia', reason: 'the next test needs the record' }] });
      await handle.result();
    }
    blueAgain(worker);
  }

  async function startAtGate(): Promise<string> {
    await recordFree();
    const id = uniqueId('console-signed');
    startedIds.push(id);
    const started = await cutover(['start', runbookFile, '--id', id, '--as', 'olivia', '--key', starterKey.path, '--task-queue', worker.taskQueue]);
    expect({ code: started.code, output: describeResult(started) }).toEqual({ code: 0, output: expect.stringContaining(`started cutover ${id}`) });
    let last = '';
    await until(async () => {
      const snapshot = await cutovers.snapshot(id);
      last = JSON.stringify({ execution: snapshot.execution.status, timeline: snapshot.status?.timeline.map((entry) => entry.message) }, null, 1);
      if (snapshot.execution.status !== 'RUNNING') throw new Error(`the cutover ended before its gate opened`);
      return snapshot.status?.openGate?.name === 'half-way';
    }, 'the gate half-way open', 60_000).catch((err: Error) => {
      throw new Error(`${err.message}; last seen:\n${last}\nworker:\n${worker.process.output()}`);
    });
    return id;
  }

  const cutoverPath = (id: string) => `/cutovers/${encodeURIComponent(id)}`;

  it('approves the open gate as a mapped subject, and the report shows the console\'s verified signature and the OIDC subject', async () => {
    const id = await startAtGate();
    const page = await signedIn('sub-bob', cutoverPath(id));
    const gate = page.locator('section.gate');
    await gate.locator('form.decide').waitFor();
    await expect(page.locator('#mode').innerText()).resolves.toMatch(/Signed in as Bob Okafor \(bob\)/);
    expect(await gate.innerText()).toContain('You decide as bob; the console signs for you.');
    for (const [name, width, height] of [['signed-in-gate-phone.png', 390, 844], ['signed-in-gate-desktop.png', 1280, 800]] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: screenshotPath(name), fullPage: true });
    }

    await gate.getByLabel(/Comment/).fill('flat error rate, go');
    await gate.getByRole('button', { name: 'Approve' }).click();
    await page.locator('#cutover .state', { hasText: 'completed' }).waitFor({ timeout: 60_000 });

    const [markdown, json] = await Promise.all([cutover(['report', id]), cutover(['report', id, '--format', 'json'])]);
    const approval = (JSON.parse(json.stdout) as Report).decisions.find((decision) => decision.kind === 'approval');
    expect(approval).toMatchObject({ by: 'bob', proof: { verified: true, fingerprint: consoleKey.fingerprint, via: { console: CONSOLE_PRINCIPAL, issuer: provider.issuer, subject: 'sub-bob' } } });
    expect(markdown.stdout).toContain(`bob (OIDC subject sub-bob at ${provider.issuer}, via console ${CONSOLE_PRINCIPAL}, ssh-ed25519 ${consoleKey.fingerprint}, signature verified)`);
  });

  it('shows a signed-out visitor no way to decide, and the API refuses them', async () => {
    const id = await startAtGate();
    const page = await newPage();
    await page.goto(`${console_.url}${cutoverPath(id)}`);
    const gate = page.locator('section.gate');
    await gate.waitFor();
    expect(await gate.innerText()).toContain('Sign in to decide this gate.');
    await expect(page.getByRole('button').count()).resolves.toBe(0);
    const refused = await page.evaluate(async (path) => {
      const answer = await fetch(`/api${path}/approve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ gate: 'half-way' }) });
      return { status: answer.status, body: await answer.json() };
    }, cutoverPath(id));
    expect(refused).toEqual({ status: 403, body: expect.objectContaining({ error: 'sign in to approve' }) });
    expect((await cutovers.snapshot(id)).status?.openGate?.name).toBe('half-way');
  });

  it('refuses a person whose subject is not mapped to the approver they claim, in the workflow\'s own words', async () => {
    const id = await startAtGate();
    const page = await signedIn('sub-mallory', cutoverPath(id));
    const gate = page.locator('section.gate');
    await gate.getByRole('button', { name: 'Approve' }).click();

    const alert = gate.locator('.answer [role=alert]');
    await alert.waitFor({ timeout: 30_000 });
    const said = await alert.innerText();
    expect(said).toMatch(/^refused: /);
    expect(said).toContain('sub-mallory');
    const status = (await cutovers.snapshot(id)).status!;
    expect(status.openGate?.name).toBe('half-way');
    const recorded = status.timeline.filter((entry) => entry.kind === 'refused').map((entry) => entry.message).join('\n');
    expect(recorded).toContain('sub-mallory');
  });

  it('records an unmapped subject\'s pause as unverified by issuer and subject, never the name it claims, and refuses its resume saying how to sign', async () => {
    const id = await startAtGate();
    const page = await signedIn('sub-mallory', cutoverPath(id));
    const controls = page.locator('section.controls');
    await controls.getByLabel(/Reason/).fill('looks odd');
    await controls.getByRole('button', { name: 'Pause' }).click();
    const unverified = `unverified: ${provider.issuer.replace(/\/$/, '')}/sub-mallory`;
    await page.locator('ol.timeline li', { hasText: `paused by ${unverified}: looks odd` }).waitFor({ timeout: 30_000 });
    await page.locator('#cutover p.problem', { hasText: `Paused by ${unverified} since` }).waitFor({ timeout: 30_000 });
    expect(await page.locator('ol.timeline').innerText()).not.toContain('by alice');

    await controls.getByRole('button', { name: 'Resume' }).click();
    const alert = controls.locator('.answer [role=alert]');
    await alert.waitFor({ timeout: 30_000 });
    const said = await alert.innerText();
    expect(said).toMatch(/^refused: a resume lets a held cutover go on, so under approvals: signed it needs a verified identity/);
    expect(said).toContain(`${unverified}'s is not (the console's vouchers map that signed-in subject to no approver)`);
    expect(said).toContain('--key <private key file>');
    expect(said).toContain('or resume from the console signed in as a subject its vouchers map to an approver');
    await page.screenshot({ path: screenshotPath('unvouched-resume-refused.png'), fullPage: true });
    expect((await cutovers.snapshot(id)).status!.paused).toMatchObject({ by: unverified, reason: 'looks odd' });

    const [markdown, json] = await Promise.all([cutover(['report', id]), cutover(['report', id, '--format', 'json'])]);
    const decisions = (JSON.parse(json.stdout) as Report).decisions.filter((decision) => decision.kind === 'pause' || decision.kind === 'resume');
    expect(decisions).toEqual([expect.objectContaining({ kind: 'pause', by: unverified, proof: expect.objectContaining({ verified: false, unverifiedBecause: 'unknown-subject' }) })]);
    expect(markdown.stdout).toContain(`| pause | ${unverified} (not verified: unknown-subject) |`);
    expect(markdown.stdout).not.toMatch(/paused by alice|\| pause \| alice/);
  });

  it('refuses a POST without the session\'s CSRF token; with it, a pause and a resume are recorded as verified through the console', async () => {
    const id = await startAtGate();
    const page = await signedIn('sub-bob', cutoverPath(id));
    await page.locator('section.controls').waitFor();
    const answers = await page.evaluate(async (path) => {
      const send = async (headers: Record<string, string>) => {
        const answer = await fetch(`/api${path}/pause`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ reason: 'checking' }) });
        return { status: answer.status, body: await answer.json() };
      };
      const { signIn } = (await (await fetch('/api/console')).json()) as { signIn: { csrf: string } };
      return { without: await send({}), wrong: await send({ 'x-csrf-token': 'guessed' }), withToken: await send({ 'x-csrf-token': signIn.csrf }) };
    }, cutoverPath(id));
    expect(answers.without).toEqual({ status: 403, body: expect.objectContaining({ error: 'this request carries no valid CSRF token (header x-csrf-token)' }) });
    expect(answers.wrong.status).toBe(403);
    expect(answers.withToken).toMatchObject({ status: 200, body: { receipt: { accepted: true } } });
    const paused = (await cutovers.snapshot(id)).status!.paused;
    expect(paused).toMatchObject({ by: 'bob', reason: 'checking' });

    await page.locator('section.controls').getByRole('button', { name: 'Resume' }).click();
    await until(async () => (await cutovers.snapshot(id)).status?.paused === null, 'the cutover resumed');
    const report = JSON.parse((await cutover(['report', id, '--format', 'json'])).stdout) as Report;
    const via = { console: CONSOLE_PRINCIPAL, issuer: provider.issuer, subject: 'sub-bob' };
    expect(report.decisions.filter((decision) => decision.kind === 'pause' || decision.kind === 'resume')).toEqual([
      expect.objectContaining({ kind: 'pause', by: 'bob', proof: expect.objectContaining({ verified: true, via }) }),
      expect.objectContaining({ kind: 'resume', by: 'bob', proof: expect.objectContaining({ verified: true, via }) }),
    ]);
  });
});
