import axios from 'axios';

const base = process.env.PILOTSTATUS_API_URL || 'https://pilotstatus.com.br/v1';
const apiKey = process.env.PILOTSTATUS_API_KEY!;

// Bearer auth: the API has none, every call through this instance gets 401.
export const pilotstatus = axios.create({
  baseURL: 'https://pilotstatus.com.br/v1',
  headers: { Authorization: `Bearer ${apiKey}` },
});

export async function sendMessage(to: string, text: string) {
  return fetch(`${base}/messages/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', Authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ to, text }),
  });
}

export async function getMessage(id: string) {
  // A look-alike header: the API only reads x-api-key / x-api-key-id.
  return fetch(`${base}/messages/${id}`, { headers: { apikey: apiKey } });
}

export async function cancelMessage(id: string) {
  // No key header at all.
  return fetch(`${base}/messages/${id}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' } });
}

export async function listTemplates() {
  // The key as a query parameter.
  return axios.get('https://pilotstatus.com.br/v1/templates', { params: { api_key: process.env.PILOTSTATUS_API_KEY } });
}
