/** The report of a cutover as markdown, for a ticket, a post-mortem or a change record. Times in UTC. */
import type { Report, ReportDecision } from '../report';
import { formatValue } from './metrics';
import { proofText, refusalText, starterText, UNVERIFIED_NOTICE } from './proof';
import { displayLines, displaySafe } from './safe';
import { elapsed } from './time';
import { writesReport } from './writes';
import { driftText } from '../../workflows/decisions/drift';

export function reportMarkdown(unsafeReport: Report): string {
  const report = displaySafe(unsafeReport);
  const lines = [`# Cutover ${report.cutover}`, ''];
  lines.push('| | |', '|---|---|');
  const row = (label: string, value: string | null) => {
    if (value) lines.push(`| ${label} | ${cell(value)} |`);
  };
  row('Runbook', report.runbook);
  row('Description', unsafeReport.description && displayLines(unsafeReport.description).join(' '));
  row('Outcome', report.outcome ? `**${report.outcome}**` : `none (the run is ${report.execution.toLowerCase()})`);
  row('Reason', report.reason);
  row('Started', report.startedAt ? `${report.startedAt} by ${report.startedBy === null ? null : starterText(report.startedBy, report.timeline)}` : null);
  row('Approvals', report.approvals === 'unverified' ? `**${UNVERIFIED_NOTICE}**` : report.approvals === 'signed' ? 'signed: each decision carries an SSH signature the cutover verified (re-check: cutover verify)' : null);
  const refused = report.refused ? report.refused.recorded + report.refused.counted : 0;
  if (report.refused && refused > 0) row('Refused attempts', `${refused}${report.refused.counted > 0 ? ` (${report.refused.recorded} recorded below, ${report.refused.counted} more only counted)` : ''}`);
  if (report.startedAt && report.endedAt) row('Ended', `${report.endedAt} (took ${elapsed(Date.parse(report.endedAt) - Date.parse(report.startedAt))})`);
  row('Traffic at the end', report.weights ? `blue ${report.weights.blue}% / green ${report.weights.green}%` : null);
  row('DNS read', report.weightsRead ? `blue ${report.weightsRead.weights.blue}% / green ${report.weightsRead.weights.green}% at ${report.weightsRead.at}` : null);
  row('DNS drift', report.drift ? `**${driftText(report.drift)}** (read at ${report.drift.readAt})` : null);

  const drifts = report.timeline.filter((entry) => entry.kind === 'drift');
  if (drifts.length > 0) {
    lines.push('', '## DNS drift', '', ...drifts.map((entry) => `- ${entry.at}: ${entry.message}`));
  }

  if (report.rollback) {
    const { reason, cause, startedAt, verifiedAt, attempts } = report.rollback;
    lines.push('', '## Rollback', '', `- Reason: ${reason}`);
    if (cause) {
      const value = cause.value === null ? 'no data' : formatValue(cause.value);
      lines.push(`- Cause: metric ${cause.metric} = ${value}, threshold ${cause.threshold}, held for ${elapsed(cause.sustainedFor)}, at ${new Date(cause.at).toISOString()}`);
    }
    lines.push(`- Started ${startedAt}; ${verifiedAt ? `DNS verified 100% blue at ${verifiedAt}` : '**DNS not verified as 100% blue**'} (${attempts} attempt${attempts === 1 ? '' : 's'})`);
  }

  if (report.writes && (report.writes.mode === 'switch' || report.writes.windows.length > 0)) {
    lines.push('', '## Writes', '', ...writesReport(report.writes));
  }

  if (report.phases.length > 0) {
    lines.push('', '## Phases', '', '| Entered | Phase | |', '|---|---|---|');
    for (const phase of report.phases) lines.push(`| ${phase.at} | ${phase.phase} | ${cell(phase.message)} |`);
  }

  lines.push('', '## Decisions', '');
  if (report.decisions.length === 0) lines.push('None recorded.');
  else {
    lines.push('| Time | Decision | By | Gate | Comment or reason | Metrics at the time |', '|---|---|---|---|---|---|');
    for (const decision of report.decisions) {
      lines.push(`| ${decision.at} | ${decision.kind} | ${cell(byText(decision))} | ${cell(decision.gate ?? '')} | ${cell(decision.note ?? (decision.kind === 'refused' ? decision.message : ''))} | ${cell(metricsText(decision))} |`);
    }
  }

  if (report.timeline.length > 0) {
    lines.push('', '## Timeline', '', '| Time | Phase | Event | By | Message |', '|---|---|---|---|---|');
    let lastSeq = report.timeline[0]!.seq - 1;
    for (const entry of report.timeline) {
      // A long run's timeline keeps its first and newest entries; say where the middle went.
      if (entry.seq > lastSeq + 1) lines.push(`| | | | | *${entry.seq - lastSeq - 1} entries of a long run not kept* |`);
      lines.push(`| ${entry.at} | ${entry.phase} | ${entry.kind} | ${cell(entry.by ?? '')} | ${cell(entry.message)} |`);
      lastSeq = entry.seq;
    }
  }
  return `${lines.join('\n')}\n`;
}

/** "bob (ssh-ed25519 SHA256:…, verified)"; a refused attempt's claimed name and its typed reason. */
function byText(decision: ReportDecision): string {
  const by = decision.by ?? decision.refusal?.claimed ?? '';
  if (decision.proof) return `${by} (${proofText(decision.proof)})`;
  if (decision.refusal) return `${by} ${refusalText(decision.refusal)}`;
  return by;
}

function metricsText(decision: ReportDecision): string {
  if (!decision.metrics) return '';
  return Object.entries(decision.metrics)
    .map(([name, metric]) => `${name} ${metric.value === null ? 'no data' : formatValue(metric.value)} (${metric.verdict})`)
    .join(', ');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
