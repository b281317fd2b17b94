#!/usr/bin/env bash
# The tests need two Debian packages: Chromium for the end-to-end tests (Playwright's own
# browser download is not reachable here) and faketime for the run with the system clock
# moved. Installs whichever is missing.
set -euo pipefail
missing=()
if ! { [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; } && [ ! -x /usr/bin/chromium ]; then missing+=(chromium fonts-liberation); fi
if ! command -v faketime >/dev/null; then missing+=(faketime); fi
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installation des paquets Debian manquants pour les tests : ${missing[*]}…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
