#!/usr/bin/env bash
# Install the built app (packaging/build.py) for the current user, with its menu entry:
#   bash packaging/install.sh [BUNDLE_FOLDER]        (default: dist/beecloud-console)
#   bash packaging/install.sh --uninstall            (takes it away again)
# Puts the bundle in ~/.local/lib/beecloud-console, the command in ~/.local/bin, the
# .desktop file, the icons and the AppStream metainfo under ~/.local/share (or
# $XDG_DATA_HOME). Running it again replaces the previous install. What it installs
# only its user may change, whatever the umask. --uninstall removes those files (the
# command only when it is this install's) and keeps the console's data, settings and logs.
# Neither is done while the installed console runs: it reads its modules from its
# executable, by name, as it needs them, and would fail on a replaced or missing one.
set -euo pipefail
shopt -s extglob
umask g-w,o-w
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
app_id=io.beecloud.Console
prefix="${PREFIX:-$HOME/.local}"
share="${XDG_DATA_HOME:-$HOME/.local/share}"
lib="$prefix/lib/beecloud-console"
command="$prefix/bin/beecloud-console"
sizes=()
for png in "$repo"/console/gui/icons/beecloud-console-*.png; do
    size="${png##*-}"
    sizes+=("${size%.png}")
done

refresh_caches() {
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
    command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
}

refuse_while_running() {
    local program pids=() link pid
    program="$(realpath -m "$lib/beecloud-console")"
    for link in /proc/[0-9]*/exe; do
        if [[ "$(readlink "$link" 2>/dev/null)" == "$program"?(" (deleted)") ]]; then
            pid="${link#/proc/}"
            pids+=("${pid%/exe}")
        fi
    done
    if ((${#pids[@]})); then
        echo "BeeCloud Console is running (process ${pids[*]}): close it, then run this again." \
            "Nothing was changed." >&2
        exit 1
    fi
}

if [[ "${1:-}" == "--uninstall" ]]; then
    refuse_while_running
    if [[ -L "$command" && "$(readlink "$command")" == "$lib/beecloud-console" ]]; then
        rm -f "$command"
    fi
    rm -rf "$lib"
    rm -f "$share/applications/$app_id.desktop" "$share/metainfo/$app_id.metainfo.xml" \
        "$share/icons/hicolor/scalable/apps/$app_id.svg"
    for size in "${sizes[@]}"; do
        rm -f "$share/icons/hicolor/${size}x${size}/apps/$app_id.png"
    done
    refresh_caches
    echo "Uninstalled. The console's data is kept in $share/beecloud-console," \
        "its settings and logs too."
    exit 0
fi

bundle="${1:-$repo/dist/beecloud-console}"
if [[ ! -x "$bundle/beecloud-console" ]]; then
    echo "No app at $bundle: build it first with: python packaging/build.py" >&2
    exit 1
fi
if [[ "$prefix" == *$'\n'* ]]; then
    echo "Cannot install under a folder whose name has a line break: $prefix" >&2
    exit 1
fi
mkdir -p "$prefix/lib" "$prefix/bin" "$share/applications" "$share/metainfo"
# Copied beside the install, then put in its place: the bundle may be that install.
fresh="$(mktemp -d "$prefix/lib/.beecloud-console.XXXXXX")"
trap 'rm -rf "$fresh"' EXIT  # a copy cut short (a full disk) leaves nothing behind
cp -a "$bundle/." "$fresh"
chmod -R go-w "$fresh"
chmod 755 "$fresh"
refuse_while_running
rm -rf "$lib"
mv "$fresh" "$lib"
ln -sfn "$lib/beecloud-console" "$command"
for size in "${sizes[@]}"; do
    mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
    cp "$repo/console/gui/icons/beecloud-console-$size.png" \
        "$share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
mkdir -p "$share/icons/hicolor/scalable/apps"
cp "$repo/console/gui/icons/beecloud-console.svg" "$share/icons/hicolor/scalable/apps/$app_id.svg"
# The menu entry runs the installed command by its full path (~/.local/bin may not be on
# PATH), quoted as the Desktop Entry Specification says: in double quotes, with \ " ` $
# escaped by a backslash, that backslash written \\ in the file, and % written %%
# (GLib's launcher finds no program under a folder with a % in its name, even so).
quoted="$command"
quoted="${quoted//\\/\\\\}"
quoted="${quoted//\"/\\\"}"
quoted="${quoted//\`/\\\`}"
quoted="${quoted//\$/\\\$}"
quoted="${quoted//\\/\\\\}"
quoted="${quoted//%/%%}"
while IFS= read -r line; do
    if [[ "$line" == Exec=beecloud-console* ]]; then
        line="Exec=\"$quoted\"${line#Exec=beecloud-console}"
    fi
    printf '%s\n' "$line"
done <"$here/$app_id.desktop" >"$share/applications/$app_id.desktop"
cp "$here/$app_id.metainfo.xml" "$share/metainfo/$app_id.metainfo.xml"
refresh_caches
echo "Installed: $command and the menu entry \"BeeCloud Console\""
