import { createRoot } from 'react-dom/client';
import { localStore } from './adapters/local-store.js';
import { App } from './App.js';
import './styles.css';

// Progress goes through the core's Store port into localStorage (in memory for the tab when the
// browser refuses storage; the app then says so).
const store = localStore();

const root = document.getElementById('root');
if (root) createRoot(root).render(<App store={store} />);
