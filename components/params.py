"""Reading values out of URL query parameters: every parser takes what a link
carries (a string, a list of repeated values, or None) and returns the value
plus short notices for what it ignored. A hand-edited or hostile link never
raises: unknown or malformed values are dropped with a notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from components.safety import CONTROL

MAX_QUERY = 200
MAX_VALUES = 50
_WHITESPACE_CONTROLS = str.maketrans("", "", "\t\n\r")  # with safety.CONTROL: every control character


def split_values(raw: str | Sequence[str] | None) -> list[str]:
    """'a,b' or ['a', 'b,c'] -> ['a', 'b', 'c'] (trimmed, empties dropped)."""
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    out: list[str] = []
    for item in items:
        out.extend(part.strip() for part in str(item).split(","))
    return [v for v in out if v]


def shorten(value: str, limit: int = 40) -> str:
    """A value as a notice may quote it: control characters out, long values cut."""
    value = CONTROL.sub("", value).translate(_WHITESPACE_CONTROLS)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def parse_choices(
    raw: str | Sequence[str] | None, valid: Iterable[str], what: str
) -> tuple[tuple[str, ...], list[str]]:
    """Keep the values that are valid, in order, without repeats; a notice for the rest."""
    allowed = set(valid)
    kept: list[str] = []
    dropped: list[str] = []
    for value in split_values(raw)[: MAX_VALUES * 4]:
        if value in allowed and value not in kept:
            kept.append(value)
        elif value not in allowed:
            dropped.append(value)
    notices = []
    if dropped:
        shown = ", ".join(repr(shorten(v)) for v in dropped[:5])
        more = f" and {len(dropped) - 5} more" if len(dropped) > 5 else ""
        notices.append(f"Ignored unknown {what}: {shown}{more}.")
    return tuple(kept[:MAX_VALUES]), notices


def parse_one(raw: str | Sequence[str] | None, valid: Iterable[str], what: str) -> tuple[str | None, list[str]]:
    """A single id from the URL: the first value if valid, else None with a notice."""
    values = split_values(raw)
    if not values:
        return None, []
    value = values[0]
    if value in set(valid):
        return value, [] if len(values) == 1 else [f"Used the first {what} only."]
    return None, [f"Ignored unknown {what} {shorten(value)!r}."]


def parse_switch(raw: str | Sequence[str] | None, what: str) -> tuple[bool | None, list[str]]:
    """An on/off page parameter: "1"/"true"/"yes"/"on" -> True, "0"/"false"/
    "no"/"off" -> False (any case); absent -> None; anything else -> None
    with a notice."""
    values = split_values(raw)
    if not values:
        return None, []
    value = values[0].casefold()
    if value in {"1", "true", "yes", "on"}:
        return True, []
    if value in {"0", "false", "no", "off"}:
        return False, []
    return None, [f"Ignored {what} {shorten(values[0])!r}: use 1 or 0."]


def parse_int(raw: str | Sequence[str] | None, what: str) -> tuple[int | None, list[str]]:
    values = split_values(raw)
    if not values:
        return None, []
    if re.fullmatch(r"[+-]?\d{1,6}", values[0]):
        return int(values[0]), []
    return None, [f"Ignored {what} {shorten(values[0])!r}: not a number."]


def clean_query(raw: str | Sequence[str] | None) -> tuple[str, list[str]]:
    if raw is None:
        return "", []
    value = raw if isinstance(raw, str) else " ".join(str(v) for v in raw)
    value = " ".join(CONTROL.sub(" ", value).split())
    if len(value) > MAX_QUERY:
        return value[:MAX_QUERY], [f"Shortened the search text to {MAX_QUERY} characters."]
    return value, []
