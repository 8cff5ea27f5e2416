/**
 * @module Dashboard entry: theme toggle, the routes, and the router. Paths:
 * `/` (the Bitcoin-vs-AI answer), `/bitcoin` (pools), `/pool/<name>`, `/ai?d=<distribution>`, `/ai/entity/<name>?d=…`,
 * `/economics`, `/compare`, `/attack`, `/claims`, `/simulate`; each view's controls live in the query string.
 */
import './styles.css';
import { createAttackPage } from './pages/attack-page.js';
import { createClaimsPage } from './pages/claims-page.js';
import { createComparePage } from './pages/compare-page.js';
import { AI_VIEW, BITCOIN_VIEW, createDistributionPage } from './pages/distribution-page.js';
import { createEconomicsPage } from './pages/economics-page.js';
import { createHomePage } from './pages/home-page.js';
import { createEntityPage } from './pages/entity-page.js';
import { createSimulatePage } from './pages/simulate-page.js';
import { startRouter, type Route } from './router.js';
import { initTheme } from './theme.js';

export const ROUTES: readonly Route[] = [
  { pattern: /^\/$/, section: 'home', title: 'Bitcoin vs AI', create: createHomePage },
  { pattern: /^\/bitcoin\/?$/, section: 'bitcoin', title: 'Bitcoin', create: (ctx) => createDistributionPage(BITCOIN_VIEW, ctx) },
  { pattern: /^\/pool\/([^/]+)\/?$/, section: 'bitcoin', title: 'Pool', create: (ctx) => createEntityPage(true, ctx) },
  { pattern: /^\/ai\/?$/, section: 'ai', title: 'AI', create: (ctx) => createDistributionPage(AI_VIEW, ctx) },
  { pattern: /^\/ai\/entity\/([^/]+)\/?$/, section: 'ai', title: 'AI entity', create: (ctx) => createEntityPage(false, ctx) },
  { pattern: /^\/economics\/?$/, section: 'economics', title: 'Economics', create: createEconomicsPage },
  { pattern: /^\/compare\/?$/, section: 'compare', title: 'Compare', create: createComparePage },
  { pattern: /^\/attack\/?$/, section: 'attack', title: 'Attack', create: createAttackPage },
  { pattern: /^\/claims\/?$/, section: 'claims', title: 'Claims', create: createClaimsPage },
  { pattern: /^\/simulate\/?$/, section: 'simulate', title: 'Simulate', create: createSimulatePage },
];

initTheme(document.getElementById('theme-toggle') as HTMLButtonElement);
startRouter(ROUTES, document.getElementById('main')!, document.getElementById('nav')!);
