import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(request: NextApiRequest, response: NextApiResponse) {
  const tenantKey = process.env.PILOTSTATUS_TENANT_KEY!;
  // The full key in the server log.
  console.log('sending with key', tenantKey);
  // A tenant-scoped key cannot send messages: 403 TENANT_SCOPE_NOT_ALLOWED.
  const result = await fetch('https://pilotstatus.com.br/v1/messages/send', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': tenantKey },
    body: JSON.stringify({ to: request.body.to, text: request.body.text }),
  });
  response.status(result.status).json(await result.json());
}
