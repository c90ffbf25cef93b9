#!/usr/bin/env bash
# Smoke test of the desktop app under Xvfb.
#
#   scripts/smoke.sh BINARY [ARGS...]
#
# Starts a virtual X server, runs BINARY in it, waits for the window
# "Mali Routes Atlas", takes a screenshot once the window shows a picture (many
# colours, real contrast: an actual map, not a blank or single-colour window),
# saves it to out/smoke.png, closes the window and checks that the app exits
# cleanly. Fails with a message naming the step otherwise.
#
# Environment: SMOKE_OUT (default out), SMOKE_TITLE (default "Mali Routes Atlas"),
# SMOKE_WINDOW_TIMEOUT (60 s), SMOKE_FRAME_TIMEOUT (30 s), SMOKE_MIN_COLOURS (50),
# SMOKE_MIN_STDDEV (0.04, ImageMagick's standard_deviation, 0..1).
set -euo pipefail

bin=${1:?usage: smoke.sh BINARY [ARGS...]}
shift
title=${SMOKE_TITLE:-Mali Routes Atlas}
out=${SMOKE_OUT:-out}
window_timeout=${SMOKE_WINDOW_TIMEOUT:-60}
frame_timeout=${SMOKE_FRAME_TIMEOUT:-30}
min_colours=${SMOKE_MIN_COLOURS:-50}
min_stddev=${SMOKE_MIN_STDDEV:-0.04}

fail() {
	echo "smoke: FAIL: $*" >&2
	exit 1
}

[[ -x $bin ]] || fail "binary '$bin' does not exist or is not executable (run 'make build')"
for tool in Xvfb xdotool xwd convert; do
	command -v "$tool" >/dev/null 2>&1 || fail "'$tool' not found (run 'make deps APT_EXTRA=\"xvfb xauth x11-apps imagemagick xdotool\"')"
done

mkdir -p "$out"
work=$(mktemp -d)
log=$out/smoke.log
: >"$log"
xvfb_pid= app_pid=

cleanup() {
	local rc=$?
	if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
		kill -KILL "$app_pid" 2>/dev/null || true
		wait "$app_pid" 2>/dev/null || true
	fi
	if [[ -n $xvfb_pid ]] && kill -0 "$xvfb_pid" 2>/dev/null; then
		kill "$xvfb_pid" 2>/dev/null || true
		wait "$xvfb_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. A virtual X server on a free display number.
display=
for n in $(seq 99 199); do
	[[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] && continue
	Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
	xvfb_pid=$!
	for _ in $(seq 50); do
		kill -0 "$xvfb_pid" 2>/dev/null || break
		if DISPLAY=":$n" xdotool getdisplaygeometry >/dev/null 2>&1; then
			display=":$n"
			break
		fi
		sleep 0.1
	done
	[[ -n $display ]] && break
	kill "$xvfb_pid" 2>/dev/null || true
	wait "$xvfb_pid" 2>/dev/null || true
	xvfb_pid=
done
[[ -n $display ]] || fail "could not start Xvfb on any display :99..:199 ($(tail -3 "$work/xvfb.log" 2>/dev/null | tr '\n' ' '))"
export DISPLAY=$display
echo "smoke: Xvfb on $DISPLAY"

# 2. The app. Mesa under Xvfb renders with llvmpipe (software OpenGL).
if [[ -z ${XDG_RUNTIME_DIR:-} || ! -d ${XDG_RUNTIME_DIR:-} ]]; then
	export XDG_RUNTIME_DIR=$work/xdg
	mkdir -m 700 "$XDG_RUNTIME_DIR"
fi
# A fresh home: the user's preferences, recent files or a recovery file from
# an earlier run must not change what the first window shows.
mkdir -p "$work/home"
HOME=$work/home XDG_CONFIG_HOME=$work/home/.config LANG=en_US.UTF-8 LIBGL_ALWAYS_SOFTWARE=${LIBGL_ALWAYS_SOFTWARE:-1} "$bin" "$@" >"$log" 2>&1 &
app_pid=$!
echo "smoke: started $bin (pid $app_pid), log in $log"

crashed() {
	local rc=0
	wait "$app_pid" || rc=$?
	app_pid=
	echo "---- last lines of $log" >&2
	tail -20 "$log" >&2
	fail "$bin exited with status $rc $1"
}

# 3. Its window.
wid=
deadline=$((SECONDS + window_timeout))
while ((SECONDS < deadline)); do
	kill -0 "$app_pid" 2>/dev/null || crashed "before its window appeared"
	wid=$(xdotool search --onlyvisible --name "^${title}\$" 2>/dev/null | head -1 || true)
	[[ -n $wid ]] && break
	sleep 0.25
done
[[ -n $wid ]] || fail "no visible window named '$title' within ${window_timeout}s"
echo "smoke: window $wid '$title'"

# 4. Wait for the first real frame; screenshot the screen, judge the window's area.
shot=$out/smoke.png
ok=
stats=
deadline=$((SECONDS + frame_timeout))
while ((SECONDS < deadline)); do
	sleep 1
	kill -0 "$app_pid" 2>/dev/null || crashed "while drawing its first frame"
	eval "$(xdotool getwindowgeometry --shell "$wid" 2>/dev/null)" || fail "window $wid vanished"
	if ! xwd -root -silent | convert xwd:- "png:$work/root.png" 2>"$work/convert.log"; then
		fail "screenshot failed: $(cat "$work/convert.log")"
	fi
	stats=$(convert "$work/root.png" -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage \
		-format '%k %[fx:standard_deviation]' info:)
	read -r colours stddev <<<"$stats"
	if ((colours > min_colours)) && awk -v s="$stddev" -v m="$min_stddev" 'BEGIN { exit !(s > m) }'; then
		ok=1
		break
	fi
done
cp "$work/root.png" "$shot"
[[ -n $ok ]] || fail "the window looks blank after ${frame_timeout}s: ${colours:-?} colours (need > $min_colours), standard deviation ${stddev:-?} (need > $min_stddev); screenshot in $shot"
echo "smoke: window ${WIDTH}x${HEIGHT}+${X}+${Y}: $colours colours, standard deviation $stddev; screenshot in $shot"

# 5. Close it and make sure the app exits by itself, cleanly.
# xdotool 3.2016 has no WM_DELETE_WINDOW request (windowclose destroys the
# window under the app); Fyne quits cleanly on SIGTERM, as on closing the
# last window.
kill -TERM "$app_pid" 2>/dev/null || crashed "before it was asked to close"
for _ in $(seq 100); do
	kill -0 "$app_pid" 2>/dev/null || break
	sleep 0.1
done
if kill -0 "$app_pid" 2>/dev/null; then
	fail "$bin did not exit within 10s of being asked to close (killed)"
fi
rc=0
wait "$app_pid" || rc=$?
app_pid=
if ((rc != 0)); then
	tail -20 "$log" >&2
	fail "$bin exited with status $rc after being asked to close"
fi
if grep -Eq '^(panic:|fatal error:)|SIGSEGV' "$log"; then
	tail -20 "$log" >&2
	fail "$bin logged a crash (see $log)"
fi
echo "smoke: PASS"
