/** Why a path could not be read, in one line (exit 2). Kept apart so the CLI can load without the validator. */
export class FileAccessError extends Error {}
