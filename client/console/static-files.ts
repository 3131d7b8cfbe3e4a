/**
 * The page: one HTML file, its styles and a few small browser modules, read once at start and served
 * from memory. Hand-written rather than @fastify/static because the set is fixed and small: a lookup
 * in a map cannot be walked out of with `..`, and nothing else needs installing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unsafeCharactersModule } from './unsafe-characters';

const DIRECTORY = join(__dirname, 'static');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

export const PAGE_FILES = ['console.css', 'app.js', 'dom.js', 'format.js', 'chart.js', 'list-view.js', 'cutover-view.js', 'wave-view.js', 'gate-panel.js', 'plan-view.js', 'problem.js', 'session.js', 'decide-panel.js'];

export interface StaticFile {
  type: string;
  body: string;
}

export function loadStaticFiles(): { page: StaticFile; files: Map<string, StaticFile> } {
  const read = (name: string): StaticFile => ({ type: TYPES[name.slice(name.lastIndexOf('.'))]!, body: readFileSync(join(DIRECTORY, name), 'utf8') });
  const files = new Map(PAGE_FILES.map((name) => [name, read(name)]));
  files.set('unsafe-characters.js', { type: TYPES['.js']!, body: unsafeCharactersModule() });
  return { page: read('index.html'), files };
}
