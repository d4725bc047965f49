/**
 * A debrief's exported files, by path (as the UI that wrote them names them), each with a digest of
 * what was written in it (hex SHA-256, worked out by the UI), to tell the files unchanged since.
 * Kept with a trainer-led session (its ending's export) and with a kept debrief (alone practice's e),
 * so that e on the same debrief opened again says where it is instead of writing a second pair.
 */
export interface ExportedDebrief {
  markdown: string;
  json: string;
  digest: { markdown: string; json: string };
}

/** The longest path kept for an export (a file system's own limit is 4096 bytes). */
const MAX_EXPORT_PATH = 4096;
const DIGEST = /^[0-9a-f]{64}$/;

/**
 * A kept export read from untrusted JSON, or undefined: two paths to files of a debrief of this
 * scenario (named "<id>-debrief-….md" and the same name with ".json", as every export is, so no
 * other file is ever written over in their place), each with a digest. A path with a NUL, or longer
 * than a path can be, is no path.
 */
export function exportedDebriefOf(raw: unknown, scenarioId: string): ExportedDebrief | undefined {
  if (!isRecord(raw) || !isRecord(raw.digest)) return undefined;
  const { markdown, json } = raw;
  const { markdown: mdDigest, json: jsonDigest } = raw.digest;
  if (typeof markdown !== 'string' || typeof json !== 'string' || typeof mdDigest !== 'string' || typeof jsonDigest !== 'string') return undefined;
  if (!DIGEST.test(mdDigest) || !DIGEST.test(jsonDigest)) return undefined;
  if ([markdown, json].some((p) => p.length > MAX_EXPORT_PATH || p.includes('\0'))) return undefined;
  const name = markdown.split(/[/\\]/).pop() ?? '';
  if (!markdown.endsWith('.md') || json !== `${markdown.slice(0, -'.md'.length)}.json` || !name.startsWith(`${scenarioId}-debrief-`) || name.length <= `${scenarioId}-debrief-.md`.length) return undefined;
  return { markdown, json, digest: { markdown: mdDigest, json: jsonDigest } };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
