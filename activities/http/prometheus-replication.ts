/**
 * Replication lag of any database through Prometheus (`replication.provider: prometheus`): the
 * instant value of `query` is the forward lag in seconds (PostgreSQL replay lag, MySQL
 * seconds_behind_source, whatever the team's exporter publishes), that of `reverseQuery` the
 * reverse lag.
 *
 * Prometheus only watches: such a database's reverse replication is started by the team's own
 * write-switch hook (promote green, point blue at it as a replica). So startReverse only makes sure
 * there is a reverse lag to watch, and the reverse replication counts as running once
 * `reverseQuery` answers with data.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { PrometheusReplication } from '../../workflows/runbook/provider-sections';
import type { ReplicationConfig, ReplicationDirection, ReplicationProvider } from '../providers';
import { instantQuery, PROMETHEUS_TIMEOUT_MS } from './prometheus';
import type { HttpDeps } from './request';

function asPrometheus(replication: ReplicationConfig): PrometheusReplication {
  if (replication.provider !== 'prometheus') {
    throw ApplicationFailure.nonRetryable(`replication.provider is "${replication.provider}", not prometheus`, 'UnknownProvider');
  }
  return replication;
}

function reverseQueryOf(replication: PrometheusReplication): string {
  if (replication.reverseQuery === undefined) {
    throw ApplicationFailure.nonRetryable(
      `replication ${replication.task} has no reverseQuery: write the PromQL of the green → blue lag in replication.reverseQuery, or run without reverse replication`,
      'NoReverseReplication',
    );
  }
  return replication.reverseQuery;
}

export function prometheusReplication(deps: HttpDeps, timeoutMs = PROMETHEUS_TIMEOUT_MS): ReplicationProvider {
  const lag = (replication: PrometheusReplication, direction: ReplicationDirection = 'forward') =>
    instantQuery(deps, replication, direction === 'forward' ? replication.query : reverseQueryOf(replication), timeoutMs);

  return {
    /**
     * The forward query answers (its value may still be missing: preflight warns, the RPO gate
     * waits), and so does the reverse one, whose data may only come after the write switch.
     */
    async check(config) {
      const replication = asPrometheus(config);
      await lag(replication, 'forward');
      if (replication.reverseQuery !== undefined) await lag(replication, 'reverse');
    },

    async lagSeconds(config, direction) {
      return lag(asPrometheus(config), direction);
    },

    async startReverse(config) {
      reverseQueryOf(asPrometheus(config));
    },

    async reverseStatus(config) {
      const value = await lag(asPrometheus(config), 'reverse');
      return value === null ? { running: false, status: 'no reverse lag data yet' } : { running: true, status: `running, lag ${value}s` };
    },
  };
}
