// Log in with a local account (POST /api/session): the server sets the
// HttpOnly session cookie and returns the CSRF token for writes.
import {useState} from 'preact/hooks';

import {api} from '../api.js';
import {html} from '../html.js';
import {ErrorBox} from '../ui.js';

export function Login({onLogin}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async e => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const doc = await api('/api/session', {method: 'POST', body: {username, password}});
      setPassword('');
      onLogin(doc);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return html`<main class="login" id="main">
    <h1>airm</h1>
    <p>AI risk management: systems, monitors, alerts, risks and reviews.</p>
    <form onSubmit=${submit} aria-label="Log in">
      <label for="username">User name</label>
      <input id="username" name="username" autocomplete="username" required
             value=${username} onInput=${e => setUsername(e.currentTarget.value)} />
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required
             value=${password} onInput=${e => setPassword(e.currentTarget.value)} />
      <button type="submit" disabled=${busy}>Log in</button>
      <${ErrorBox} error=${error} />
    </form>
  </main>`;
}
