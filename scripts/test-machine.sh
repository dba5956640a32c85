#!/usr/bin/env bash
# Makes this machine ready for every test (`npm test` runs it first, in CI too): Debian's Docker 20.10
# (classic builder), busybox-static and debootstrap for the local stand-in base images, Podman 4.3, ShellCheck 0.9, the current
# engine (Docker 28.5 + buildx, ../shared/engine/modern-docker.sh) and two real VS Codes (scripts/editor/
# provision.sh). Idempotent: on a machine that has it all, a few seconds. Needs root and Debian's apt (the
# machines this project is built on); STAGECRAFT_PROVISION=0 skips it, and the engine and editor tests then
# skip, visibly.
set -uo pipefail
cd "$(dirname "$0")/.."

fail() { echo "test-machine: $*" >&2; echo "test-machine: run as root on Debian, or set STAGECRAFT_PROVISION=0 to run the tests without an engine and an editor (those tests are then skipped)" >&2; exit 1; }

need=()
for package in docker.io busybox-static debootstrap podman shellcheck; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || fail "missing Debian packages: ${need[*]}"
  echo "== apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; } || fail "could not install ${need[*]}"
fi

# The current engine; its first start installs it (2-4 minutes) and shows up here rather than inside a test.
# Its exports (`export DOCKER_HOST=… DOCKER_CONFIG=…`) are printed for the test runner, which passes them down.
if [ -f ../shared/engine/modern-docker.sh ]; then
  bash ../shared/engine/modern-docker.sh start || fail "could not start the current Docker engine (../shared/engine/modern-docker.sh)"
else
  echo "test-machine: no ../shared/engine/modern-docker.sh: the BuildKit tests will say so" >&2
fi

bash scripts/editor/provision.sh || fail "could not provision the editors (scripts/editor/provision.sh)"
