"""A real, throw-away desktop for the end-to-end tests, the reliability tests and the benchmarks.

- `desktop`: Xvfb + a private session D-Bus + Debian's `trayer` as the XEmbed tray host.
- `app`: posture-break started in that desktop with its own private home.
- `xwindows`: what the X server shows (the window tree, docked tray icons, window maps).
- `process`: starting, stopping and reading `/proc` about the processes involved.
- `waiting`: polling a real process or server until something happens.

These drive other processes, so they wait and time on the real monotonic clock; the app's own
tests drive a fake clock instead.
"""
