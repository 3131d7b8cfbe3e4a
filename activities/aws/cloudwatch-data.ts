/**
 * Reading datapoints from CloudWatch GetMetricData, shared by the cloudwatch metric provider and the
 * DMS lag. Dimensions are sent sorted by name: CloudWatch does not care about their order, and a
 * fixed order keeps equal queries equal.
 */
import { type CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { providerFailure } from '../errors';
import { awsCall } from './errors';

export interface MetricSelector {
  /** Names the query in the answer: lower-case letters, digits and _, starting with a letter. */
  id: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  stat: string;
  periodSeconds: number;
}

export interface Datapoint {
  at: number;
  value: number;
}

function toQuery(selector: MetricSelector): MetricDataQuery {
  const dimensions = Object.entries(selector.dimensions)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([Name, Value]) => ({ Name, Value }));
  return {
    Id: selector.id,
    ReturnData: true,
    MetricStat: {
      Metric: { Namespace: selector.namespace, MetricName: selector.metricName, Dimensions: dimensions },
      Period: selector.periodSeconds,
      Stat: selector.stat,
    },
  };
}

/** Every datapoint of each selector between start and end, by selector id. */
export async function metricData(
  client: CloudWatchClient,
  selectors: MetricSelector[],
  window: { start: Date; end: Date },
  doing: string,
): Promise<Record<string, Datapoint[]>> {
  const found: Record<string, Datapoint[]> = Object.fromEntries(selectors.map((selector) => [selector.id, []]));
  let nextToken: string | undefined;
  do {
    const page = await awsCall(doing, () =>
      client.send(
        new GetMetricDataCommand({
          MetricDataQueries: selectors.map(toQuery),
          StartTime: window.start,
          EndTime: window.end,
          ...(nextToken && { NextToken: nextToken }),
        }),
      ),
    );
    for (const result of page.MetricDataResults ?? []) {
      if (result.StatusCode === 'InternalError' || result.StatusCode === 'Forbidden') {
        const messages = (result.Messages ?? []).map((m) => `${m.Code}: ${m.Value}`).join('; ');
        throw providerFailure(doing, `CloudWatch answered ${result.StatusCode} for ${result.Id}${messages ? ` (${messages})` : ''}`);
      }
      const timestamps = result.Timestamps ?? [];
      const values = result.Values ?? [];
      const points = found[result.Id ?? ''];
      if (!points) continue;
      timestamps.forEach((timestamp, i) => {
        const value = values[i];
        if (value !== undefined) points.push({ at: timestamp.getTime(), value });
      });
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return found;
}
