/**
 * The innermost message of a failure chain: an activity failure says only "Activity task failed"
 * and carries the provider's own words as its cause.
 */
export function failureMessage(err: unknown): string {
  let current = err as { message?: string; cause?: unknown } | undefined;
  let message = String(current?.message ?? err);
  while (current?.cause) {
    current = current.cause as { message?: string; cause?: unknown };
    if (current.message) message = current.message;
  }
  return message;
}
