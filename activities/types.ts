/**
 * What the activities hand back to the workflow. The workflow imports these as types only.
 */
import type { Weights } from './providers';

export interface PreflightResult {
  /** Weights as DNS reports them before anything changes. */
  weights: Weights;
  /** The record's TTL before any lowering: what to wait out, and what to restore at the end. */
  ttlMs: number;
  /** Each metric's value on blue by metric name; null when its baselineQuery returned no data. */
  baselines: Record<string, number | null>;
  /** What answered, one human-readable line each. */
  checked: string[];
  /** Worth knowing but not blocking, e.g. a metric with no data yet on green. */
  warnings: string[];
}

/** The details of a PreflightFailed failure: every problem found, one line each. */
export interface PreflightProblems {
  problems: string[];
}

export interface MetricSample {
  name: string;
  /** null: the query answered with no data. */
  value: number | null;
  /** The provider failed: counted as an error by the analysis, never as a failed check. */
  error?: string;
  /** Epoch ms when the value was read. */
  at: number;
}
