import { Picker, type PickerProps } from '../../../src/terminal/ui/Picker.js';
import { KeyRouterProvider, useKeyRouter } from '../../../src/terminal/ui/useKeys.js';

/** The picker alone, with the key router the app gives it (its choices go nowhere). */
export function PickerHost(props: Omit<PickerProps, 'onPick' | 'onResume' | 'onQuit'>) {
  const router = useKeyRouter();
  return (
    <KeyRouterProvider value={router}>
      <Picker {...props} onPick={() => undefined} onResume={() => undefined} onQuit={() => undefined} />
    </KeyRouterProvider>
  );
}
