#!/usr/bin/env bash
# What the tests need from the machine, from Debian's apt, each only when it is missing (with sudo unless
# already root):
# - chromium: the browser tests drive it through playwright-core;
# - the AWS CLI, for python3: the runbook test checks every `aws` command in docs/operations.md against
#   the CLI's own argument tables.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ! python3 -c 'import awscli.clidriver' >/dev/null 2>&1 && ! /usr/bin/python3 -c 'import awscli.clidriver' >/dev/null 2>&1; then
  missing+=(awscli)
fi
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
echo "Installing from Debian for the tests: ${missing[*]}…"
sudo_if_needed=()
[ "$(id -u)" -eq 0 ] || sudo_if_needed=(sudo)
"${sudo_if_needed[@]}" apt-get update -qq
"${sudo_if_needed[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
