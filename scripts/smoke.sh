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
# The screenshot and the program's log land in OUT_DIR (default .smoke/).
set -u
bin=${1:?usage: smoke.sh BINARY [OUT_DIR]}
out=${2:-.smoke}
tag=smoke
set --  # no extra arguments for the app
. "$(dirname "$0")/xwindow.sh"

sleep 1
shot window
notblank window
echo "smoke: window $win $(identify -format '%wx%h' "$out/window.png")"
close_app
echo "smoke: PASS (clean exit after close request)"
