"""The dataset schema, one record per column and per dataset.json key: type,
required or not, limits, vocabulary, meaning and the template's example values.

Everything that describes a dataset comes from here: the loader's pandera
schemas and checks (dataset.py), the data dictionary and the template
(export.py) and the tables of docs/DATA_SCHEMA.md (`python -m components.schema`
rewrites them; tests/test_schema.py fails when the docs drift). To add a column,
add one Column to FILES below (with template examples) and the loader, the
dictionary, the template and the docs follow.

Nothing here imports pandas or Streamlit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from components.safety import URL_PATTERN
from components.vocab import (
    EVENT_CATEGORIES,
    EVIDENCE,
    SCORES,
    SOURCE_KIND_DEFINITIONS,
    SOURCE_KIND_LABELS,
    SOURCE_KINDS,
    STAKEHOLDER_TYPES,
    STANCES,
)

# Limits the loader enforces on the dataset as a whole.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # one uploaded file, a zip, or the loose files of one upload together
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # all files of a dataset, after unzipping
MAX_ROWS = {"positions.csv": 100_000, "stakeholders.csv": 10_000, "provisions.csv": 5_000}

META_FILE = "dataset.json"
METHOD_FILE = "METHOD.md"

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
ISO3 = re.compile(r"^[A-Z]{3}$")
URL = URL_PATTERN

Kind = Literal["slug", "text", "choice", "url", "date", "int", "iso3", "reference"]


@dataclass(frozen=True)
class Column:
    """One column of a dataset file.

    kind: slug (an id), text (up to `max_chars`), choice (one of `vocabulary`),
    url (http(s) only), date (ISO YYYY-MM-DD), int (whole number), iso3
    (ISO 3166-1 alpha-3) or reference (an id of `references`, checked across
    files). `examples` fill the template's rows, one per row."""

    name: str
    required: bool
    kind: Kind
    meaning: str
    examples: tuple[str, ...]
    max_chars: int | None = None
    vocabulary: tuple[str, ...] = ()
    unique: bool = False
    references: str | None = None
    default: str | None = None  # what an empty optional cell means

    def messages(self) -> list[str]:
        """What the loader says when a non-empty cell breaks this column's rule."""
        match self.kind:
            case "slug":
                return [
                    "must be a slug: lowercase letters, digits, '-' or '_', starting with a letter or digit, "
                    "at most 64 characters"
                ]
            case "choice":
                return ["must be one of: " + ", ".join(self.vocabulary)]
            case "url":
                return [URL_MESSAGE]
            case "date":
                return [DATE_MESSAGE]
            case "int":
                return ["must be a whole number"]
            case "iso3":
                return ["must be an ISO 3166-1 alpha-3 code (three capital letters)"]
            case "text":
                return [f"must be at most {self.max_chars:,} characters"] if self.max_chars else []
        return []

    def rule(self, file: str) -> str:
        """Every rule of the column in words (the dictionary's and docs' 'rule')."""
        rules = self.messages()
        if self.unique:
            rules.append("must be unique")
        if self.references and self.references != file:
            rules.append(f"must match a {self.name} in {self.references}")
        if self.default:
            rules.append(f"empty means {self.default}")
        return "; ".join(rules)


URL_MESSAGE = "must be an http:// or https:// URL"
DATE_MESSAGE = "must be an ISO date YYYY-MM-DD"


def _stance_meaning() -> str:
    return "The stance: " + ", ".join(f"{s} ({SCORES[s]:+d})".replace("+0", "0") for s in STANCES) + "."


def _source_kind_meaning() -> str:
    return (
        "What the cited source is: "
        + "; ".join(
            f"{k} ({SOURCE_KIND_LABELS[k]}: {SOURCE_KIND_DEFINITIONS[k][0].lower()}{SOURCE_KIND_DEFINITIONS[k][1:-1]})"
            for k in SOURCE_KINDS
        )
        + "."
    )


