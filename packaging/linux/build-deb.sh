#!/usr/bin/env bash
# Build a .deb from the PyInstaller one-folder bundle in dist/posture-break.
# Usage: packaging/linux/build-deb.sh [VERSION]   (run from the repository root)
set -euo pipefail
root=$(pwd)
bundle="$root/dist/posture-break"
[ -x "$bundle/posture-break" ] || { echo "build-deb: no bundle at $bundle; build it first" >&2; exit 1; }
version=${1:-$("$bundle/posture-break" --version | awk '{print $NF}')}
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

install -d "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" \
  "$stage/usr/share/applications" "$stage/usr/share/metainfo" \
  "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/doc/posture-break"
cp -a "$bundle" "$stage/opt/posture-break"
ln -s /opt/posture-break/posture-break "$stage/usr/bin/posture-break"
# The desktop entry and metainfo with every translation in po/ merged in (Name[de]=..., <summary
# xml:lang="de">...), as their translations live in the same catalogues as the app's text.
desktop=packaging/linux/org.posturebreak.PostureBreak.desktop
metainfo=packaging/linux/org.posturebreak.PostureBreak.metainfo.xml
# msgfmt reads the languages from a LINGUAS file beside the .po files: list those in po/.
podir="$stage.po"
trap 'rm -rf "$stage" "$podir"' EXIT
mkdir -p "$podir"
for po in po/*.po; do
  [ -e "$po" ] || continue
  cp "$po" "$podir/"
  basename "$po" .po >> "$podir/LINGUAS"
done
if [ -s "$podir/LINGUAS" ]; then
  msgfmt --desktop --template="$desktop" -d "$podir" \
    -o "$stage/usr/share/applications/$(basename "$desktop")"
  msgfmt --xml --template="$metainfo" -d "$podir" \
    -o "$stage/usr/share/metainfo/$(basename "$metainfo")"
  chmod 0644 "$stage/usr/share/applications/$(basename "$desktop")" \
    "$stage/usr/share/metainfo/$(basename "$metainfo")"
else
  install -m 0644 "$desktop" "$stage/usr/share/applications/"
  install -m 0644 "$metainfo" "$stage/usr/share/metainfo/"
fi
# Check the merged files as the originals are checked (packaging/check.sh).
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$stage/usr/share/applications/$(basename "$desktop")"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$stage/usr/share/metainfo/$(basename "$metainfo")" >/dev/null
fi
install -m 0644 resources/icons/posture-break.svg "$stage/usr/share/icons/hicolor/scalable/apps/"
for png in packaging/linux/icons/hicolor/*/apps/posture-break.png; do
  size_dir=$(basename "$(dirname "$(dirname "$png")")")
  install -d "$stage/usr/share/icons/hicolor/$size_dir/apps"
  install -m 0644 "$png" "$stage/usr/share/icons/hicolor/$size_dir/apps/"
done
install -m 0644 README.md "$stage/usr/share/doc/posture-break/README.md"

installed_kb=$(du -sk "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: posture-break
Version: $version
Architecture: $arch
Maintainer: posture-break contributors <posture-break@users.noreply.github.com>
Installed-Size: $installed_kb
Depends: libc6, libegl1, libfontconfig1, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libdbus-1-3
Recommends: libxss1, libpulse0 | pipewire-bin
Section: utils
Priority: optional
Homepage: https://github.com/posture-break/posture-break
Description: short mid-back stretches during working hours, with a streak
 posture-break sits in the system tray and offers one mid-back stretch every
 so often during working hours, shown by a moving figure with a countdown.
 It keeps a local record so you can see your streak and your week.
CONTROL
find "$stage" -type d -exec chmod 0755 {} +
mkdir -p dist
out="dist/posture-break_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$stage" "$out" >/dev/null
echo "$out"
