#!/usr/bin/env bash
# Installs what is missing, and nothing else.
#
#   scripts/deps.sh [--optional] PKG...   Debian packages (checked with dpkg-query)
#   scripts/deps.sh --go MAJOR.MINOR      checks the Go toolchain and downloads modules
#
# Missing packages are installed with apt-get as root, or through passwordless
# sudo; otherwise the exact command is printed and the script fails. With
# --optional a package that cannot be installed is reported and the script
# succeeds (the caller checks for it and skips what needs it).
set -uo pipefail

if [[ ${1:-} == --go ]]; then
	want=${2:?usage: deps.sh --go MAJOR.MINOR}
	if ! command -v go >/dev/null 2>&1; then
		echo "deps: 'go' is not on PATH: install Go $want or newer from https://go.dev/dl/ and add its bin directory to PATH" >&2
		exit 1
	fi
	have=$(go env GOVERSION) # go1.26.3, go1.27rc1, devel ...
	v=${have#go}
	major=${v%%.*}
	rest=${v#*.}
	minor=${rest%%[!0-9]*}
	wmajor=${want%%.*}
	wminor=${want#*.}
	if [[ ! $major =~ ^[0-9]+$ || ! $minor =~ ^[0-9]+$ ]]; then
		echo "deps: cannot read the Go version '$have' ($(command -v go)); need go $want or newer" >&2
		exit 1
	fi
	if ((major < wmajor || (major == wmajor && minor < wminor))); then
		echo "deps: $(command -v go) is $have; this project needs go $want or newer (https://go.dev/dl/)" >&2
		exit 1
	fi
	# Quiet and quick when the module cache already holds everything.
	# A failure is reported, not fatal: `go mod download` fetches every module of
	# the build list (even ones only other platforms use), while an offline
	# machine whose cache holds what this platform needs still builds.
	if ! go mod download; then
		echo "deps: warning: 'go mod download' failed (offline?); the build will name any module it lacks" >&2
	fi
	exit 0
fi

optional=0
if [[ ${1:-} == --optional ]]; then
	optional=1
	shift
fi
(($# == 0)) && exit 0

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: dpkg-query not found: this is not a Debian/Ubuntu system; install the equivalents of: $*" >&2
	((optional)) && exit 0
	exit 1
fi

missing=()
for p in "$@"; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[[ $st == "install ok installed" ]] || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

install="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
echo "deps: missing Debian packages: ${missing[*]}"
if [[ $(id -u) == 0 ]]; then
	run=(bash -c "$install")
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	run=(sudo -n bash -c "$install")
else
	if ((optional)); then
		echo "deps: cannot install them (not root, no passwordless sudo); to install them run:"
		echo "  sudo sh -c '$install'"
		exit 0
	fi
	echo "deps: not root and no passwordless sudo; run this, then retry:" >&2
	echo "  sudo sh -c '$install'" >&2
	exit 1
fi
echo "deps: $install"
if ! "${run[@]}"; then
	if ((optional)); then
		echo "deps: could not install ${missing[*]} (continuing without them)"
		exit 0
	fi
	echo "deps: installing ${missing[*]} failed" >&2
	exit 1
fi
