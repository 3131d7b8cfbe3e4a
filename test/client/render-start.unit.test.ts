import { starterText } from '../../client/render/proof';
import type { DecisionProof } from '../../workflows/signing/proof';

const proof = (change: Partial<DecisionProof>): DecisionProof => ({ verified: true, principal: 'olivia', keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc', statement: 's', signature: 'sig', unverifiedBecause: null, ...change });

describe('who started a cutover, as status, watch and report say it', () => {
  it('names the verified key of a signed start', () => {
    expect(starterText('olivia', [{ kind: 'start', data: { proof: proof({}) } }])).toBe('olivia (ssh-ed25519 SHA256:abc, verified)');
  });

  it('says why a start is not verified', () => {
    const unsigned = proof({ verified: false, keyType: null, fingerprint: null, unverifiedBecause: 'unsigned' });
    expect(starterText('olivia', [{ kind: 'phase' }, { kind: 'start', data: { proof: unsigned } }])).toBe('olivia (not verified: unsigned)');
  });

  it('gives the bare name before preflight and for a run whose worker recorded no start', () => {
    expect(starterText('olivia', [{ kind: 'phase' }])).toBe('olivia');
  });
});
