/**
 * From the `data` of a Prometheus instant query to the one number a metric needs. An analysis
 * judges one value, so a query answering with several series must say how to combine them: the
 * operator knows whether that is a sum, a max or an average, we do not.
 */
import { ApplicationFailure } from '@temporalio/common';

type SampleValue = [number, string];

export type InstantData =
  | { resultType: 'vector'; result: { metric: Record<string, string>; value?: SampleValue }[] }
  | { resultType: 'scalar'; result: SampleValue }
  | { resultType: 'matrix'; result: unknown[] }
  | { resultType: 'string'; result: SampleValue };

/**
 * The query's value, or null for no data: an empty vector, or NaN, which is what Prometheus answers
 * for 0/0, e.g. an error ratio while no requests arrive. Both are left to the metric's noData policy.
 */
export function instantValue(data: InstantData, promql: string): number | null {
  switch (data.resultType) {
    case 'scalar':
      return sampleValue(data.result[1]);
    case 'vector': {
      const series = data.result;
      if (series.length === 0) return null;
      if (series.length > 1) throw tooManySeries(series.map((s) => s.metric), promql);
      const value = series[0]!.value;
      if (!value) throw badQuery('the query returned a sample without a plain value (a native histogram?): wrap it in a function that gives a number, e.g. histogram_quantile or histogram_count');
      return sampleValue(value[1]);
    }
    case 'matrix':
      throw badQuery('the query returned a range vector: a metric needs an instant value; wrap the range in a function such as rate(...) or avg_over_time(...)');
    case 'string':
      throw badQuery('the query returned a string: a metric needs a number');
    default:
      throw ApplicationFailure.retryable(`the query returned an unknown result type ${JSON.stringify((data as { resultType?: unknown }).resultType)}`, 'PrometheusAnswer');
  }
}

function sampleValue(text: string): number | null {
  if (text === 'NaN') return null;
  if (/^[+-]?Inf$/.test(text)) {
    // A workflow cannot carry an infinity (JSON turns it into null, i.e. no data), so it is an error.
    throw ApplicationFailure.retryable(
      `the query returned ${text}, a division by zero: a metric needs a finite number; keep the divisor above zero (e.g. "... / (total > 0)") so an idle service gives no data instead`,
      'PrometheusAnswer',
    );
  }
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) throw ApplicationFailure.retryable(`the query returned ${JSON.stringify(text)}, which is not a number`, 'PrometheusAnswer');
  return value;
}

const SHOWN_SERIES = 3;

function tooManySeries(labels: Record<string, string>[], promql: string): ApplicationFailure {
  const shown = labels.slice(0, SHOWN_SERIES).map(formatLabels).join(', ');
  const more = labels.length > SHOWN_SERIES ? `, and ${labels.length - SHOWN_SERIES} more` : '';
  return badQuery(
    `the query returned ${labels.length} series (${shown}${more}) but a metric needs one number: ` +
      `aggregate them in the query, e.g. sum(${promql}) or max(${promql})`,
  );
}

function formatLabels(labels: Record<string, string>): string {
  const { __name__: name = '', ...rest } = labels;
  return `${name}{${Object.entries(rest).map(([key, value]) => `${key}="${value}"`).join(',')}}`;
}

/** The query itself is wrong: asking again gives the same answer until the runbook changes. */
function badQuery(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, 'PrometheusQueryInvalid');
}
