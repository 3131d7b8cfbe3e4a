import { httpProviders } from '../../activities/http';
import { SimulatedCloud } from '../../activities/simulated';
import { cutoverSuite } from '../support/harness';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { appRunbook, greenErrorRate, startWave, states, waveRunInput, waveScenario } from './support';

describe("a wave's notifications", () => {
  const suite = cutoverSuite();
  let receiver: RecordingServer;
  beforeAll(async () => {
    receiver = await startRecordingServer(() => ({ status: 202 }));
  });
  afterAll(() => receiver.stop());

  it('posts the wave start, each application end, the blast radius and the wave end to its webhook, each with its own key', async () => {
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a', 'b', 'c']) });
    cloud.setMetric(greenErrorRate('a'), 0.5);
    const withWebhooks = { providers: () => ({ ...cloud.providers(), notifiers: { ...cloud.providers().notifiers, ...httpProviders({ env: {} }).notifiers } }) };
    const worker = await suite.startWorker(withWebhooks);
    const input = waveRunInput(
      {
        name: 'told',
        maxParallel: 1,
        blastRadius: { stopAfter: 1 },
        notifications: [{ provider: 'webhook', channel: 'wave-room', url: `${receiver.url}/wave` }],
        applications: [{ name: 'a' }, { name: 'b', after: ['a'] }, { name: 'c' }],
      },
      // The application's own channels stay its own: nothing of a's cutover reaches the wave's webhook.
      { a: appRunbook('a', { notifications: [{ provider: 'simulated', channel: '#a' }] }) },
    );

    const handle = await startWave(suite.harness, worker.taskQueue, input);
    const result = await handle.result();

    expect(states(result)).toEqual({ a: 'rolled-back', b: 'skipped', c: 'not-started' });
    const bodies = receiver.received.filter((request) => request.url === '/wave').map((request) => JSON.parse(request.body));
    expect(bodies.map((body) => body.kind)).toEqual(['wave-started', 'application-ended', 'blast-radius', 'application-ended', 'application-ended', 'wave-ended']);
    expect(bodies.every((body) => body.cutover === handle.workflowId)).toBe(true);
    expect(bodies[1].message).toMatch(/^a rolled back: .*error-rate/);
    expect(bodies.slice(3, 5).map((body) => body.message)).toEqual([`b of wave told skipped because a rolled back`, `c of wave told not started: blast radius reached: 1 rollback (stopAfter: 1)`]);
    expect(bodies[5].message).toMatch(/^wave told stopped: /);
    const { runId } = await handle.describe();
    expect(bodies.map((body) => body.idempotencyKey)).toEqual(bodies.map((body, i) => `${handle.workflowId}/${runId}/notify/${i + 1}/${body.kind}`));
  });
});