FILES: dict[str, tuple[Column, ...]] = {
    "stakeholders.csv": (
        Column(
            "stakeholder_id",
            True,
            "slug",
            "Stable id of the stakeholder.",
            ("example-gov", "example-ngo"),
            unique=True,
            references="stakeholders.csv",
        ),
        Column(
            "name",
            True,
            "text",
            "Full name.",
            ("EXAMPLE Ministry of Foreign Affairs", "EXAMPLE Digital Rights Group"),
            max_chars=200,
        ),
        Column(
            "type",
            True,
            "choice",
            "Kind of stakeholder.",
            ("government", "civil_society"),
            vocabulary=STAKEHOLDER_TYPES,
        ),
        Column("short_name", False, "text", "Label for charts.", ("Example Ministry", "Example NGO"), max_chars=40),
        Column("country_iso3", False, "iso3", "Country code, for governments.", ("FRA", "")),
        Column(
            "description",
            False,
            "text",
            "Who they are, in a sentence or two.",
            ("EXAMPLE row: replace with a real stakeholder.",) * 2,
            max_chars=1000,
        ),
        Column("website", False, "url", "Their website.", ("https://example.org/ministry", "https://example.org/ngo")),
    ),
    "provisions.csv": (
        Column(
            "provision_id",
            True,
            "slug",
            "Stable id of the provision; 'convention' means the instrument as a whole.",
            ("convention", "art-01"),
            unique=True,
            references="provisions.csv",
        ),
        Column("label", True, "text", "Short label, e.g. 'Art. 6'.", ("Instrument", "Art. 1"), max_chars=80),
        Column(
            "title",
            True,
            "text",
            "Official title.",
            ("The instrument as a whole", "EXAMPLE Definitions"),
            max_chars=300,
        ),
        Column("number", False, "int", "Sort key (article number).", ("", "1")),
        Column(
            "chapter", False, "text", "Chapter or part of the instrument.", ("", "I. General provisions"), max_chars=200
        ),
        Column(
            "themes",
            False,
            "text",
            "Tags separated by ';', e.g. human_rights;scope.",
            ("", "definitions;scope"),
            max_chars=500,
        ),
        Column(
            "summary",
            False,
            "text",
            "Plain-language summary in the dataset author's words.",
            (
                "EXAMPLE row: positions on the whole instrument use this id.",
                "EXAMPLE row: a plain-language summary in your own words.",
            ),
            max_chars=1000,
        ),
        Column(
            "text_url",
            False,
            "url",
            "Link to the official text.",
            ("https://example.org/text", "https://example.org/text#art-1"),
        ),
    ),
    "positions.csv": (
        Column(
            "stakeholder_id",
            True,
            "reference",
            "Who takes the position.",
            ("example-gov", "example-ngo"),
            references="stakeholders.csv",
        ),
        Column(
            "provision_id",
            True,
            "reference",
            "Which provision it is about.",
            ("convention", "art-01"),
            references="provisions.csv",
        ),
        Column("stance", True, "choice", _stance_meaning(), ("support", "concern"), vocabulary=STANCES),
        Column(
            "summary",
            True,
            "text",
            "The position in the dataset author's words.",
            (
                "EXAMPLE row: supports the instrument as a whole.",
                "EXAMPLE row: finds the definitions too broad.",
            ),
            max_chars=1000,
        ),
        Column(
            "source_url",
            True,
            "url",
            "Link to the statement, at its publisher's own address.",
            ("https://example.org/statement-1", "https://example.org/statement-2"),
        ),
        Column(
            "source_title",
            False,
            "text",
            "Title of the source document.",
            ("EXAMPLE statement", "EXAMPLE submission"),
            max_chars=300,
        ),
        Column(
            "source_publisher",
            False,
            "text",
            "Who published the cited page, e.g. 'Human Rights Watch' or 'Reuters, via CNA'.",
            ("EXAMPLE Ministry of Foreign Affairs", "EXAMPLE News Agency"),
            max_chars=200,
        ),
        Column("source_kind", False, "choice", _source_kind_meaning(), ("own", "report"), vocabulary=SOURCE_KINDS),
        Column(
            "read_url",
            False,
            "url",
            "Where the text was read when only a copy could be (an archive, a mirror, a syndication); "
            "source_url then stays the publisher's own address.",
            ("", "https://example.org/archive/statement-2"),
        ),
        Column(
            "source_date",
            False,
            "date",
            "Date of the statement; the latest one per stakeholder and provision is current.",
            ("2024-01-15", "2024-02-01"),
        ),
        Column(
            "quote",
            False,
            "text",
            "Verbatim excerpt: the stakeholder's (or its speaker's) own words only, never a paraphrase "
            "or a reporter's framing.",
            ("EXAMPLE verbatim quote from the source.", ""),
            max_chars=600,
        ),
        Column(
            "speaker",
            False,
            "text",
            "The person who spoke for the stakeholder, where the source names one.",
            ("EXAMPLE Minister", ""),
            max_chars=200,
        ),
        Column(
            "evidence",
            False,
            "choice",
            "explicit (the source names this provision or its substance) or inferred "
            "(a general statement the dataset author linked to this provision).",
            ("explicit", "inferred"),
            vocabulary=EVIDENCE,
            default="explicit",
        ),
        Column(
            "position_id",
            False,
            "text",
            "Id of the position row (row-N when the dataset gives none).",
            ("pos-1", "pos-2"),
            max_chars=100,
            unique=True,
        ),
    ),
    "events.csv": (
        Column("date", True, "date", "When it happened.", ("2024-01-10",)),
        Column(
            "title", True, "text", "What happened, in a few words.", ("EXAMPLE Draft text published",), max_chars=300
        ),
        Column("category", False, "choice", "Kind of event.", ("negotiation",), vocabulary=EVENT_CATEGORIES),
        Column("description", False, "text", "More detail.", ("EXAMPLE row: replace or delete.",), max_chars=1000),
        Column("source_url", False, "url", "Link to a source.", ("https://example.org/event",)),
        Column(
            "stakeholder_id",
            False,
            "reference",
            "The stakeholder involved, if any.",
            ("",),
            references="stakeholders.csv",
        ),
    ),
    "signatories.csv": (
        Column("country", True, "text", "Country name.", ("France",), max_chars=200),
        Column("iso3", True, "iso3", "Country code.", ("FRA",), unique=True),
        Column(
            "signature_date",
            False,
            "date",
            "Date of signature; empty for an accession without signature.",
            ("2024-03-01",),
        ),
        Column(
            "ratification_date",
            False,
            "date",
            "Date of ratification, acceptance, approval or accession; not before signature_date.",
            ("",),
        ),
        Column("source_url", False, "url", "Link to a source.", ("https://example.org/signatures",)),
    ),
}

