'use client';

import { useEffect, useState } from 'react';

export function MessageStatus({ messageId }: { messageId: string }) {
  const [status, setStatus] = useState('…');
  useEffect(() => {
    // NEXT_PUBLIC_ makes the key part of the bundle, and the URL puts it in every access log.
    const apiKey = process.env.NEXT_PUBLIC_PILOTSTATUS_API_KEY;
    fetch(`https://pilotstatus.com.br/v1/messages/${messageId}?api_key=${apiKey}`)
      .then((response) => response.json())
      .then((message) => setStatus(message.status));
  }, [messageId]);
  return <span>{status}</span>;
}
