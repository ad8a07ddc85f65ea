// The frontend's one call: a JSON POST to the API on another origin (so the browser preflights it).
const { api } = await (await fetch('/config.json')).json();
const out = document.querySelector('#greeting');
try {
  const res = await fetch(`${api}/api/greeting`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Ada' }),
  });
  out.textContent = (await res.json()).message;
} catch {
  out.textContent = 'Could not load the greeting.';
}
