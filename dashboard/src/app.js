// The shell: who is logged in, the navigation, and the view of the route.
import {useEffect, useState} from 'preact/hooks';

import {api, ApiError, setCsrfToken} from './api.js';
import {html} from './html.js';
import {useRoute} from './router.js';
import {ErrorBox, Loading} from './ui.js';
import {Alerts} from './views/alerts.js';
import {Governance} from './views/governance.js';
import {Login} from './views/login.js';
import {ModelCard} from './views/model_card.js';
import {Portfolio} from './views/portfolio.js';
import {Reviews} from './views/reviews.js';
import {RiskRegister} from './views/risks.js';
import {SystemPage} from './views/system.js';

const kNav = [['#/', 'Portfolio', ''], ['#/alerts', 'Alerts', 'alerts'],
              ['#/risks', 'Risks', 'risks'], ['#/reviews', 'Reviews', 'reviews'],
              ['#/governance', 'Governance', 'governance']];

function View({route, user}) {
  const [first, second] = route.parts;
  if (!first) return html`<${Portfolio} query=${route.query} />`;
  if (first === 'systems' && second) return html`<${SystemPage} name=${second} />`;
  if (first === 'models' && second) return html`<${ModelCard} ref=${second} />`;
  if (first === 'alerts') return html`<${Alerts} user=${user} />`;
  if (first === 'risks') return html`<${RiskRegister} user=${user} />`;
  if (first === 'reviews') return html`<${Reviews} user=${user} />`;
  if (first === 'governance') return html`<${Governance} />`;
  return html`<p>No such page. <a href="#/">Portfolio</a></p>`;
}

export function App() {
  const route = useRoute();
  const [session, setSession] = useState(undefined);  // undefined: asking; null: logged out
  const [error, setError] = useState(null);
  const accept = doc => {
    setCsrfToken(doc.csrf_token);
    setSession(doc);
  };
  useEffect(() => {
    const loggedOut = () => {
      setCsrfToken('');
      setSession(null);
    };
    addEventListener('airm:logged-out', loggedOut);
    api('/api/session').then(accept, err => {
      if (err instanceof ApiError && err.status === 401) setSession(null);
      else setError(err);
    });
    return () => removeEventListener('airm:logged-out', loggedOut);
  }, []);
  const logout = async () => {
    try {
      await api('/api/session', {method: 'DELETE'});
    } finally {
      setCsrfToken('');
      setSession(null);
    }
  };
  if (error) return html`<main id="main"><${ErrorBox} error=${error} /></main>`;
  if (session === undefined) return html`<main id="main"><${Loading} what="the session" /></main>`;
  if (session === null) return html`<${Login} onLogin=${accept} />`;
  const user = session.user;
  const current = route.parts[0] || '';
  return html`<a class="skip" href="#main" onClick=${e => {
      e.preventDefault();
      document.getElementById('main').focus();
    }}>Skip to content</a>
    <header class="top">
      <a class="brand" href="#/">airm</a>
      <nav aria-label="Main">
        ${kNav.map(([href, label, key]) => html`<a href=${href}
            aria-current=${current === key ? 'page' : undefined}>${label}</a>`)}
      </nav>
      <span class="who">${user.username} <span class="role">(${user.role})</span>
        <button type="button" class="link" onClick=${logout}>Log out</button></span>
    </header>
    <main id="main" tabindex="-1"><${View} route=${route} user=${user} /></main>`;
}
