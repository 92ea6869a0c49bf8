#!/bin/sh
# Before `npm test`: the browser tests (test/e2e/html.test.ts) drive Debian's Chromium. A fresh
# machine has none, so install the `chromium` package when /usr/bin/chromium is missing.
# KSTAT_CHROMIUM names another Chromium (test/helpers/browser.ts); it is used as it is.
set -eu
if [ -n "${KSTAT_CHROMIUM:-}" ]; then
  [ -x "$KSTAT_CHROMIUM" ] && exit 0
  echo "kstat tests: KSTAT_CHROMIUM=$KSTAT_CHROMIUM is not an executable: point it at Chromium, or unset it to use Debian's /usr/bin/chromium" >&2
  exit 1
fi
CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "kstat tests: $CHROMIUM is missing and there is no apt-get: install Chromium at $CHROMIUM (Debian package chromium)" >&2
  exit 1
fi
if [ "$(id -u)" = 0 ]; then
  SUDO=
elif command -v sudo >/dev/null 2>&1; then
  SUDO=sudo
else
  echo "kstat tests: $CHROMIUM is missing: as root, run apt-get install chromium" >&2
  exit 1
fi
echo "kstat tests: installing Debian's chromium for the browser tests" >&2
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium; } >&2; then
  echo "kstat tests: could not install chromium with apt-get: install Debian's chromium package ($CHROMIUM)" >&2
  exit 1
fi
[ -x "$CHROMIUM" ] || { echo "kstat tests: apt-get installed chromium but $CHROMIUM is still missing" >&2; exit 1; }