REQUIRED_FILES = ("stakeholders.csv", "provisions.csv", "positions.csv")
OPTIONAL_FILES = ("events.csv", "signatories.csv")
KNOWN_FILES = (META_FILE, *REQUIRED_FILES, *OPTIONAL_FILES, METHOD_FILE)

# Column -> the file whose ids it refers to; file -> its unique column.
REFERENCE_COLUMNS = {"stakeholder_id": "stakeholders.csv", "provision_id": "provisions.csv"}
UNIQUE_COLUMNS = {file: c.name for file, columns in FILES.items() for c in columns if c.unique}


def spec(file: str, name: str) -> Column:
    """The record of column `name` of `file`."""
    return next(c for c in FILES[file] if c.name == name)


@dataclass(frozen=True)
class MetaKey:
    """One key of dataset.json. kind: text (a string up to `max_chars`),
    date (ISO), version (text or a number, up to `max_chars`) or
    positive_int (a whole number of 1 or more)."""

    name: str
    required: bool
    kind: Literal["text", "date", "version", "positive_int"]
    meaning: str
    example: str | int
    max_chars: int | None = None

    def rule(self) -> str:
        match self.kind:
            case "text":
                return f"text, at most {self.max_chars:,} characters"
            case "date":
                return "ISO date YYYY-MM-DD"
            case "version":
                return f"text or a number, at most {self.max_chars:,} characters"
        return "a positive whole number"


