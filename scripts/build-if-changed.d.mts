/** The newest modification time of the files under a folder (0 when it does not exist). */
export function newest(dir: string): number;
/** Whether dist/ is missing or older than src/, the guide data or the build settings. */
export function buildIsStale(root?: string): boolean;
/** Whether dist-web/ is missing or older than what the web app is built from. */
export function webBuildIsStale(root?: string): boolean;
/** Where the build of dist/ lists the digests of the bundled scenarios it verified (scripts/bundle-cli.mjs), for test/global-setup.ts. */
export const VERIFIED_LIST: string;
/** Where a build of the web app lists its chunks (vite.config.ts, chunkList): outside dist-web/, so never served. */
export const CHUNK_LIST: string;
/** Builds dist/, the terminal app (JavaScript only; the types are checked by npm test). */
export function buildCli(root?: string): void;
/** Builds dist-web/, the web app, as `npm run build` does, outside Vitest's environment. */
export function buildWeb(root?: string): void;
/** The line said before npm's "prepare" builds the app: the first `npx casa-practice`, and `npm ci`. */
export const PREPARING: string;
/** Says PREPARING on stderr and, where npm hides a "prepare" script's output, on the terminal itself; returns where it was said. */
export function sayPreparing(opts?: { stderr?: { isTTY?: boolean; write(text: string): unknown }; env?: NodeJS.ProcessEnv; openTty?: () => number }): string[];
