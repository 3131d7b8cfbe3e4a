import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileStore, SimulatedCloud } from '../../activities/simulated';
import { demoRunbook } from './fixtures';

const runbook = demoRunbook();
const CHILD = path.join(__dirname, 'file-store-child.ts');

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-cloud-'));
  file = path.join(dir, 'cloud.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function child(count: string): ChildProcess {
  return fork(CHILD, [file, count], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function exited(process: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => process.once('exit', (code) => resolve(code)));
}

describe('FileStore', () => {
  it('two clouds on one file are the same cloud', async () => {
    const test = SimulatedCloud.create({ store: new FileStore(file) });
    const worker = SimulatedCloud.attach({ store: new FileStore(file) });
    await worker.providers().dns.simulated!.setWeights(runbook.dns, { blue: 75, green: 25 });
    expect(test.weights('orders.example.com')).toEqual({ blue: 75, green: 25 });
    test.failNext('dns.readWeights');
    await expect(worker.providers().dns.simulated!.readWeights(runbook.dns)).rejects.toThrow();
    expect(test.calls().map((call) => call.op)).toEqual(['dns.setWeights', 'dns.readWeights']);
  });

  it('attaching to a file with no cloud says to create one', () => {
    expect(() => SimulatedCloud.attach({ store: new FileStore(file) })).toThrow(/create one first/);
  });

  it('keeps every call logged by processes writing at the same time', async () => {
    SimulatedCloud.create({ store: new FileStore(file) });
    const children = [child('150'), child('150')];
    const codes = await Promise.all(children.map(exited));
    expect(codes).toEqual([0, 0]);
    expect(SimulatedCloud.attach({ store: new FileStore(file) }).metricReads()).toHaveLength(300);
  }, 30_000);

  it('keeps its state when a worker is killed with SIGKILL mid-write', async () => {
    const test = SimulatedCloud.create({ store: new FileStore(file) });
    const worker = child('forever');
    await new Promise((resolve) => worker.once('message', resolve));
    while (test.metricReads().length < 50) await new Promise((resolve) => setTimeout(resolve, 10));
    worker.kill('SIGKILL');
    await exited(worker);

    const readsBefore = test.metricReads().length;
    // A lock left by the killed worker is taken over: this update must not wait for a lock holder that is gone.
    test.setMetric('green.error_rate', 0.02);
    const replacement = SimulatedCloud.attach({ store: new FileStore(file) });
    await expect(replacement.providers().metrics.simulated!.query(runbook.analysis.metrics[0]!, 'green')).resolves.toBe(0.02);
    expect(test.metricReads().length).toBe(readsBefore + 1);
  }, 30_000);

  it('takes over a lock file left by a process that no longer exists', async () => {
    const test = SimulatedCloud.create({ store: new FileStore(file) });
    const gone = child('0');
    await exited(gone);
    fs.writeFileSync(`${file}.lock`, String(gone.pid));
    test.setMetric('green.error_rate', 0.03);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  }, 30_000);

  it('writes through a temp file and rename, leaving no temp file or lock behind', () => {
    const test = SimulatedCloud.create({ store: new FileStore(file) });
    test.setQueue('orders-events', { depth: 5 });
    expect(fs.readdirSync(dir).sort()).toEqual(['cloud.json', 'cloud.json.calls.jsonl']);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).queues['orders-events'].depth).toBe(5);
  });

  it('ignores a last call-log line cut short by a writer killed mid-append', async () => {
    const test = SimulatedCloud.create({ store: new FileStore(file) });
    await test.providers().dns.simulated!.readWeights(runbook.dns);
    fs.appendFileSync(`${file}.calls.jsonl`, '{"op":"dns.setWei');
    expect(test.calls().map((call) => call.op)).toEqual(['dns.readWeights']);
  });

  it('creating a cloud again starts a new call log', async () => {
    const store = new FileStore(file);
    await SimulatedCloud.create({ store }).providers().dns.simulated!.readWeights(runbook.dns);
    expect(SimulatedCloud.create({ store }).calls()).toEqual([]);
  });
});
