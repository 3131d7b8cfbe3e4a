/**
 * Where the simulated cloud keeps its state. Both stores hold the state as JSON text and hand out a
 * fresh copy on every operation, so the in-memory store behaves exactly like the shared file one:
 * nothing a caller keeps a reference to can change the cloud behind its back.
 */
import { type CloudState, STATE_VERSION } from './state';

export interface Store {
  /** The current state, or undefined when no cloud has been created in this store yet. */
  read(): CloudState | undefined;
  /** Replaces the whole state (creating a cloud). */
  write(state: CloudState): void;
  /** Reads, lets `change` mutate the state, writes it back; one update at a time. */
  update<T>(change: (state: CloudState) => T): T;
}

/** Shared logic of the JSON stores; subclasses only move text and, if needed, lock. */
export abstract class JsonStore implements Store {
  protected abstract load(): string | undefined;
  protected abstract save(text: string): void;
  protected abstract describe(): string;

  /** Runs `body` holding whatever lock keeps other writers out; in-process stores need none. */
  protected exclusive<T>(body: () => T): T {
    return body();
  }

  read(): CloudState | undefined {
    const text = this.load();
    if (text === undefined) return undefined;
    const state = JSON.parse(text) as CloudState;
    if (state.version !== STATE_VERSION) {
      throw new Error(`${this.describe()} holds simulated cloud state version ${state.version}, expected ${STATE_VERSION}: create a new cloud`);
    }
    return state;
  }

  write(state: CloudState): void {
    this.exclusive(() => this.save(JSON.stringify(state)));
  }

  update<T>(change: (state: CloudState) => T): T {
    return this.exclusive(() => {
      const state = this.read();
      if (!state) throw new Error(`${this.describe()} holds no simulated cloud: create one first (SimulatedCloud.create)`);
      const result = change(state);
      this.save(JSON.stringify(state));
      return result;
    });
  }
}

export class MemoryStore extends JsonStore {
  private text: string | undefined;

  protected load(): string | undefined {
    return this.text;
  }

  protected save(text: string): void {
    this.text = text;
  }

  protected describe(): string {
    return 'the memory store';
  }
}
