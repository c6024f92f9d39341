#!/usr/bin/env bash
# Install the built app (packaging/build.py) for the current user, with its menu entry:
#   bash packaging/install.sh [BUNDLE_FOLDER]        (default: dist/beecloud-console)
# Puts the bundle in ~/.local/lib/beecloud-console, the command in ~/.local/bin, the
# .desktop file, the icons and the AppStream metainfo under ~/.local/share (or
# $XDG_DATA_HOME). Running it again replaces the previous install.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
bundle="${1:-$repo/dist/beecloud-console}"
app_id=io.beecloud.Console
prefix="${PREFIX:-$HOME/.local}"
share="${XDG_DATA_HOME:-$HOME/.local/share}"

if [[ ! -x "$bundle/beecloud-console" ]]; then
    echo "No app at $bundle: build it first with: python packaging/build.py" >&2
    exit 1
fi
mkdir -p "$prefix/lib" "$prefix/bin" "$share/applications" "$share/metainfo"
rm -rf "$prefix/lib/beecloud-console"
cp -a "$bundle" "$prefix/lib/beecloud-console"
ln -sfn "$prefix/lib/beecloud-console/beecloud-console" "$prefix/bin/beecloud-console"
for png in "$repo"/console/gui/icons/beecloud-console-*.png; do
    size="${png##*-}"
    size="${size%.png}"
    mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
mkdir -p "$share/icons/hicolor/scalable/apps"
cp "$repo/console/gui/icons/beecloud-console.svg" "$share/icons/hicolor/scalable/apps/$app_id.svg"
# The menu entry runs the installed command by its full path (~/.local/bin may not be on PATH).
sed "s|^Exec=beecloud-console|Exec=$prefix/bin/beecloud-console|" \
    "$here/$app_id.desktop" >"$share/applications/$app_id.desktop"
cp "$here/$app_id.metainfo.xml" "$share/metainfo/$app_id.metainfo.xml"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
echo "Installed: $prefix/bin/beecloud-console and the menu entry \"BeeCloud Console\""
