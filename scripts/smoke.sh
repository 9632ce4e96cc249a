#!/usr/bin/env bash
# smoke.sh: GUI smoke test of the real Forecaster binary in a private X display.
#
#   scripts/smoke.sh BINARY [OUT_DIR]
#
# Starts Xvfb + openbox, launches BINARY, waits for the window titled
# "Forecaster", screenshots it with ImageMagick's import, and fails when the
# window never appears, the image is blank, the process died, or its output
# mentions a panic or a data race. Then it closes the window as a user would
# (a window-manager close request) and requires a clean exit within 10 s.
# Screenshots and the program's log land in OUT_DIR (default .smoke/).
set -u
bin=${1:?usage: smoke.sh BINARY [OUT_DIR]}
out=${2:-.smoke}
mkdir -p "$out"
for t in Xvfb openbox wmctrl xdotool import convert; do
  command -v $t >/dev/null || { echo "smoke: missing $t (run scripts/setup.sh test)" >&2; exit 2; }
done

fail() { echo "smoke: FAIL: $*" >&2; [ -f "$out/app.log" ] && sed 's/^/  app: /' "$out/app.log" | tail -30 >&2; exit 1; }

# A free display number.
for n in $(seq 90 140); do [ -e /tmp/.X11-unix/X$n ] || [ -e /tmp/.X$n-lock ] || break; done
export DISPLAY=:$n
Xvfb "$DISPLAY" -screen 0 1400x900x24 -nolisten tcp >"$out/xvfb.log" 2>&1 & xpid=$!
apid="" wpid=""
trap 'kill $apid $wpid $xpid 2>/dev/null; wait 2>/dev/null' EXIT
for i in $(seq 1 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
openbox >/dev/null 2>&1 & wpid=$!
sleep 0.5

LANG=en_US.UTF-8 HOME="$(mktemp -d)" "$bin" >"$out/app.log" 2>&1 & apid=$!

win=""
for i in $(seq 1 120); do
  win=$(xdotool search --onlyvisible --name '^Forecaster$' 2>/dev/null | head -1)
  [ -n "$win" ] && break
  kill -0 $apid 2>/dev/null || fail "the app exited before showing its window"
  sleep 0.5
done
[ -n "$win" ] || fail "no window titled Forecaster within 60 s"
sleep 3
kill -0 $apid 2>/dev/null || fail "the app died after showing its window"
import -window "$win" "$out/window.png" || fail "screenshot failed"

# Not blank: real content has spread in brightness and many colours.
read -r sd colours < <(convert "$out/window.png" -colorspace gray -format '%[fx:standard_deviation] %k\n' info:)
geom=$(identify -format '%wx%h' "$out/window.png")
echo "smoke: window $win ${geom}, brightness sd $sd, $colours colours -> $out/window.png"
awk -v s="$sd" 'BEGIN{exit !(s > 0.02)}' || fail "screenshot looks blank (sd $sd)"
[ "$colours" -gt 50 ] || fail "screenshot looks blank ($colours colours)"

# Optional steps after the first screenshot: the caller may export STEPS_HOOK
# naming a script that is sourced here with $win and $out set.
if [ -n "${STEPS_HOOK:-}" ]; then
  # shellcheck disable=SC1090
  . "$STEPS_HOOK"
fi

wmctrl -i -c "$win"
for i in $(seq 1 40); do kill -0 $apid 2>/dev/null || break; sleep 0.25; done
kill -0 $apid 2>/dev/null && fail "the app did not quit within 10 s of the close request"
wait $apid; rc=$?
apid=""
grep -qiE 'panic|DATA RACE|fatal error' "$out/app.log" && fail "the app's output mentions a panic, race or fatal error"
[ $rc -eq 0 ] || fail "the app exited with status $rc"
echo "smoke: PASS (clean exit after close request)"
