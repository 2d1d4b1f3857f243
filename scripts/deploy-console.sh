#!/usr/bin/env bash
# `npm run deploy:console`: the console on Cloudflare Workers — builds the package, lays out the
# assets (scripts/console-assets.sh) and deploys worker/ with wrangler 4.86.0 (the last release for
# Node 20). Extra arguments go to `wrangler deploy` (e.g. --dry-run). Before the first deploy:
#   npx wrangler@4.86.0 login
#   npx wrangler@4.86.0 secret put CONSOLE_TOKEN --config worker/wrangler.jsonc
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
bash scripts/console-assets.sh dist dist-console
npx --yes wrangler@4.86.0 deploy --config worker/wrangler.jsonc "$@"
