/**
 * The starting state on Route 53 through the real provider (moto): a cutover started on a record
 * already moved, or half moved, ends aborted before any change, with not one change batch sent to
 * Route 53, and the reason says what the record reads and what to do.
 */
import { startCutover, timelineText } from '../support/harness';
import { useLocalClouds } from '../support/local-clouds';

const local = useLocalClouds();

describe('a cutover on Route 53 that does not start from 100% blue', () => {
  it.each<[string, string, { blue?: number; green: number }, string]>([
    ['already moved (blue\'s weight 0 left out)', 'moved.example.com', { green: 100 }, 'reads blue 0 / green 100: it looks already moved; if a previous cutover completed there is nothing to do'],
    ['half moved', 'half.example.com', { blue: 50, green: 50 }, 'reads blue 50 / green 50, not the blue 100 / green 0 a cutover starts from'],
  ])('is refused before any change when the record is %s', async (_, record, weights, words) => {
    const { clouds, harness, taskQueue } = local();
    const { hostedZoneId } = await clouds.weightedRecord(record, weights);
    const task = `${record.split('.')[0]}-cdc`;
    const queue = `${record.split('.')[0]}-events`;
    await clouds.replicatingTask(task, 1);
    await clouds.queueDrainedAfter(queue, 0, 0);
    const runbook = clouds.runbook({ name: `${record.split('.')[0]}-e2e`, hostedZoneId, record, task, queue });
    const since = Date.now();

    const result = await (await startCutover(harness, taskQueue, runbook)).result();

    expect(result.outcome).toBe('aborted');
    expect(result.reason).toContain(`dns record ${record} ${words}`);
    expect(result.reason).toContain('start with --adopt-weights');
    expect(timelineText(result)).toContain('aborting before any traffic change');
    const zone = hostedZoneId.replace('/hostedzone/', '');
    const changeBatches = clouds.moto.requests(since).filter((request) => request.method === 'POST' && request.path.includes(zone) && request.path.endsWith('/rrset'));
    expect(changeBatches).toEqual([]);
    expect(clouds.moto.requests(since).some((request) => request.method === 'GET' && request.path.includes(zone))).toBe(true);
    expect(await clouds.weightsInMoto(hostedZoneId, record)).toEqual({ blue: weights.blue ?? 0, green: weights.green });
  }, 90_000);
});
