import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILE_NAME } from '../../machines/index.js';
import { scenariosDir } from '../paths.js';

/** The absolute path of the scenario schema shipped with the program. */
export function schemaPath(): string {
  return join(scenariosDir(), SCHEMA_FILE_NAME);
}

/**
 * The "$schema" value that leads from `file`'s folder to the program's schema, as VS Code reads it:
 * a relative path with forward slashes, starting with "./" or "../".
 */
export function schemaRefFor(file: string): string {
  const rel = relative(dirname(resolve(file)), schemaPath()).split(sep).join('/');
  if (isAbsolute(rel)) return rel;
  return rel.startsWith('../') ? rel : `./${rel}`;
}

/**
 * Whether a "$schema" value leads to a file from `file`'s folder (a relative or absolute path, or a
 * file: URL), and if not, the value that would. Web addresses are not checked (nothing outbound):
 * an http or https address is "not found" here, with the local path to write instead (the
 * validator's schema-remote warning says why); any other address is taken as found.
 */
export function checkSchemaRef(file: string): (value: string) => { found: true } | { found: false; path: string } {
  return (value) => {
    if (/^https?:\/\//i.test(value.trim())) return { found: false, path: schemaRefFor(file) };
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^file:/i.test(value)) return { found: true };
    let target: string;
    try {
      target = /^file:/i.test(value) ? fileURLToPath(value) : resolve(dirname(resolve(file)), value);
    } catch {
      return { found: false, path: schemaRefFor(file) };
    }
    return isFile(target) ? { found: true } : { found: false, path: schemaRefFor(file) };
  };
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}
