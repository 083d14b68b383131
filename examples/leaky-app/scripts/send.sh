#!/usr/bin/env sh
# Sends a test message. Bearer auth and a hardcoded key: both wrong.
curl -X POST "https://pilotstatus.com.br/v1/messages/send" \
  -H "Authorization: Bearer ps_live_BxK6XFNs5ihyc2BjfKpgwaMfvYUcrHJe" \
  -H "content-type: application/json" \
  -d '{"to": "+5511999999999", "text": "hello"}'
