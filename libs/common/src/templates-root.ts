import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let found: string | undefined;

/**
 * The repository's `templates/` folder (certificates, e-mails, pages), found by walking up
 * from this file: the same answer from the sources (ts-jest) and from dist/.
 */
export function templatesRoot(start = __dirname): string {
  if (found && start === __dirname) return found;
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, 'emails')) && existsSync(join(candidate, 'certificates'))) {
      if (start === __dirname) found = candidate;
      return candidate;
    }
    if (dirname(dir) === dir) throw new Error(`templates/ not found above ${start}`);
  }
}
