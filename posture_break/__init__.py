"""posture-break: short mid-back posture snacks from the system tray."""

__version__ = "0.1.0"
