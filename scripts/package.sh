#!/usr/bin/env bash
# package.sh: build the Linux distributable with `fyne package` and check it.
#
#   scripts/package.sh [OUT_DIR]     (default dist/)
#
# The root FyneApp.toml and its icon are the single source of truth; `fyne
# package --src cmd/forecaster` only reads them from that folder, so they are
# copied there (git-ignored) for the build. The check then opens the archive
# and requires the binary, the .desktop file and the icon, named and versioned
# as FyneApp.toml says, and runs the packaged binary's `version` subcommand.
set -euo pipefail
out=${1:-dist}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
fyne=$(command -v fyne || echo "$(go env GOPATH)/bin/fyne")
[ -x "$fyne" ] || { echo "package: the fyne tool is missing (go install fyne.io/tools/cmd/fyne@v1.7.4)" >&2; exit 2; }

field() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\{0,1\}\([^\"]*\)\"\{0,1\}[[:space:]]*$/\1/p" FyneApp.toml | head -1; }
name=$(field Name) id=$(field ID) version=$(field Version) build=$(field Build) icon=$(field Icon)
[ -n "$name" ] && [ -n "$id" ] && [ -n "$version" ] && [ -n "$build" ] && [ -n "$icon" ] || { echo "package: FyneApp.toml lacks Name/ID/Version/Build/Icon" >&2; exit 1; }

cp FyneApp.toml cmd/forecaster/FyneApp.toml
cp "$icon" cmd/forecaster/"$(basename "$icon")"
trap 'rm -f cmd/forecaster/FyneApp.toml cmd/forecaster/'"$(basename "$icon")" EXIT

rm -f cmd/forecaster/*.tar.xz
echo "package: fyne package -os linux ($name $version build $build, $id)"
( cd cmd/forecaster && "$fyne" package -os linux --release )
mkdir -p "$out"
arch=$(go env GOARCH)
tarball="$out/$name-$version-linux-$arch.tar.xz"
mv cmd/forecaster/"$name".tar.xz "$tarball"

# --- check the archive ---------------------------------------------------
list=$(tar -tJf "$tarball")
bad() { echo "package: FAIL: $*" >&2; echo "$list" | sed 's/^/  /' >&2; exit 1; }
binpath=$(echo "$list" | grep -E '(^|/)usr/local/bin/[^/]+$' | head -1)
desktop=$(echo "$list" | grep -E '\.desktop$' | head -1)
iconpath=$(echo "$list" | grep -E 'share/pixmaps/.*\.png$|share/icons/.*\.png$' | head -1)
[ -n "$binpath" ] || bad "no binary under usr/local/bin"
[ -n "$desktop" ] || bad "no .desktop file"
[ -n "$iconpath" ] || bad "no icon"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"; rm -f cmd/forecaster/FyneApp.toml cmd/forecaster/'"$(basename "$icon")" EXIT
tar -xJf "$tarball" -C "$tmp"
grep -q "^Name=$name$" "$tmp/$desktop" || bad ".desktop has no Name=$name"
grep -q "^Exec=.*$(basename "$binpath")" "$tmp/$desktop" || bad ".desktop does not run $(basename "$binpath")"
cmp -s "$tmp/$iconpath" "$icon" || [ "$(identify -format '%w' "$tmp/$iconpath" 2>/dev/null || echo 0)" -ge 256 ] || bad "icon differs from $icon"
got=$("$tmp/$binpath" version)
want="$name $version (build $build, $id)"
[ "$got" = "$want" ] || bad "packaged binary says '$got', FyneApp.toml says '$want'"
echo "package: OK $tarball ($(du -h "$tarball" | cut -f1)): $binpath, $desktop, $iconpath; binary reports '$got'"
