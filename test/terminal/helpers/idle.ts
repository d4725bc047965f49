import { readFileSync } from 'node:fs';

/**
 * Resolves once process `pid` is idle: its main thread blocked in the event loop's epoll wait, as
 * /proc/PID/wchan shows, so everything the screen it has drawn set in motion has run (a Node process
 * with work queued does not sleep there). Also resolves when the process has ended, when /proc does
 * not say (then at once), or after `limit` ms; checks every 2 ms. Resolves true only when idle was seen.
 *
 * Tests driving the app on a real terminal type once it is idle, as a person would: a key that arrives
 * in the moment between a frame and the new screen's key handler being attached reaches the screen
 * before it.
 */
export async function whenIdle(pid: number, limit = 5000): Promise<boolean> {
  const end = Date.now() + limit;
  for (;;) {
    let wchan: string;
    try {
      wchan = readFileSync(`/proc/${pid}/wchan`, 'utf8');
    } catch {
      return false;
    }
    if (/epoll|ep_poll/.test(wchan)) return true;
    // Where the kernel hides wait channels (reads "0" even while sleeping), there is nothing to wait on.
    if (wchan === '0' && readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('S')) return false;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 2));
  }
}
