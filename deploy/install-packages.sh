#!/usr/bin/env bash
# Installs Debian packages with apt-get, as root or through passwordless sudo, or stops saying what
# to install. Shared by ./test.sh and deploy/local-tls.sh.
# Usage: deploy/install-packages.sh "what needs them" PACKAGE...
set -euo pipefail
what=$1
shift
[ $# -eq 0 ] && exit 0

missing="$what needs the Debian packages $*, which are not installed."
advice="Install them as root with: apt-get update && apt-get install -y --no-install-recommends $*"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "$missing This user is not root and cannot sudo without a password. $advice" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "$missing This machine has no apt-get. $advice" >&2
  exit 1
fi
echo "Installing $* for $what (apt-get)..."
if ! { "${sudo[@]}" apt-get update -qq \
    && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }; then
  echo "$missing Installing them with apt-get failed. $advice" >&2
  exit 1
fi
