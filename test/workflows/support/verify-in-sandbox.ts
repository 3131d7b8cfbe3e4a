/** A workflow that only verifies a signed decision, to prove the verifier runs inside the sandbox. */
import { parseAllowedSigners } from '../../../workflows/signing/allowed-signers';
import type { OpenGateFacts, DecisionRequestFacts } from '../../../workflows/signing/statement';
import { verifySignedDecision, type DecisionVerdict, type SignedDecision } from '../../../workflows/signing/verify-decision';

export interface SandboxVerification {
  allowedSigners: string;
  signed: SignedDecision;
  gate: OpenGateFacts;
  request: DecisionRequestFacts;
  now: number;
}

export async function verifyDecisionInSandbox(input: SandboxVerification): Promise<DecisionVerdict> {
  return verifySignedDecision(input.signed, parseAllowedSigners(input.allowedSigners), input.gate, input.request, input.now);
}
