/**
 * What the members of every provider section share: the name of a thing in a cloud, a query, where
 * an AWS section points, and the discriminated union whose error for an unknown provider lists the
 * ones that exist.
 */
import { z } from 'zod';
import { freeText, identifier, quoteInput } from './fields';
import { LIMITS } from './limits';
import { closestName } from './problems';
import { url } from './secrets';

/** The name of a thing in a cloud: a record, a task, a queue, a zone, an id. */
export const text = identifier();
/** A query on a metrics provider: may span lines (PromQL). */
export const query = freeText(LIMITS.queryLength).min(1);

/** AWS: credentials come from the SDK's default chain; region and endpoint may be set per section. */
export const aws = {
  region: text.optional(),
  endpoint: url.optional(),
};

/** A discriminated union whose error for an unknown provider lists the ones that exist. */
export function byProvider<const Members extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]]>(
  section: string,
  names: readonly string[],
  members: Members,
) {
  return z.discriminatedUnion('provider', members, {
    error: (issue) => {
      const written = (issue.input as { provider?: unknown } | undefined)?.provider;
      const choices = names.map((n) => `"${n}"`).join(', ');
      if (written === undefined) return `${section} needs a provider: write one of ${choices}`;
      const closest = typeof written === 'string' ? closestName(written, names) : undefined;
      const guess = closest === undefined ? '' : ` (did you mean "${closest}"?)`;
      const shown = typeof written === 'string' ? quoteInput(written) : JSON.stringify(written);
      return `${section} provider ${shown} is not one this engine has${guess}: write one of ${choices}`;
    },
  });
}
