import { planOf } from '../../client/runbook/plan';
import { planLines } from '../../client/render/plan';
import { parseRunbook } from '../../client/runbook/load';
import { MINIMAL } from './fixtures';

const WITHOUT_ROLLBACK = MINIMAL.replace(/  metrics:[\s\S]*$/, '  automaticRollback: false\n');

describe('the plan of a runbook without automatic rollback', () => {
  it('says NO AUTOMATIC ROLLBACK in capitals in the analysis section', () => {
    const text = planLines(planOf(parseRunbook(WITHOUT_ROLLBACK)), { width: 100 }).join(' ').replace(/\s+/g, ' ');
    expect(text).toMatch(/analysis +NO AUTOMATIC ROLLBACK: no metric rolls back; traffic goes back to blue only when a person rejects or aborts/);
  });

  it('does not say it for a runbook whose metrics roll back', () => {
    expect(planLines(planOf(parseRunbook(MINIMAL)), { width: 100 }).join('\n')).not.toContain('NO AUTOMATIC ROLLBACK');
  });
});
