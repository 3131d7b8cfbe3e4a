/**
 * Where the simulated cloud keeps its state and its call log. Every read hands out a copy, so nothing
 * a caller keeps a reference to can change the cloud behind its back, in either store.
 */
import type { CallRecord, CloudState } from './state';

/** Records a provider call; it is saved with the update that made it. */
export type LogCall = (call: CallRecord) => void;

export interface Store {
  /** The current state, or undefined when no cloud has been created in this store yet. */
  read(): CloudState | undefined;
  /** Replaces the whole cloud and empties the call log (creating a cloud). */
  reset(state: CloudState): void;
  /** Reads, lets `change` mutate the state and log calls, saves both; one update at a time. */
  update<T>(change: (state: CloudState, log: LogCall) => T): T;
  /** Every call logged, oldest first. */
  calls(): CallRecord[];
}

export function noCloud(where: string): Error {
  return new Error(`${where} holds no simulated cloud: create one first (SimulatedCloud.create)`);
}

/** The default: one process, no files. Holds live objects and copies at the edges, so a call costs the same at the end of a long run as at the start. */
export class MemoryStore implements Store {
  private state: CloudState | undefined;
  private log: CallRecord[] = [];

  read(): CloudState | undefined {
    return this.state && structuredClone(this.state);
  }

  reset(state: CloudState): void {
    this.state = structuredClone(state);
    this.log = [];
  }

  update<T>(change: (state: CloudState, log: LogCall) => T): T {
    if (!this.state) throw noCloud('the memory store');
    return structuredClone(change(this.state, (call) => this.log.push(structuredClone(call))));
  }

  calls(): CallRecord[] {
    return structuredClone(this.log);
  }
}
