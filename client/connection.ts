/**
 * Which Temporal to talk to: the environment and profile files read by @temporalio/envconfig
 * (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS*, TEMPORAL_PROFILE,
 * TEMPORAL_CONFIG_FILE), with --address and --namespace on top. Nothing here connects; the API key
 * and certificates are passed on, never printed.
 */
import { loadClientConnectConfig, type ClientConnectConfig } from '@temporalio/envconfig';
import type { Command } from 'commander';
import { UsageError } from './errors';

export interface ConnectionFlags {
  address?: string;
  namespace?: string;
}

export interface ConnectionTarget {
  address: string;
  namespace: string;
  options: ClientConnectConfig['connectionOptions'] & { address: string };
}

export const DEFAULT_ADDRESS = 'localhost:7233';

/** Adds --address and --namespace to a command that talks to Temporal. */
export function withConnectionOptions(command: Command): Command {
  return command
    .option('--address <host:port>', `Temporal frontend address (default: TEMPORAL_ADDRESS, the profile's, else ${DEFAULT_ADDRESS})`)
    .option('--namespace <namespace>', 'Temporal namespace (default: TEMPORAL_NAMESPACE, the profile\'s, else default)');
}

export function resolveConnection(flags: ConnectionFlags): ConnectionTarget {
  let config: ClientConnectConfig;
  try {
    config = loadClientConnectConfig();
  } catch (err) {
    throw new UsageError(`Temporal client configuration: ${(err as Error).message}`, 'check TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE and the TEMPORAL_TLS* variables');
  }
  const address = flags.address ?? config.connectionOptions.address ?? DEFAULT_ADDRESS;
  const namespace = flags.namespace ?? config.namespace ?? 'default';
  return { address, namespace, options: { ...config.connectionOptions, address } };
}

/** "localhost:7233 (namespace default)", "…, TLS, API key": what is used, never the secrets themselves. */
export function describeTarget(target: ConnectionTarget): string {
  const extras = [target.options.tls ? 'TLS' : null, target.options.apiKey ? 'API key' : null].filter(Boolean);
  return `${target.address} (namespace ${target.namespace}${extras.length > 0 ? `, ${extras.join(', ')}` : ''})`;
}
