# xwindow.sh: the harness shared by the GUI tests (smoke.sh,
# gui_smoke_train.sh). Source it after setting $bin, $out and $tag; it
# starts a private X display with a window manager, launches "$bin" "$@" with
# a fresh HOME, waits for the window titled "Forecaster" and sets $win and
# $apid. Then use shot, notblank, key, click, alive and, last, close_app.
# Needs Xvfb, openbox, wmctrl, xdotool and ImageMagick (scripts/setup.sh test).

mkdir -p "$out"
for t in Xvfb openbox wmctrl xdotool import convert compare identify; do
  command -v $t >/dev/null || { echo "$tag: missing $t (run scripts/setup.sh test)" >&2; exit 2; }
done

fail() { echo "$tag: FAIL: $*" >&2; [ -f "$out/app.log" ] && sed 's/^/  app: /' "$out/app.log" | tail -30 >&2; exit 1; }

# A free display number.
for n in $(seq 90 190); do [ -e /tmp/.X11-unix/X$n ] || [ -e /tmp/.X$n-lock ] || break; done
export DISPLAY=:$n
Xvfb "$DISPLAY" -screen 0 1400x900x24 -nolisten tcp >"$out/xvfb.log" 2>&1 & xpid=$!
apid="" wpid=""
xhome=$(mktemp -d)
trap 'kill $apid $wpid $xpid 2>/dev/null; wait 2>/dev/null; rm -rf "$xhome"' EXIT
for i in $(seq 1 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
openbox >/dev/null 2>&1 & wpid=$!
sleep 0.5

# A fresh HOME: no saved settings or recent files from earlier runs.
LANG=en_US.UTF-8 HOME="$xhome" "$bin" "$@" >"$out/app.log" 2>&1 & apid=$!

win=""
for i in $(seq 1 120); do
  win=$(xdotool search --onlyvisible --name '^Forecaster$' 2>/dev/null | head -1)
  [ -n "$win" ] && break
  kill -0 $apid 2>/dev/null || fail "the app exited before showing its window"
  sleep 0.5
done
[ -n "$win" ] || fail "no window titled Forecaster within 60 s"
sleep 2

alive() { kill -0 $apid 2>/dev/null || fail "the app died ($1)"; }
shot() { alive "before screenshot $1"; import -window "$win" "$out/$1.png" || fail "screenshot $1 failed"; echo "$tag: $out/$1.png"; }
key() { xdotool key --window "$win" "$@"; sleep 0.7; }
click() { xdotool mousemove --window "$win" "$1" "$2" click 1; sleep 0.7; }
# notblank NAME: real content has spread in brightness and many colours.
notblank() {
  read -r sd colours < <(convert "$out/$1.png" -colorspace gray -format '%[fx:standard_deviation] %k\n' info:)
  awk -v s="$sd" 'BEGIN{exit !(s > 0.02)}' || fail "$1.png looks blank (sd $sd)"
  [ "$colours" -gt 50 ] || fail "$1.png looks blank ($colours colours)"
}
# clean_log: no panic, data race or fatal error in the app's output.
clean_log() {
  grep -qiE 'panic|DATA RACE|fatal error' "$out/app.log" && fail "the app's output mentions a panic, a data race or a fatal error"
  return 0
}
# close_app: close the window as a user would (a window-manager close
# request) and require a clean exit within 10 s.
close_app() {
  clean_log
  wmctrl -i -c "$win"
  for i in $(seq 1 40); do kill -0 $apid 2>/dev/null || break; sleep 0.25; done
  kill -0 $apid 2>/dev/null && fail "the app did not quit within 10 s of the close request"
  wait $apid; rc=$?
  apid=""
  [ $rc -eq 0 ] || fail "the app exited with status $rc"
  clean_log
}
