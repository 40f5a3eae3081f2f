#!/bin/sh
# Installs what the browser tests need that pip cannot: Debian's Chromium.
# Playwright's own browser download is not reachable here, so the tests drive /usr/bin/chromium.
set -e
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
