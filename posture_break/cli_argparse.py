"""argparse's own texts ("usage:", "options", its error lines) in the user's language.

argparse translates what it writes with the standard library's `gettext.gettext`: the process's
default text domain, in the language the LANGUAGE variable names. `argparse_language` points
both at our catalogue and the language the command line chose (`cli_language`) while the
command line is parsed, and puts them back afterwards.

Extraction cannot see into the standard library, so the texts of argparse that our command line
can show are listed here, word for word as argparse writes them (Python 3.11): that puts them in
our template for the translators. Their placeholders are argparse's (`%s`, `%(name)s`), not ours.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager

from posture_break.core import i18n
from posture_break.core.i18n import DOMAIN, N_

ARGPARSE_TEXTS = (
    # Translators: argparse's heading of the help; keep the space after the colon
    N_("usage: "),
    # Translators: argparse's heading of the arguments given without a --name in --help
    N_("positional arguments"),
    # Translators: argparse's heading of the --name arguments in --help
    N_("options"),
    # Translators: argparse's help of -h, --help
    N_("show this help message and exit"),
    # Translators: argparse's error about one argument, e.g. "argument --count: 'x' is not a
    # whole number"; keep %(argument_name)s and %(message)s
    N_("argument %(argument_name)s: %(message)s"),
    # Translators: argparse's error for an unknown command; keep %(value)r and %(choices)s
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    # Translators: argparse's error; %s is the list of missing arguments, e.g. "FILE"
    N_("the following arguments are required: %s"),
    # Translators: argparse's error; %s is what it did not understand, e.g. "--jsn"
    N_("unrecognized arguments: %s"),
    # Translators: argparse's error when an option such as --count is given no value
    N_("expected one argument"),
    # Translators: argparse's error for a value given to an option that takes none
    # (--json=yes); %r is the value
    N_("ignored explicit argument %r"),
)

_LANGUAGE_VARIABLE = "LANGUAGE"  # the first variable gettext reads: it wins over LC_ALL, LANG


@contextmanager
def argparse_language(language: str) -> Iterator[None]:
    """Let argparse write its texts in `language` (a language we ship, or "en") for the block.

    The environment and the default domain are put back afterwards: the tray app, which may
    start later in this process and re-reads the system's language when the setting changes,
    and the programs it starts see the user's own environment.
    """
    folder = i18n.locale_dir()
    if folder is None:  # no catalogues shipped: argparse stays English, as we do
        yield
        return
    gettext.bindtextdomain(DOMAIN, str(folder))
    previous_domain = gettext.textdomain()
    previous_language = os.environ.get(_LANGUAGE_VARIABLE)
    gettext.textdomain(DOMAIN)
    os.environ[_LANGUAGE_VARIABLE] = language  # "en": no catalogue, so argparse's English
    try:
        yield
    finally:
        gettext.textdomain(previous_domain)
        if previous_language is None:
            del os.environ[_LANGUAGE_VARIABLE]
        else:
            os.environ[_LANGUAGE_VARIABLE] = previous_language
