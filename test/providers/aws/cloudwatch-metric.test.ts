/** CloudWatch metric provider against moto: the latest full period on green's and blue's dimensions. */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { awsProviders } from '../../../activities/aws';
import { cloudwatchSection, failureOf, sdkConfig, useMoto } from './fixtures';

const moto = useMoto();
let cloudwatch: CloudWatchClient;

beforeAll(() => {
  cloudwatch = new CloudWatchClient(sdkConfig(moto().endpoint));
});

const { cloudwatch: metrics } = awsProviders().metrics;
const PERIOD_MS = 60_000;

/**
 * moto matches dimensions only when they come in the same order as they were put (its Dimension
 * sort is broken); the provider sends them sorted by name, so the test puts them that way too.
 */
async function put(metricName: string, dimensions: Record<string, string>, value: number, at: number): Promise<void> {
  const sorted = Object.keys(dimensions)
    .sort()
    .map((Name) => ({ Name, Value: dimensions[Name]! }));
  await cloudwatch.send(new PutMetricDataCommand({ Namespace: 'Orders', MetricData: [{ MetricName: metricName, Dimensions: sorted, Value: value, Timestamp: new Date(at) }] }));
}

/** The start of the current period, at least 3s before its end so the test does not cross into the next one. */
async function currentPeriodStart(): Promise<number> {
  const left = PERIOD_MS - (Date.now() % PERIOD_MS);
  if (left < 3_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
  return Math.floor(Date.now() / PERIOD_MS) * PERIOD_MS;
}

describe('CloudWatch metric', () => {
  test('reads the latest full period on green and on blue, ignoring the period still filling', async () => {
    const green = { Service: 'orders', Color: 'green' };
    const blue = { Service: 'orders', Color: 'blue' };
    const now = await currentPeriodStart();
    await put('ErrorRate', green, 0.07, now - 2 * PERIOD_MS + 10_000);
    await put('ErrorRate', green, 0.02, now - PERIOD_MS + 10_000);
    await put('ErrorRate', green, 0.9, now + 1_000);
    await put('ErrorRate', blue, 0.01, now - PERIOD_MS + 20_000);

    const metric = cloudwatchSection(moto().endpoint, { dimensions: green, baselineDimensions: blue, threshold: { above: 'baseline * 1.5' } });
    expect(await metrics.query(metric, 'green')).toBe(0.02);
    expect(await metrics.query(metric, 'blue')).toBe(0.01);
  });

  test('applies the statistic over the period', async () => {
    const dimensions = { Service: 'checkout', Color: 'green' };
    const now = await currentPeriodStart();
    for (const value of [3, 5, 10]) await put('Errors', dimensions, value, now - PERIOD_MS + 1_000 * value);
    const sum = cloudwatchSection(moto().endpoint, { metricName: 'Errors', stat: 'Sum', dimensions });
    const max = cloudwatchSection(moto().endpoint, { metricName: 'Errors', stat: 'Maximum', dimensions });
    expect(await metrics.query(sum, 'green')).toBe(18);
    expect(await metrics.query(max, 'green')).toBe(10);
  });

  test('returns null when the metric has no datapoints in the window', async () => {
    const metric = cloudwatchSection(moto().endpoint, { metricName: 'Latency', dimensions: { Service: 'idle' } });
    expect(await metrics.query(metric, 'green')).toBeNull();
  });

  test('a metric without baselineDimensions cannot be read on blue', async () => {
    const metric = cloudwatchSection(moto().endpoint, { dimensions: { Service: 'orders' } });
    const failure = await failureOf(metrics.query(metric, 'blue'));
    expect(failure).toMatchObject({ type: 'MissingBaseline', nonRetryable: true });
    expect(failure.message).toContain('baselineDimensions');
  });
});
