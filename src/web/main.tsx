// PLACEHOLDER until the web app's own entry is merged (branch wt-web): lets the Chromium harness
// build and serve something. The merge should take wt-web's index.html and src/web/main.tsx.
const root = document.getElementById('root');
if (root) {
  const main = document.createElement('main');
  const h1 = document.createElement('h1');
  h1.textContent = 'casa-practice';
  const p = document.createElement('p');
  p.textContent = 'Role-play practice for CASA volunteers. Nothing you do here leaves your device.';
  main.append(h1, p);
  root.append(main);
}
