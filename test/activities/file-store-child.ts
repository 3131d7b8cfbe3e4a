/**
 * Run in a child process by file-store.test.ts: attaches to the cloud in the file store given and
 * reads green's error rate `count` times (or forever with "forever"), like a worker polling metrics.
 */
import { FileStore, SimulatedCloud } from '../../activities/simulated';
import { demoRunbook } from './fixtures';

async function main(path: string, count: string): Promise<void> {
  const cloud = SimulatedCloud.attach({ store: new FileStore(path) });
  const metrics = cloud.providers().metrics.simulated!;
  const metric = demoRunbook().analysis.metrics[0]!;
  const limit = count === 'forever' ? Infinity : Number(count);
  process.send?.('attached');
  for (let i = 0; i < limit; i++) await metrics.query(metric, 'green');
}

main(process.argv[2]!, process.argv[3]!).catch((error) => {
  console.error(error);
  process.exit(1);
});
