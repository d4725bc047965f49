/** The newest modification time of the files under a folder (0 when it does not exist). */
export function newest(dir: string): number;
/** Whether dist/ is missing or older than src/, the guide data or the build settings. */
export function buildIsStale(root?: string): boolean;
