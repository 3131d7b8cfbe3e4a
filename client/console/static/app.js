// The console's one page: which view the address asks for.
import { listView } from './list-view.js';
import { cutoverView } from './cutover-view.js';
import { planView } from './plan-view.js';
import { waveView } from './wave-view.js';
import { h, show } from './dom.js';
import { loadSession } from './session.js';

const main = document.getElementById('main');
const path = window.location.pathname;
const cutover = /^\/cutovers\/([^/]+)$/.exec(path);
const wave = /^\/waves\/([^/]+)$/.exec(path);

for (const link of document.querySelectorAll('nav a')) {
  if (link.getAttribute('href') === path || ((cutover || wave) && link.getAttribute('href') === '/')) link.setAttribute('aria-current', 'page');
}

// Who is signed in decides what the views offer, so it is known before they are drawn.
await loadSession();

if (path === '/') listView(main);
else if (path === '/plan') planView(main);
else if (cutover) cutoverView(main, decodeURIComponent(cutover[1]));
else if (wave) waveView(main, decodeURIComponent(wave[1]));
else show(main, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '/' }, 'See every cutover')));
