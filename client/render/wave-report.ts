/** The report of a wave as markdown, for a change record or a post-mortem. Times in UTC. */
import type { WaveReport } from '../wave/report';
import { displaySafe } from './safe';
import { elapsed } from './time';

export function waveReportMarkdown(unsafeReport: WaveReport): string {
  const report = displaySafe(unsafeReport);
  const lines = [`# Wave ${report.wave ?? report.id}`, '', '| | |', '|---|---|'];
  const row = (label: string, value: string | null) => {
    if (value) lines.push(`| ${label} | ${cell(value)} |`);
  };
  row('Id', report.id);
  row('Outcome', report.outcome ? `**${report.outcome}**` : `none (the wave is ${report.execution.toLowerCase()})`);
  row('Reason', report.reason);
  row('Started', report.startedAt ? `${report.startedAt} by ${report.startedBy}` : null);
  if (report.startedAt && report.endedAt) row('Ended', `${report.endedAt} (took ${elapsed(Date.parse(report.endedAt) - Date.parse(report.startedAt))})`);

  lines.push('', '## Applications', '', '| Application | Cutover | Outcome | Reason | Started | Ended |', '|---|---|---|---|---|---|');
  for (const app of report.applications) {
    lines.push(`| ${cell(app.name)} | ${cell(app.id)} | ${app.state} | ${cell(app.reason ?? '')} | ${app.startedAt ?? ''} | ${app.endedAt ?? ''} |`);
  }
  lines.push('', `Each application's own record: \`cutover report <cutover>\`.`);

  if (report.timeline.length > 0) {
    lines.push('', '## Timeline', '', '| Time | Event | Application | By | Message |', '|---|---|---|---|---|');
    for (const entry of report.timeline) lines.push(`| ${entry.at} | ${entry.kind} | ${cell(entry.application ?? '')} | ${cell(entry.by ?? '')} | ${cell(entry.message)} |`);
  }
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
