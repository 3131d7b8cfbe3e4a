/**
 * Continuing a half-done cutover (`cutover start --adopt-weights`, signed): instead of refusing a
 * record that is not 100% blue, the run takes the weights preflight read as if it had written them.
 * From then on they are this run's to undo: a rollback puts DNS back to 100% blue, and the analysis
 * watches green from preflight on, since green already has traffic. The canary continues from the
 * first step whose weight is at or above green's share read; the steps below it are skipped with
 * their bakes, and with their gates but the last one: that gate stands between the weights read and
 * the next weight written, so it is held as usual before any more traffic moves.
 */
import type { AnalysisLoop } from './analysis';
import { adoptedStep } from './decisions/starting-state';
import type { Weights } from './decisions/traffic';
import type { CutoverRun } from './run';

export function adoptWeights(run: CutoverRun, weights: Weights, analysis: AnalysisLoop): void {
  const steps = run.runbook.canary.steps;
  // Preflight refused a record no step reaches, so there is always a step here.
  const from = adoptedStep(
    steps.map((step) => step.weight),
    weights,
  ) ?? 0;
  const read = `blue ${weights.blue} / green ${weights.green}`;
  if (weights.green === 0) {
    run.record('note', `--adopt-weights: DNS reads ${read}, nothing to adopt; the canary starts from step 1`, { data: { adopted: weights, fromStep: 1 } });
    return;
  }
  run.weights = weights;
  run.dnsWeightsWritten = true;
  for (let index = 0; index < from; index++) {
    run.milestones.push(`traffic:${index}`, `bake:${index}`);
    if (index < from - 1) run.milestones.push(`gate:${index}`);
  }
  const skipped = from === 0 ? 'no step skipped' : `step${from > 1 ? `s 1–${from}` : ' 1'} skipped${steps[from - 1]?.gate ? `, gate "${steps[from - 1]!.gate}" still held before step ${from + 1}` : ''}`;
  run.record(
    'dns',
    `adopted the weights DNS reads, ${read}, as written by this run (--adopt-weights): the canary continues from step ${from + 1}/${steps.length} (${steps[from]!.weight}%), ${skipped}; a rollback sets 100% blue`,
    { data: { adopted: weights, fromStep: from + 1 } },
  );
  analysis.start();
}
