"""The vocabulary every module shares: the stance scale with its scores,
colours and symbols, stakeholder types, themes and event categories.

Defined once here and imported everywhere, so a chart, a table and a CSV
never disagree about what "concern" means or how it looks.
"""

from __future__ import annotations

# Stance scale, from most favourable to least. Order matters: charts and
# legends follow it.
STANCES: tuple[str, ...] = ("support", "qualified_support", "mixed", "concern", "oppose")

SCORES: dict[str, int] = {
    "support": 2,
    "qualified_support": 1,
    "mixed": 0,
    "concern": -1,
    "oppose": -2,
}

LABELS: dict[str, str] = {
    "support": "Support",
    "qualified_support": "Qualified support",
    "mixed": "Mixed",
    "concern": "Concern",
    "oppose": "Oppose",
}

# A blue-grey-orange-red scale dark enough that every mark keeps at least
# 3:1 contrast against the white page (WCAG 1.4.11) and stays apart from its
# neighbours under the common colour-vision deficiencies and on a washed-out
# projector (tests/test_vocab.py measures both).
COLORS: dict[str, str] = {
    "support": "#08519c",
    "qualified_support": "#4292c6",
    "mixed": "#737373",
    "concern": "#d0650f",
    "oppose": "#a50f15",
}

# Stance is never shown by colour alone: every cell, marker and table row
# also carries one of these symbols or the label.
SYMBOLS: dict[str, str] = {
    "support": "++",
    "qualified_support": "+",
    "mixed": "±",
    "concern": "−",
    "oppose": "−−",
}

DEFINITIONS: dict[str, str] = {
    "support": "Endorses the provision or the instrument without reservations in the source.",
    "qualified_support": "Supports it, but with stated conditions, caveats or wishes for how it is applied.",
    "mixed": "Both welcomes and criticises it, or takes no clear side.",
    "concern": "Raises specific worries or asks for changes, without rejecting it outright.",
    "oppose": "Rejects it, calls for its deletion, or urges others not to sign or ratify.",
}

EVIDENCE: tuple[str, ...] = ("explicit", "inferred")

EVIDENCE_DEFINITIONS: dict[str, str] = {
    "explicit": "The source names this provision or its specific substance.",
    "inferred": "The source makes a general statement that the dataset author linked to this provision.",
}

STAKEHOLDER_TYPES: tuple[str, ...] = (
    "un_body",
    "government",
    "intergovernmental",
    "industry",
    "civil_society",
    "academia",
    "other",
)

TYPE_LABELS: dict[str, str] = {
    "un_body": "UN body",
    "government": "Government",
    "intergovernmental": "Intergovernmental",
    "industry": "Industry",
    "civil_society": "Civil society",
    "academia": "Academia",
    "other": "Other",
}

# Okabe-Ito qualitative palette (colour-blind safe), one colour per type.
TYPE_COLORS: dict[str, str] = {
    "un_body": "#0072B2",
    "government": "#D55E00",
    "intergovernmental": "#CC79A7",
    "industry": "#E69F00",
    "civil_society": "#009E73",
    "academia": "#56B4E9",
    "other": "#7f7f7f",
}

EVENT_CATEGORIES: tuple[str, ...] = (
    "negotiation",
    "adoption",
    "signature",
    "ratification",
    "statement",
    "other",
)

# The provision id that stands for the instrument as a whole.
WHOLE_INSTRUMENT = "convention"


# How a sentence counts stakeholders of each type: (one, many).
TYPE_NOUNS: dict[str, tuple[str, str]] = {
    "un_body": ("UN body", "UN bodies"),
    "government": ("government", "governments"),
    "intergovernmental": ("intergovernmental organisation", "intergovernmental organisations"),
    "industry": ("industry stakeholder", "industry stakeholders"),
    "civil_society": ("civil-society group", "civil-society groups"),
    "academia": ("academic", "academics"),
    "other": ("other stakeholder", "other stakeholders"),
}


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 coalition', '3 coalitions', '2 UN bodies' (with `many`): counts in words, never 'coalition(s)'."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def stance_label(stance: str) -> str:
    """'concern' -> '− Concern': symbol and words, so colour is never the only cue."""
    return f"{SYMBOLS[stance]} {LABELS[stance]}"


def humanize(tag: str) -> str:
    """'human_rights' -> 'Human rights': the display form of a slug or theme."""
    text = tag.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


# Where a position's source comes from (positions.csv `source_kind`): the
# stakeholder's own words, an official record of them, or a third party's report.
SOURCE_KINDS: tuple[str, ...] = ("own", "record", "report")

SOURCE_KIND_LABELS: dict[str, str] = {
    "own": "own statement",
    "record": "official record",
    "report": "news report",
}

SOURCE_KIND_DEFINITIONS: dict[str, str] = {
    "own": "The stakeholder's own publication, statement or speech.",
    "record": "An official record of what it said: UN meetings coverage, a government transcript, a depositary notification.",
    "report": "A news or third-party report of its position.",
}
