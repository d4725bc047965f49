import { createRoot } from 'react-dom/client';
import { localStore } from './adapters/local-store.js';
import { App } from './App.js';
import './styles.css';

// Progress goes through the core's Store port into localStorage (in memory for the tab when the
// browser refuses storage; the app then says so).
const store = localStore();

// The built app keeps a copy of itself for offline use (sw.js, written by the build); the dev server has none.
if (import.meta.env.PROD && 'serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  });
}

// The tab's own storage, for what the app keeps for the tab alone (the Preview's draft): none where
// the browser refuses it (reading sessionStorage itself can throw).
const tab = (() => {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
})();

const root = document.getElementById('root');
if (root) createRoot(root).render(<App store={store} tab={tab} />);
