#!/usr/bin/env bash
# Build and check every package: desktop metadata, wheel + sdist, the PyInstaller bundle and the
# .deb. Each built app is started under Xvfb with a real tray (trayer) and a session D-Bus, reached
# with `posture-break stretch`, and quit with `posture-break quit`.
# Usage (from the repository root, as root for the .deb step): packaging/check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf 'packaging: %s\n' "$*"; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

say "validating desktop entry and AppStream metadata"
desktop-file-validate packaging/linux/org.posturebreak.PostureBreak.desktop
appstreamcli validate --no-net packaging/linux/org.posturebreak.PostureBreak.metainfo.xml

# A private home so nothing touches the user's own settings or history.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
export XDG_CACHE_HOME="$work/cache" XDG_RUNTIME_DIR="$work/runtime"
mkdir -p -m 0700 "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"

say "building wheel and sdist"
rm -rf dist build
uv build --quiet
venv="$work/venv"
uv venv --quiet --python 3.11 "$venv"
# --compile-bytecode: as pip does by default, so the installed app starts from .pyc files.
uv pip install --quiet --compile-bytecode --python "$venv/bin/python" dist/posture_break-*.whl
"$venv/bin/posture-break" --version
"$venv/bin/posture-break" stats >/dev/null
say "wheel: $(du -h dist/posture_break-*.whl | cut -f1), sdist: $(du -h dist/posture_break-*.tar.gz | cut -f1)"

say "starting Xvfb, a session D-Bus and trayer"
exec {fd}<> <(:)
Xvfb -displayfd "$fd" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
read -r -t 10 display_number <&"$fd"
export DISPLAY=":$display_number" QT_QPA_PLATFORM=xcb
eval "$(dbus-launch --sh-syntax)"
pids+=("$DBUS_SESSION_BUS_PID")
trayer --edge top --align right --widthtype request --height 24 --transparent false >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do xdotool search --class trayer >/dev/null 2>&1 && break; sleep 0.1; done

# Start the app at $1 in the tray, reach it, open a stretch, and quit it.
exercise_app() {
  local app=$1
  "$app" --version
  "$app" >"$work/app.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  # `resume` is harmless and answers "not running" until the instance listens; `stretch` would
  # instead open a stretch of its own when no instance is there yet.
  local reached=""
  for _ in $(seq 150); do
    if "$app" resume 2>/dev/null; then reached=yes; break; fi
    sleep 0.1
  done
  [ -n "$reached" ] || { cat "$work/app.log" >&2; say "FAILED: $app never started listening"; return 1; }
  "$app" stretch
  timeout 10 xdotool search --sync --onlyvisible --pid "$pid" >/dev/null \
    || { say "FAILED: no visible stretch window from $app"; return 1; }
  "$app" quit
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then say "FAILED: $app still running after quit"; return 1; fi
  wait "$pid"
  say "ok: $app started in the tray, opened a stretch on request and quit"
}

say "building the PyInstaller bundle"
uv run --quiet --group packaging pyinstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build packaging/posture-break.spec
say "bundle size: $(du -sh dist/posture-break | cut -f1)"
exercise_app "$PWD/dist/posture-break/posture-break"

say "building the .deb"
deb=$(packaging/linux/build-deb.sh)
say "deb: $deb ($(du -h "$deb" | cut -f1))"
if [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
  test -f /usr/share/applications/org.posturebreak.PostureBreak.desktop
  test -f /usr/share/metainfo/org.posturebreak.PostureBreak.metainfo.xml
  test -f /usr/share/icons/hicolor/scalable/apps/posture-break.svg
  exercise_app /usr/bin/posture-break
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq posture-break >/dev/null
  ! test -e /usr/bin/posture-break
  say "ok: the .deb installed, ran and was removed"
else
  say "skipping the .deb install: needs root (apt-get install ./$deb)"
fi
