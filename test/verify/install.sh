#!/usr/bin/env bash
# Installs the Debian packages the fix verification matrix runs (test/verify/README.md). Idempotent; skips (exit 0)
# when not root or not Debian, and run.ts then marks the affected cells as gaps with the reason.
set -u
if [ "$(id -u)" != "0" ]; then echo "install.sh: not root, skipping apt (matrix cells become gaps)"; exit 0; fi
if [ ! -f /etc/debian_version ] || ! command -v apt-get >/dev/null; then echo "install.sh: not Debian, skipping"; exit 0; fi

PACKAGES=(
  python3-fastapi python3-uvicorn python3-starlette python3-pytest python3-httpx
  python3-flask python3-flask-cors
  python3-aiohttp python3-aiohttp-cors
  python3-django python3-django-cors-headers
  nginx-light apache2 caddy fonts-dejavu-core
  golang-go golang-github-rs-cors-dev golang-github-gin-gonic-gin-dev golang-github-gin-contrib-cors-dev golang-github-labstack-echo-dev
  ruby ruby-rack ruby-rack-cors ruby-webrick ruby-rack-test
  php-cli
  chromium
)
missing=()
for p in "${PACKAGES[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then echo "install.sh: all ${#PACKAGES[@]} packages present"; exit 0; fi
echo "install.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || { echo "install.sh: apt-get update failed (matrix cells become gaps)"; exit 0; }
# One package that is unknown on this release must not stop the others: retry one by one on failure.
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  for p in "${missing[@]}"; do apt-get install -y -qq --no-install-recommends "$p" >/dev/null || echo "install.sh: could not install $p"; done
fi
echo "install.sh: done"
