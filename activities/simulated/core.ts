/**
 * What every simulated provider call goes through: one store update that consumes a scripted failure
 * or runs the call, and logs it either way. The error is thrown only after the update is saved, so a
 * failed call is still logged and a `failNext` count is still used up. That also saves whatever a
 * failing call changed, so each call checks everything before it changes anything.
 */
import { advance } from './data';
import { takeFailure } from './faults';
import type { CloudState, Operation } from './state';
import { noCloud, type Store } from './store';

export type Clock = () => number;

export interface CallSpec {
  op: Operation;
  /** Metric query, hook name, queue or channel that a targeted failure rule may name. */
  target?: string;
  args: Record<string, unknown>;
  /** Keep the answer in the call log (metric values, so reads can be measured). */
  logResult?: boolean;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export class CloudCore {
  constructor(
    readonly store: Store,
    readonly now: Clock,
  ) {}

  call<T>(spec: CallSpec, run: (state: CloudState, at: number) => T): T {
    const outcome = this.store.update((state, log): Outcome<T> => {
      const at = this.now();
      if (state.data) advance(state.data, at);
      const failure = takeFailure(state, spec.op, spec.target);
      let outcome: Outcome<T>;
      if (failure !== undefined) {
        outcome = { ok: false, error: failure };
      } else {
        try {
          outcome = { ok: true, value: run(state, at) };
        } catch (error) {
          outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
        }
      }
      log({
        op: spec.op,
        at,
        args: spec.args,
        ok: outcome.ok,
        ...(outcome.ok ? (spec.logResult ? { result: outcome.value } : {}) : { error: outcome.error }),
      });
      return outcome;
    });
    if (!outcome.ok) throw new Error(outcome.error);
    return outcome.value;
  }

  /** A control from the test or scenario: changes state, not logged as a provider call. */
  mutate<T>(change: (state: CloudState, now: number) => T): T {
    return this.store.update((state) => {
      const now = this.now();
      if (state.data) advance(state.data, now);
      return change(state, now);
    });
  }

  read(): CloudState {
    const state = this.store.read();
    if (!state) throw noCloud('this store');
    return state;
  }
}
