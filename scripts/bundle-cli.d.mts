/** The SHA-256 digests of the scenario files in `root`/scenarios that the built validator finds without any problem. */
export function verifiedScenarios(root?: string): Promise<string[]>;
/** Bundles dist/src/terminal (main.bundle.js, the validation worker) with those digests. */
export function bundleCli(root?: string): Promise<void>;
