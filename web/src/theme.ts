/**
 * @module Light and dark themes. Without a stored choice the page follows the system setting
 * (prefers-color-scheme, also when it changes); the toggle pins the other theme and remembers it
 * (localStorage). index.html applies a stored choice before the first paint.
 */
const KEY = 'nakamoto-theme';
type Theme = 'light' | 'dark';

function stored(): Theme | null {
  try {
    const t = localStorage.getItem(KEY);
    return t === 'light' || t === 'dark' ? t : null;
  } catch {
    return null;
  }
}

export function currentTheme(): Theme {
  const pinned = document.documentElement.dataset.theme;
  if (pinned === 'light' || pinned === 'dark') return pinned;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function show(button: HTMLButtonElement): void {
  const dark = currentTheme() === 'dark';
  // A toggle button with a fixed name: pressed = dark theme on.
  button.setAttribute('aria-pressed', String(dark));
  const icon = document.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = dark ? '☾ ' : '☀ ';
  button.replaceChildren(icon, 'Dark theme');
  button.title = dark ? 'Dark theme is on: press for the light theme' : 'Light theme is on: press for the dark theme';
}

export function initTheme(button: HTMLButtonElement): void {
  const t = stored();
  if (t) document.documentElement.dataset.theme = t;
  show(button);
  button.addEventListener('click', () => {
    const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    show(button);
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => show(button));
}
