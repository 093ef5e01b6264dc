#!/usr/bin/env bash
# The browser tests drive Debian's chromium through playwright-core. Installs it when it is missing
# (with sudo unless already root); does nothing when /usr/bin/chromium is there.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
echo "Installing Debian's chromium for the browser tests…"
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
else
  sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null
fi
chromium --version
