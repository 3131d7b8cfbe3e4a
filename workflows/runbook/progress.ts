/**
 * Where a cutover reports its progress (optional): an AWS Migration Hub migration task, under the
 * progress update stream the migration team created for this tool. Names are checked against
 * Migration Hub's own rules here, so a bad one is refused before the cutover starts rather than by
 * the service halfway through.
 */
import { z } from 'zod';
import { identifier } from './fields';
import { aws } from './provider-fields';

/** Migration Hub: 1–50 characters, no `/`, `:`, `|` or control characters. */
const stream = identifier(50).regex(/^[^/:|]+$/, { error: 'may not contain "/", ":" or "|" (Migration Hub refuses them): write the progress update stream as created' });
/** Migration Hub: 1–256 characters, no `:` or `|`. */
const task = identifier(256).regex(/^[^:|]+$/, { error: 'may not contain ":" or "|" (Migration Hub refuses them): name the migration task without them' });

export const migrationHubProgress = z.strictObject({ stream, task, ...aws });

export const progressSection = z.strictObject({ migrationHub: migrationHubProgress });

export type MigrationHubProgress = z.output<typeof migrationHubProgress>;
