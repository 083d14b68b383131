/** @type {import('next').NextConfig} */
export default {
  reactStrictMode: true,
  // Copies the server key into the client bundle.
  env: { PILOTSTATUS_API_KEY: process.env.PILOTSTATUS_API_KEY },
};