META_KEYS: tuple[MetaKey, ...] = (
    MetaKey("title", True, "text", "Title of the dataset.", "EXAMPLE dataset: replace this title", 300),
    MetaKey("subject", True, "text", "The instrument being debated.", "EXAMPLE instrument being debated", 300),
    MetaKey("as_of", True, "date", "The date the data was last checked; shown on every page.", "2024-03-01", 10),
    MetaKey("version", True, "version", "Dataset version.", "0.1", 50),
    MetaKey("license", False, "text", "Licence of the dataset, e.g. CC BY 4.0.", "CC BY 4.0", 300),
    MetaKey(
        "citation",
        False,
        "text",
        "How to cite the dataset.",
        "EXAMPLE: Your name (year). Title, version, data as of date.",
        1000,
    ),
    MetaKey(
        "description",
        False,
        "text",
        "One paragraph about the dataset.",
        "A template: every row is an EXAMPLE with example.org links. Replace them with real data.",
        2000,
    ),
    MetaKey("ratification_threshold", False, "positive_int", "Ratifications needed for entry into force.", 40),
)


# --------------------------------------------------------------------------
# docs/DATA_SCHEMA.md tables


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def docs_tables() -> dict[str, str]:
    """The markdown table of each file (and of dataset.json and the limits),
    by the name of its marker in docs/DATA_SCHEMA.md."""
    tables = {}
    lines = ["| key | required | rule | meaning |", "|---|---|---|---|"]
    for key in META_KEYS:
        lines.append(f"| `{key.name}` | {'yes' if key.required else 'no'} | {key.rule()} | {_cell(key.meaning)} |")
    tables[META_FILE] = "\n".join(lines)
    for file, columns in FILES.items():
        lines = ["| column | required | rule | meaning |", "|---|---|---|---|"]
        for c in columns:
            lines.append(
                f"| `{c.name}` | {'yes' if c.required else 'no'} | {_cell(c.rule(file))} | {_cell(c.meaning)} |"
            )
        tables[file] = "\n".join(lines)
    mb = 2**20
    tables["limits"] = "\n".join(
        [
            "| limit | value |",
            "|---|---|",
            f"| one uploaded file or zip, and the loose files of one upload together | {MAX_UPLOAD_BYTES // mb} MB |",
            f"| all files of a dataset, after unzipping (checked before and while unpacking) | "
            f"{MAX_UNPACKED_BYTES // mb} MB |",
            *(f"| rows in {file} | {limit:,} |" for file, limit in MAX_ROWS.items()),
            "| a zip's layout | files at the top or in one top-level folder; no deeper folders, "
            "absolute or parent paths, or the same file twice |",
        ]
    )
    return tables


DOCS = "docs/DATA_SCHEMA.md"
_MARKED = re.compile(r"(<!-- schema table: (\S+) -->\n).*?(\n<!-- end of schema table -->)", re.S)


def with_tables(docs: str) -> str:
    """docs/DATA_SCHEMA.md's text with every marked table replaced by the schema's."""
    tables = docs_tables()
    return _MARKED.sub(lambda m: m.group(1) + tables[m.group(2)] + m.group(3), docs)


if __name__ == "__main__":  # python -m components.schema: rewrite the tables of docs/DATA_SCHEMA.md
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / DOCS
    path.write_text(with_tables(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated the schema tables in {DOCS}")
