import { useInput, useStdin } from 'ink';
import { actionOf, type Action } from '../keys.js';

/**
 * Calls `onAction` for each key that means something. Without a raw-mode TTY, Ink's
 * isRawModeSupported is undefined rather than false, so the check is `=== true`.
 */
export function useKeys(onAction: (action: Action, input: string) => void, active = true): void {
  const { isRawModeSupported } = useStdin();
  useInput((input, key) => {
    const action = actionOf(input, key);
    if (action) onAction(action, input);
  }, { isActive: active && isRawModeSupported === true });
}
