"""The settings defaults that `posture-break stats` needs, in a module that imports nothing.

`core/settings.py` declares its defaults from these; without a settings file `stats` reads them
here and never imports the settings module (enum, dataclasses and more cost more than the query).
"""

DAILY_GOAL = 4  # completed stretches a day that keep the streak alive
WORK_DAYS = (0, 1, 2, 3, 4)  # `date.weekday()` numbers: Monday to Friday
