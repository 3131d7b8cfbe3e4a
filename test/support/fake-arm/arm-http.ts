/**
 * The shapes every Azure Resource Manager answer shares: an error body `{ error: { code, message } }`
 * with the status that goes with it, and the etag preconditions (If-Match, If-None-Match) of the
 * resource providers that support them.
 */

export interface ArmRequest {
  method: string;
  /** Path segments after /providers/{namespace}/ (Microsoft.Network, Microsoft.ServiceBus), decoded. */
  segments: string[];
  subscriptionId: string;
  resourceGroup: string;
  apiVersion: string;
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
  body: unknown;
}

export interface ArmReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  reply(): ArmReply {
    return { status: this.status, body: { error: { code: this.code, message: this.message } }, headers: this.headers };
  }
}

export const badRequest = (message: string) => new ArmError(400, 'BadRequest', message);

/** Etags are compared without the quotes or weak marker a client may have added. */
function bare(etag: string): string {
  return etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/**
 * Azure DNS's rules for a write: no header always succeeds; If-Match needs the resource to exist
 * with that etag (or any, for *); If-None-Match: * needs it not to exist. A failed precondition is
 * 412 PreconditionFailed and nothing is written.
 */
export function checkPreconditions(request: ArmRequest, current: { etag: string } | undefined, what: string): void {
  const { ifMatch, ifNoneMatch } = request;
  if (ifNoneMatch !== undefined && bare(ifNoneMatch) === '*' && current) {
    throw new ArmError(412, 'PreconditionFailed', `${what} already exists, and If-None-Match: * asked for it not to`);
  }
  if (ifMatch === undefined) return;
  if (!current) throw new ArmError(412, 'PreconditionFailed', `${what} does not exist, and If-Match asked for an existing one`);
  if (bare(ifMatch) !== '*' && bare(ifMatch) !== current.etag) {
    throw new ArmError(412, 'PreconditionFailed', `the etag "${bare(ifMatch)}" in If-Match does not match the current etag of ${what}: it was changed since it was read`);
  }
}

export function objectBody(request: ArmRequest): Record<string, unknown> {
  const { body } = request;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ArmError(400, 'InvalidRequestContent', 'the request content is not a JSON object');
  }
  return body as Record<string, unknown>;
}

export function propertiesOf(body: Record<string, unknown>): Record<string, unknown> {
  const properties = body.properties ?? {};
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    throw new ArmError(400, 'InvalidRequestContent', '"properties" must be a JSON object');
  }
  return properties as Record<string, unknown>;
}

export const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
