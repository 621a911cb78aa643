"""The language of human text: diagnostics, event errors, usage errors and the text report.

English is the source language: every message is written in English in the code, wrapped
in ``_()`` (or ``N_()`` where it is only marked, to be translated where it is used), and
looked up at the moment the message is made in the gettext catalog of the current
language. Catalogs live in ``locale/<lang>/LC_MESSAGES/slarules.po`` and are compiled to
``.mo`` by ``scripts/i18n.py`` (docs/i18n.md). Messages with values use named placeholders,
``_("unknown tier “{name}”").format(name=...)``, so a translation can put them in its own
order.

The language is a context variable: English unless the command line (``--lang``, or the
locale in ``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG``) or a caller
(``with use_language("zh"):``) chooses another. It only changes words: codes, numbers, the
JSON forms and the exit codes are the same in every language.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Final

DOMAIN: Final = "slarules"
LOCALE_DIR: Final = Path(__file__).resolve().parent / "locale"
LANGUAGES: Final = ("en", "zh")
"""The languages a user can ask for; ``zh`` is Simplified Chinese (the zh_CN catalog)."""
_CATALOGS: Final = {"zh": "zh_CN"}
_LOCALE_VARIABLES: Final = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_current: ContextVar[str] = ContextVar("slarules_language", default="en")


@cache
def _translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of ``language``, read once; English is the identity."""
    catalog = _CATALOGS.get(language)
    if catalog is None:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[catalog])


def _(message: str) -> str:
    """``message`` (English, the msgid) in the current language."""
    return _translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language."""
    return _translations(_current.get()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it here: for words kept in
    tables at import time, translated with ``_()`` where they are used."""
    return message


def current_language() -> str:
    """``en`` or ``zh``."""
    return _current.get()


def set_language(language: str) -> None:
    """Make ``language`` (one of ``LANGUAGES``) the language of this context."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    _current.set(language)


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Speak ``language`` inside the block, then go back to the language before it."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    token = _current.set(language)
    try:
        yield
    finally:
        _current.reset(token)


def language_from_environment(environ: Mapping[str, str]) -> str:
    """The language the locale asks for, read as gettext reads it: the first of
    ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set and not empty; ``zh``
    when it starts with ``zh`` (zh_CN.UTF-8, zh_TW, zh), else ``en``. ``LANGUAGE`` may
    list several (``zh_CN:en``): the first one decides."""
    for variable in _LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            first = value.split(":")[0].strip().lower()
            return "zh" if first.startswith("zh") else "en"
    return "en"
