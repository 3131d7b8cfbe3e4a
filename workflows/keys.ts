/**
 * Idempotency keys for hook and notification receivers. A receiver drops a key it has seen, so a
 * key must name one action of one cutover run: the cutover id alone repeats when the id is reused
 * once the previous run closed (`cutover start --id`), so the key also carries the id of the run's
 * first workflow run, which stays the same when the run carries over. A retry of an action sends
 * the same key again; that is what the key is for.
 */
export interface KeyOwner {
  cutover: string;
  firstRunId: string;
}

/** For an action done at most once per run: `freeze-blue`, `unfreeze-green`, `acceptance/smoke`. */
export function actionKey(owner: KeyOwner, action: string): string {
  return `${owner.cutover}/${owner.firstRunId}/${action}`;
}

/** For the n-th notification of a run, counted across carry-overs, so a reminder never reuses its gate's key. */
export function notificationKey(owner: KeyOwner, sequence: number, kind: string): string {
  return actionKey(owner, `notify/${sequence}/${kind}`);
}
