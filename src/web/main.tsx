import { createRoot } from 'react-dom/client';
import { memoryStore } from '../machines/light.js';
import { App } from './App.js';
import './styles.css';

// TODO(wt-webx): the localStorage adapter replaces this memory store once merged.
const store = memoryStore();

const root = document.getElementById('root');
if (root) createRoot(root).render(<App store={store} />);
