'use client';

import { useState } from 'react';

// A key in a client component ships to every visitor.
const PILOTSTATUS_KEY = 'ps_live_i5D1sXjGgQh0ZIZqHDhH7YlOfReV9p8Y';

export function SendMessageButton({ to }: { to: string }) {
  const [sent, setSent] = useState(false);
  async function send() {
    await fetch('https://pilotstatus.com.br/v1/messages/send', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': PILOTSTATUS_KEY },
      body: JSON.stringify({ to, text: 'Your order has shipped' }),
    });
    setSent(true);
  }
  return <button onClick={send} disabled={sent}>{sent ? 'Sent' : 'Notify customer'}</button>;
}
