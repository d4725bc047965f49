import { createContext, useContext } from 'react';
import { themeFor, type Theme } from '../theme.js';

/** The colours in use; components read it with useTheme(). */
export const ThemeContext = createContext<Theme>(themeFor(process.env));

/** The current theme (no colours under NO_COLOR). */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}
