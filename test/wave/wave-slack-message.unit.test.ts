import { slackMessage } from '../../activities/http/slack-message';

describe("a wave's notifications on Slack", () => {
  it("a wave's gate says who may approve and gives the wave's approve command", () => {
    const { text } = slackMessage({
      kind: 'wave-gate-open',
      cutover: 'night-1',
      message: 'gate "go" of wave night-1 waits for approval by alice, bob',
      idempotencyKey: 'night-1/r1/notify/2/wave-gate-open',
      gate: { name: 'go', approvers: ['alice', 'bob'] },
    });
    expect(text.split('\n')[0]).toBe(':raised_hand: *Approval needed for the wave: night-1*');
    expect(text).toContain('*who may approve:* alice, bob');
    expect(text).toContain('cutover wave approve night-1 --gate go');
  });

  it('each wave event has its own headline', () => {
    const kinds = ['wave-started', 'application-ended', 'blast-radius', 'wave-ended'] as const;
    const headlines = kinds.map((kind) => slackMessage({ kind, cutover: 'night-1', message: 'm', idempotencyKey: 'k' }).text.split('\n')[0]);
    expect(new Set(headlines).size).toBe(kinds.length);
  });
});
