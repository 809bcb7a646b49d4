#!/usr/bin/env bash
# Debian's Chromium for the end-to-end browser test (Playwright's own browser download
# does not work offline). Skipped when Chromium is already there or apt is unavailable;
# a failed install only warns: the browser test then skips itself.
set -uo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  if apt-get update -qq >/dev/null && \
     DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
    exit 0
  fi
fi
echo "chromium not installed: the browser test will be skipped" >&2
