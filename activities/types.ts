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

/** One metric read: the analysis judges it (workflows/decisions/verdict.ts). */
export type { MetricSample } from '../workflows/decisions/verdict';
