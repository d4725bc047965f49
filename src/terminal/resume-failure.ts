/** The one line shown when a save cannot be resumed. */
export function resumeFailure(error: string, movedTo: string): string {
  return `Could not resume: ${error} The save was moved to ${movedTo}; starting fresh.`;
}
