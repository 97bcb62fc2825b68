// Hash routes (#/systems/NAME?…): the server serves one page, so a reload or
// a shared link lands on the same view without server-side routes.
import {useEffect, useState} from 'preact/hooks';

export function parseHash(hash) {
  const raw = (hash || '').replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(p => {
    try {
      return decodeURIComponent(p);
    } catch (e) {
      return p;
    }
  });
  return {parts, query: new URLSearchParams(query)};
}

export function useRoute() {
  const [route, setRoute] = useState(parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function link(...parts) {
  return '#/' + parts.map(encodeURIComponent).join('/');
}
