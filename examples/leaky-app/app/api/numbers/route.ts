// A hardcoded fallback: the key is in the repository whenever the env var is missing.
const apiKey = process.env.PILOTSTATUS_API_KEY ?? 'ps_live_635WvMYXEoysW3y9IFlyekkTXUAl77cg';

export async function GET() {
  const response = await fetch('https://pilotstatus.com.br/v1/numbers', { headers: { 'x-api-key': apiKey } });
  return Response.json(await response.json());
}
