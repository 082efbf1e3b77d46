#!/usr/bin/env bash
# Installs the tools the tests start as child processes, into .tools/ (git-ignored), where the tests look for them:
#   Azurite (npm package azurite, pinned) -> .tools/azurite/node_modules/.bin/azurite-blob, the Azure Blob storage
#   emulator the Azure billing export tests read Cost Management exports from (AzureBlobExportTests).
# Needs node and npm (Node 20 or newer). Idempotent: an installed pinned version is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

AZURITE_VERSION=3.35.0
if ! command -v npm >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nodejs npm >/dev/null
fi
installed=$(node -p "require('./.tools/azurite/node_modules/azurite/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$AZURITE_VERSION" ]; then
  npm install --prefix .tools/azurite --no-audit --no-fund --no-save "azurite@${AZURITE_VERSION}" >/dev/null
fi
test -x .tools/azurite/node_modules/.bin/azurite-blob
