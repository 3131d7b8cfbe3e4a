import { SimulatedCloud } from '/work/main/activities/simulated';
import { runbookSchema } from '/work/main/workflows/runbook/schema';
const cloud = SimulatedCloud.create();
const m = cloud.providers().metrics.simulated!;
const metric = { name: 'e', provider: 'simulated', query: 'green.error_rate', threshold: { direction: 'above', value: 1, relativeToBaseline: false }, for: 0, noData: 'pass', onBreach: 'rollback' } as any;
void runbookSchema;
(async () => {
  for (const n of [1000, 5000, 10000, 20000]) {
    const t = Date.now();
    while (cloud.calls().length < n) await m.query(metric, 'green.error_rate');
    const t2 = Date.now(); for (let i = 0; i < 100; i++) await m.query(metric, 'green.error_rate');
    console.log(n, 'per call ms', (Date.now() - t2) / 100, 'fill', Date.now() - t);
  }
})();
