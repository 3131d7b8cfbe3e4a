/**
 * Everything the demo runs in its own process: the Temporal server, a worker on simulated clouds
 * and a client. Each piece pushes its undo to the front of a list, so shutdown (or a failed start)
 * takes them down newest-first.
 */
import { hostname } from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { demoScenario, SimulatedCloud } from '../../activities/simulated';
import { createCutoverWorker } from '../../worker/create-worker';
import { startTemporal } from '../../worker/temporal-server';

export interface DemoStack {
  client: Client;
  cloud: SimulatedCloud;
  address: string;
  namespace: string;
  taskQueue: string;
  /** Rejects if the worker stops on its own; never settles otherwise. */
  workerFailed: Promise<never>;
  shutdown(): Promise<void>;
}

/** `allowedSigners`: the file of the demo's throwaway keys, which its worker trusts. */
export async function startStack(print: (line: string) => void, allowedSigners: string): Promise<DemoStack> {
  // The demo prints its own progress; the SDK's INFO logs would bury it. Ctrl-C is handled by the demo.
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const undo: (() => Promise<void>)[] = [];
  const shutdown = async () => {
    for (const step of undo.splice(0)) await step();
  };
  try {
    const server = await startTemporal(print);
    undo.unshift(() => server.stop());
    const { address, namespace } = server;

    const connection = await NativeConnection.connect({ address });
    undo.unshift(() => connection.close());
    const cloud = SimulatedCloud.create({ scenario: demoScenario() });
    const taskQueue = `cutover-demo-${process.pid}-${Date.now().toString(36)}`;
    print('Bundling the workflow code and starting a worker…');
    const worker = await createCutoverWorker({
      connection,
      namespace,
      taskQueue,
      providers: cloud.providers(),
      identity: `cutover-demo@${hostname()}`,
      allowedSigners,
    });
    const running = worker.run();
    undo.unshift(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
    });
    const workerFailed = running.then(
      () => new Promise<never>(() => undefined),
      (err: unknown) => {
        throw new Error(`the worker stopped: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
    // Only raced while following the run; a failure at any other time surfaces through shutdown.
    workerFailed.catch(() => undefined);
    print(`Worker ready on task queue ${taskQueue}.`);

    const clientConnection = await Connection.connect({ address });
    undo.unshift(() => clientConnection.close());
    const client = new Client({ connection: clientConnection, namespace });
    return { client, cloud, address, namespace, taskQueue, workerFailed, shutdown };
  } catch (err) {
    await shutdown();
    throw err;
  }
}
