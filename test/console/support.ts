/**
 * A console on the suite's Temporal server, reading through the CLI's own `Cutovers`, listening on a
 * free loopback port; and Debian's Chromium driven by playwright-core (nothing downloaded).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { Cutovers } from '../../client/cutovers';
import { buildConsole } from '../../client/console/server';
import { Waves } from '../../client/wave/waves';

export const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'test-output', 'console');

export interface RunningConsole {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startConsole(options: { pollIntervalMs?: number; listLimit?: number } = {}): Promise<RunningConsole> {
  const address = process.env.TEMPORAL_ADDRESS!;
  const cutovers = await Cutovers.connect({ address, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default', options: { address } });
  const app = buildConsole({ source: cutovers, waves: new Waves(cutovers), pollIntervalMs: options.pollIntervalMs ?? 300, listLimit: options.listLimit, loopbackOnly: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    async close() {
      await app.close();
      await cutovers.close();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}

/** Checks `condition` until it holds; fails naming `what` when it never does. */
export async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`never saw ${what} in ${timeoutMs / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
