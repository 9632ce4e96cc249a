#!/usr/bin/env bash
# setup.sh: install what building, testing and packaging Forecaster needs, and
# only what is missing. Debian/Ubuntu; needs root or sudo for apt-get.
#
#   scripts/setup.sh build     gcc + OpenGL/X11 headers (to build and run the app)
#   scripts/setup.sh test      build + Xvfb, openbox, wmctrl, xdotool, ImageMagick
#                              (the GUI smoke test), GNU parallel (the sharding
#                              test) + the fyne packaging tool
#   scripts/setup.sh torch     test + python3-torch, python3-pandas, OpenBLAS (reference
#                              fixtures and side-by-side benchmarks)
#   scripts/setup.sh r         r-base-core, r-cran-forecast only (the R reference
#                              fixtures of forecast/classic: make fixtures-r)
set -euo pipefail
what=${1:-build}

need=(gcc pkg-config libgl1-mesa-dev xorg-dev)
case "$what" in
  build) ;;
  test) need+=(xvfb xdotool imagemagick libgl1-mesa-dri openbox wmctrl x11-utils parallel) ;;
  torch) need+=(xvfb xdotool imagemagick libgl1-mesa-dri openbox wmctrl x11-utils parallel python3-torch python3-pandas libopenblas0-pthread) ;;
  r) need=(r-base-core r-cran-forecast) ;;
  *) echo "setup.sh: unknown target '$what' (use build, test, torch or r)" >&2; exit 2 ;;
esac

missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup.sh: installing ${missing[*]}"
  if ! command -v apt-get >/dev/null; then
    echo "setup.sh: apt-get not found; install these yourself: ${missing[*]} (see README, Prerequisites)" >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "setup.sh: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ "$what" = r ] && exit 0

if ! command -v go >/dev/null; then
  for d in /usr/local/go/bin "$HOME/go/bin"; do [ -x "$d/go" ] && export PATH="$d:$PATH"; done
fi
command -v go >/dev/null || { echo "setup.sh: Go 1.26 or newer is needed: https://go.dev/doc/install" >&2; exit 1; }

if [ "$what" != build ]; then
  gobin=$(go env GOPATH)/bin
  if ! [ -x "$gobin/fyne" ]; then
    echo "setup.sh: installing the fyne packaging tool (fyne.io/tools/cmd/fyne@v1.7.4)"
    go install fyne.io/tools/cmd/fyne@v1.7.4
  fi
fi
