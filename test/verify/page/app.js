// The verification matrix's page: calls the API the way a chat frontend does, each call with its options written
// out as an app writes them (so the panel reads them from the call site, as it would in a user's app). The API's
// origin comes from the query string: ?api=http://127.0.0.1:PORT
const API = new URLSearchParams(location.search).get('api') || '';

async function result(res) {
  const body = await res.text();
  return { ok: true, status: res.status, read: res.headers.get('X-Request-Id'), body };
}

export async function getChat() {
  const res = await fetch(`${API}/api/chat`, { credentials: 'include' });
  return result(res);
}

export async function getChatAnonymous() {
  const res = await fetch(`${API}/api/chat`);
  return result(res);
}

export async function postChat() {
  const res = await fetch(`${API}/api/chat`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t0k3n', 'X-Request-Id': 'req-1' },
    body: JSON.stringify({ q: 1 }),
  });
  return result(res);
}

export async function patchChat() {
  const res = await fetch(`${API}/api/chat`, {
    method: 'PATCH',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ q: 1 }),
  });
  return result(res);
}

export async function boom() {
  const res = await fetch(`${API}/api/boom`, { credentials: 'include' });
  return result(res);
}

export function xhrGetChat() {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', `${API}/api/chat`);
    xhr.withCredentials = true;
    xhr.onload = () => {
      resolve({
        ok: true,
        status: xhr.status,
        read: xhr.getResponseHeader('X-Request-Id'),
        body: xhr.responseText,
      });
    };
    xhr.onerror = () => {
      resolve({ ok: false, status: null, read: null, body: null });
    };
    xhr.send();
  });
}

export async function postChatAnonymous() {
  const res = await fetch(`${API}/api/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t0k3n', 'X-Request-Id': 'req-1' },
    body: JSON.stringify({ q: 1 }),
  });
  return result(res);
}
