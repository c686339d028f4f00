"""The operating system's and the JSON parser's reasons in the language in use.

A file that cannot be read or written is reported with the reason the system gives
(`strerror`: "Permission denied"), and a JSON file that does not parse with the parser's
own words ("Expecting value"); both are English whatever `--lang` says. `os_reason` and
`json_reason` word them again: from the error number for the common causes (the fixed
set in `_BY_ERRNO`), from the line and column for JSON. English keeps the system's and
the parser's own sentences, as users search for them; a cause not in the set keeps the
system's words in every language. Refuses locating the error (the callers do).
"""

from __future__ import annotations

import errno

from checker.i18n import N_, _, language

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    import json

_BY_ERRNO: dict[int, str] = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.EEXIST: N_("File exists"),
    errno.EIO: N_("Input/output error"),
    errno.EMFILE: N_("Too many open files"),
}
"""glibc's own sentences as msgids: what English shows, so translators see the source."""


def os_reason(error: OSError) -> str:
    """Why `error` happened, in the language in use (the system's words in English)."""
    said = error.strerror or str(error)
    if language() == "en" or error.errno not in _BY_ERRNO:
        return said
    return _(_BY_ERRNO[error.errno])


def json_reason(error: json.JSONDecodeError) -> str:
    """Why a JSON text does not parse, in the language in use (the parser's words and
    place in English; elsewhere the place, which is what a reader acts on)."""
    if language() == "en":
        return error.msg
    return _("not valid JSON at line {line}, column {column}").format(
        line=error.lineno, column=error.colno
    )
