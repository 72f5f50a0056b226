"""Make `chime.wav`: the soft two-note bell that ends a stretch.

Made for posture-break from nothing but arithmetic (stdlib `wave` and `math`), so the sound is
ours to ship under the project's licence. Run it again to rebuild the file byte for byte:

    python resources/sounds/make_chime.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100
LENGTH_S = 2.4
PEAK = 0.42  # of full scale: a chime to notice, not to startle

# (start in seconds, fundamental in Hz): a rising fourth, E5 then A5, like a small bell pair.
NOTES = ((0.0, 659.26), (0.28, 880.0))

# A bell's partials are not whole multiples; these ratios, levels and decay rates (per second)
# give a warm, glassy tone whose bright overtones die away first.
PARTIALS = ((1.0, 1.0, 2.2), (2.0, 0.32, 3.4), (2.76, 0.16, 5.0), (5.4, 0.05, 8.0))

ATTACK_S = 0.012  # a gentle onset, no click


def _note(t: float, freq: float) -> float:
    """Return one bell note's sample `t` seconds after it was struck."""
    if t < 0:
        return 0.0
    attack = 0.5 - 0.5 * math.cos(math.pi * t / ATTACK_S) if t < ATTACK_S else 1.0
    return attack * sum(
        level * math.exp(-decay * t) * math.sin(2 * math.pi * freq * ratio * t)
        for ratio, level, decay in PARTIALS
    )


def samples() -> list[float]:
    """Return the whole chime as floats in -1..1."""
    count = int(RATE * LENGTH_S)
    fade_from = count - int(RATE * 0.2)  # ease the tail to silence instead of cutting it
    out = []
    for i in range(count):
        t = i / RATE
        value = sum(_note(t - start, freq) for start, freq in NOTES)
        if i > fade_from:
            value *= (count - i) / (count - fade_from)
        out.append(value)
    top = max(abs(v) for v in out)
    return [v * PEAK / top for v in out]


def write(path: Path) -> None:
    """Write the chime as 16-bit mono PCM."""
    frames = b"".join(struct.pack("<h", round(v * 32767)) for v in samples())
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


if __name__ == "__main__":
    write(Path(__file__).with_name("chime.wav"))
