import { type RunbookProblem } from '../../workflows/runbook/problems';
import { accepted, MINIMAL, problemsIn, withMetric } from './fixtures';

const prometheus = (lines: string) => withMetric(`provider: prometheus\nquery: up\nthreshold: { above: 1 }\n${lines}`);
const webhookHook = (lines: string) => `${MINIMAL}hooks:\n  freeze:\n    provider: webhook\n    name: freeze-writes\n${lines.replace(/^/gm, '    ')}\n`;

/** The secret must appear nowhere in what the operator is shown. */
function expectNotEchoed(problems: RunbookProblem[], secret: string) {
  expect(JSON.stringify(problems)).not.toContain(secret);
}

describe('secrets in a runbook', () => {
  describe('in URLs', () => {
    it('refuses credentials before @ in a URL, without repeating them', () => {
      const problems = problemsIn(prometheus('endpoint: https://admin:hunter2@prometheus.example.com'));
      expect(problems).toEqual([expect.objectContaining({ path: 'analysis.metrics[1].endpoint', message: expect.stringContaining('carries credentials before "@"') })]);
      expectNotEchoed(problems, 'hunter2');
    });

    it.each(['token', 'access_token', 'sig', 'signature', 'X-Amz-Signature', 'api_key', 'apikey', 'key', 'password', 'secret', 'code'])(
      'refuses a URL whose query carries %s=, naming the parameter but not its value',
      (parameter) => {
        const problems = problemsIn(webhookHook(`url: "https://freeze.example.com/v1/freeze?team=orders&${parameter}=s3cr3tvalue"`));
        expect(problems).toEqual([expect.objectContaining({ path: 'hooks.freeze.url', message: expect.stringContaining(`query parameter "${parameter}"`) })]);
        expectNotEchoed(problems, 's3cr3tvalue');
      },
    );

    it('refuses a webhook notification URL carrying a signature', () => {
      const text = `${MINIMAL}notifications:\n  - provider: webhook\n    channel: ops\n    url: "https://hooks.example.com/x?sig=abcdef"\n`;
      expect(problemsIn(text)).toEqual([expect.objectContaining({ path: 'notifications[0].url' })]);
    });

    it('accepts a URL with an ordinary query', () => {
      expect(accepted(webhookHook('url: "https://freeze.example.com/v1/freeze?team=orders&env=prod"'))).toBe(true);
    });
  });

  describe('in headers', () => {
    it.each(['Authorization', 'Proxy-Authorization', 'X-Api-Key', 'Api-Key', 'Cookie', 'X-Auth-Token', 'X-Vault-Token', 'X-Client-Secret', 'X-Db-Password'])(
      'refuses %s written as a plain header, pointing at secretHeaders, without repeating its value',
      (header) => {
        const problems = problemsIn(prometheus(`endpoint: https://prometheus.example.com\nheaders: { ${header}: hunter2 }`));
        expect(problems).toEqual([
          expect.objectContaining({ path: `analysis.metrics[1].headers.${header}`, message: expect.stringContaining('move it to secretHeaders') }),
        ]);
        expectNotEchoed(problems, 'hunter2');
      },
    );

    it('refuses a plain header whose value looks like a credential', () => {
      const problems = problemsIn(webhookHook('url: https://freeze.example.com\nheaders: { X-Forwarded-Who: "Bearer abc.def.ghi" }'));
      expect(problems).toEqual([expect.objectContaining({ path: 'hooks.freeze.headers.X-Forwarded-Who', message: expect.stringContaining('looks like a credential') })]);
      expectNotEchoed(problems, 'abc.def.ghi');
    });

    it('accepts ordinary plain headers and secret headers naming environment variables', () => {
      expect(accepted(webhookHook('url: https://freeze.example.com\nheaders: { X-Request-Source: cutover, Accept: application/json }\nsecretHeaders: { Authorization: FREEZE_API_TOKEN }'))).toBe(true);
    });
  });

  describe('where an environment variable name belongs', () => {
    it.each([
      ['a GitHub token', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a'],
      ['a fine-grained GitHub token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop'],
      ['a GitLab token', 'glpat-xxxxxxxxxxxxxxxxxxxx'],
      ['a Slack bot token', 'xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx'],
      ['a Slack user token', 'xoxp-123456789012-1234567890123-abcdefghijklmnopqrstuvwx'],
      ['an OpenAI key', 'sk-proj-abcdefghijklmnopqrstuvwxyz012345'],
      ['a Stripe key', 'sk_live_51H8abcdefghijklmnop'],
      ['an AWS access key', 'AKIAIOSFODNN7EXAMPLE'],
      ['an AWS session key id', 'ASIAIOSFODNN7EXAMPLE'],
      ['a JWT', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9'],
      ['a long random string', 'q8Zk3Tn0Wb7Lx2Rv5Hs9'],
    ])('refuses %s as a secretHeaders value, without repeating it', (_, secret) => {
      const problems = problemsIn(webhookHook(`url: https://freeze.example.com\nsecretHeaders: { Authorization: "${secret}" }`));
      expect(problems).toEqual([
        expect.objectContaining({ path: 'hooks.freeze.secretHeaders.Authorization', message: expect.stringContaining('not the name of an environment variable') }),
      ]);
      expectNotEchoed(problems, secret);
    });

    it('refuses a Slack webhook URL pasted into webhookUrlFrom, without repeating it', () => {
      const text = `${MINIMAL}notifications:\n  - provider: slack\n    channel: '#cutover'\n    webhookUrlFrom: https://hooks.slack.example/T000/B000/XXXX\n`;
      const problems = problemsIn(text);
      expect(problems).toEqual([expect.objectContaining({ path: 'notifications[0].webhookUrlFrom' })]);
      expectNotEchoed(problems, 'T000/B000');
    });

    it.each(['FREEZE_API_TOKEN', 'SLACK_CUTOVER_WEBHOOK_URL', 'ORDERS_ADMIN_TOKEN_V2', 'prometheus_basic_auth'])('accepts %s as a variable name', (name) => {
      expect(accepted(webhookHook(`url: https://freeze.example.com\nsecretHeaders: { Authorization: ${name} }`))).toBe(true);
    });
  });
});
