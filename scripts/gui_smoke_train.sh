#!/usr/bin/env bash
# gui_smoke_train.sh: the whole workflow through the real Forecaster window,
# in a private X display, driven like a person would with xdotool.
#
#   scripts/gui_smoke_train.sh BINARY [OUT_DIR]
#
# 1. launch BINARY (no arguments: the GUI), wait for the window "Forecaster";
# 2. screenshot the empty Training and Forecast tabs (Alt+3, Alt+4);
# 3. open the first sample (Airline passengers) from the Data tab's sample
#    picker with two mouse clicks; screenshot the Data tab;
# 4. screenshot the Settings tab (Alt+2); press Ctrl+Enter to train with
#    the defaults; screenshot the live Training tab; wait until the window
#    stops changing (training finished);
# 5. screenshot Training, Forecast, Compare and Experiments (Alt+3..6) and
#    check each:
#    not blank, and Training / Forecast changed from their empty state
#    (ImageMagick compare), i.e. the charts, metrics and forecast appeared;
# 6. close the window (window-manager close request) and require a clean
#    exit, no panic and no data race in the output.
#
# Screenshots (data.png, settings.png, training-live.png, training.png,
# forecast.png, compare.png, experiments.png) and app.log land in OUT_DIR (default
# .smoke-train/). Needs Xvfb, openbox, wmctrl, xdotool and ImageMagick.
# The click positions assume the window's default size (1280×820).
set -u
bin=${1:?usage: gui_smoke_train.sh BINARY [OUT_DIR]}
out=${2:-.smoke-train}
tag=smoke-train
set --  # no extra arguments for the app
. "$(dirname "$0")/xwindow.sh"

# changed A B: the share of pixels that differ between two screenshots.
changed() {
  local px total
  px=$(compare -metric AE -fuzz 5% "$out/$1.png" "$out/$2.png" null: 2>&1 | awk '{print int($1)}')
  total=$(identify -format '%[fx:w*h]' "$out/$1.png")
  awk -v p="$px" -v t="$total" -v m="$3" 'BEGIN{exit !(p/t > m)}' || fail "$2.png barely differs from $1.png ($px of $total pixels): $4"
  echo "smoke-train: $2 differs from $1 in $px of $total pixels"
}

key alt+3; shot training-empty
key alt+4; shot forecast-empty
key alt+1

# The sample picker sits right of "Open CSV…"; its first entry is the
# airline series.
click 290 89
click 290 128
sleep 2
shot data
notblank data

# The default settings train the airline series in a few seconds.
key alt+2
shot settings
notblank settings

key ctrl+Return
sleep 1.5
shot training-live
notblank training-live

# Wait for training to finish: the Training tab stops changing.
prev=""
for i in $(seq 1 120); do
  sleep 2
  import -window "$win" "$out/.poll.png" 2>/dev/null || true
  sig=$(convert "$out/.poll.png" -resize 64x64! -colorspace gray -format '%#' info: 2>/dev/null)
  [ -n "$prev" ] && [ "$sig" = "$prev" ] && break
  prev=$sig
  alive "while training"
done
rm -f "$out/.poll.png"
shot training
notblank training
changed training-empty training 0.05 "no loss or gradient charts after training"

key alt+4; shot forecast
notblank forecast
changed forecast-empty forecast 0.03 "no forecast after training"

key alt+5; shot compare
notblank compare

key alt+6; shot experiments
notblank experiments

close_app
echo "smoke-train: ok — screenshots in $out/"
