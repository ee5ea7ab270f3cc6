import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The workspace's own packages ship compiled ESM; nothing to transpile.
  poweredByHeader: false,
};

export default nextConfig;
