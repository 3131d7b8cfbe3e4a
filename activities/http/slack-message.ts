/**
 * What a Slack channel shows for each notification: a headline that says what happened, the
 * workflow's own message (it names the gate, the breached metric or the reason), and at a gate,
 * who may approve and the command that does it; a link to the cutover's page in the console when the
 * worker knows the console. `text` carries all of it for clients that show no
 * blocks and for the notification itself.
 */
import type { Notification, NotificationKind } from '../providers';

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: true } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] };

const HEADLINES: Record<NotificationKind, { emoji: string; headline: string }> = {
  'gate-open': { emoji: ':raised_hand:', headline: 'Approval needed' },
  rollback: { emoji: ':rotating_light:', headline: 'Rolled back to blue' },
  'rollback-escalation': { emoji: ':sos:', headline: 'Rollback needs a human' },
  'completion-escalation': { emoji: ':sos:', headline: 'Completion needs a human' },
  completed: { emoji: ':white_check_mark:', headline: 'Cutover completed' },
  aborted: { emoji: ':octagonal_sign:', headline: 'Cutover aborted' },
  paused: { emoji: ':double_vertical_bar:', headline: 'Cutover paused, waiting for a human' },
  'sample-gap': { emoji: ':warning:', headline: 'Analysis went silent' },
  'wave-started': { emoji: ':ocean:', headline: 'Wave started' },
  'wave-gate-open': { emoji: ':raised_hand:', headline: 'Approval needed for the wave' },
  'application-ended': { emoji: ':information_source:', headline: 'Application of the wave ended' },
  'blast-radius': { emoji: ':rotating_light:', headline: 'Wave stopped at its blast radius' },
  'wave-ended': { emoji: ':ocean:', headline: 'Wave ended' },
};

// Slack's limits: 150 characters in a header, 3000 in a section's text.
const HEADER_LIMIT = 150;
const SECTION_LIMIT = 3000;

export function slackMessage(notification: Notification): SlackMessage {
  const { emoji, headline } = HEADLINES[notification.kind];
  const title = `${headline}: ${notification.cutover}`;
  const lines = [`${emoji} *${escape(title)}*`, escape(notification.message)];
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`${emoji} ${title}`, HEADER_LIMIT), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(escape(notification.message), SECTION_LIMIT) } },
  ];

  const wave = notification.kind === 'wave-gate-open';
  const gate = notification.kind === 'gate-open' || wave ? notification.gate : undefined;
  if (gate) {
    const who = `*Gate* \`${escape(gate.name)}\` · *who may approve:* ${escape(gate.approvers.join(', '))}`;
    const how = `*To approve*, as one of them:\n\`\`\`${escape(approveCommand(notification.cutover, gate.name, wave))}\`\`\``;
    lines.push(who, how);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(who, SECTION_LIMIT) } }, { type: 'section', text: { type: 'mrkdwn', text: truncate(how, SECTION_LIMIT) } });
  }
  if (notification.link) {
    const open = `<${escape(notification.link)}|Open ${escape(truncate(notification.cutover, 200))} in the console>`;
    lines.push(open);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(open, SECTION_LIMIT) } });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `cutover \`${escape(truncate(notification.cutover, 200))}\` · ${notification.kind}` }] });
  return { text: lines.join('\n'), blocks };
}

/**
 * The approval with the cutover CLI; the cutover's update validator still checks the gate and the
 * approver, whose identity the CLI records.
 */
export function approveCommand(cutover: string, gate: string, wave = false): string {
  return `cutover ${wave ? 'wave ' : ''}approve ${shellWord(cutover)} --gate ${shellWord(gate)}`;
}

function shellWord(text: string): string {
  return /^[\w.:/@-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Slack reads &, < and > as markup (links, mentions) unless they are escaped. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function truncate(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
