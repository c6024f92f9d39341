#!/usr/bin/env bash
# Take the README's screenshots under Xvfb (Debian's xvfb, xauth and Qt's xcb libraries).
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
    libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xkb1 fonts-wqy-microhei)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if ((${#missing[@]})); then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
python=${PYTHON:-.venv/bin/python}
for language in "" --chinese; do  # English, then the Chinese pictures (ZH_SHOTS)
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" "$python" packaging/screenshots.py \
        "${1:-resources/screenshots}" $language
done
