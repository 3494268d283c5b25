"""Synthetic datasets in the Stancemap schema, of any size: the one generator
the benchmarks (bench/) and the tests (tests/) share, neither importing the
other.

    python -m testkit.synthetic --stakeholders 1500 --articles 200 --density 0.1 --seed 1 OUT

`generate` writes realistic data for benchmarks; `camp_files` (below) a
dataset whose coalitions are known in advance, for tests.

The data look like the real thing so every page does real work: stakeholder
types spread over the schema's types (governments carry real ISO3 codes),
provisions numbered in chapters with themes from a small vocabulary and a
"convention" row for the instrument as a whole, stakeholders in a few camps
that agree within a camp (so coalitions exist), some pairs with several dated
positions (so history has something to show), events and signatories with
real ISO3 codes. `density` is the share of (stakeholder, provision) pairs that
have a position; about 4% of those pairs get one or two earlier positions.
The output passes `python -m components.dataset validate OUT`.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from components.vocab import EVENT_CATEGORIES, STAKEHOLDER_TYPES

# Real ISO 3166-1 alpha-3 codes: the shipped signatories plus other common ones.
ISO3 = tuple(
    [
        "DZA",
        "AGO",
        "AUS",
        "AUT",
        "AZE",
        "BLR",
        "BEL",
        "BRA",
        "BRN",
        "BFA",
        "KHM",
        "CHL",
        "CHN",
        "CRI",
        "CUB",
        "CZE",
        "CIV",
        "PRK",
        "COD",
        "DJI",
        "DOM",
        "ECU",
        "EGY",
        "FRA",
        "GHA",
        "GRC",
        "GNB",
        "IRN",
        "IRL",
        "JAM",
        "KAZ",
        "LAO",
        "LBY",
        "LUX",
        "MYS",
        "MDV",
        "MLI",
        "MUS",
        "MAR",
        "MOZ",
        "NAM",
        "NRU",
        "NIC",
        "NGA",
        "PLW",
        "PNG",
        "PER",
        "PHL",
        "POL",
        "PRT",
        "QAT",
        "RUS",
        "RWA",
        "SAU",
        "SVK",
        "SVN",
        "ZAF",
        "ESP",
        "LKA",
        "PSE",
        "SWE",
        "THA",
        "TGO",
        "TUR",
        "UGA",
        "GBR",
        "TZA",
        "URY",
        "UZB",
        "VEN",
        "VNM",
        "ZWE",
        "USA",
        "CAN",
        "MEX",
        "ARG",
        "COL",
        "BOL",
        "PRY",
        "GTM",
        "HND",
        "SLV",
        "PAN",
        "HTI",
        "DEU",
        "ITA",
        "NLD",
        "CHE",
        "NOR",
        "DNK",
        "FIN",
        "ISL",
        "EST",
        "LVA",
        "LTU",
        "HUN",
        "ROU",
        "BGR",
        "HRV",
        "SRB",
        "BIH",
        "MNE",
        "MKD",
        "ALB",
        "UKR",
        "MDA",
        "GEO",
        "ARM",
        "ISR",
        "JOR",
        "LBN",
        "SYR",
        "IRQ",
        "KWT",
        "ARE",
        "OMN",
        "YEM",
        "BHR",
        "IND",
        "PAK",
        "BGD",
        "NPL",
        "BTN",
        "AFG",
        "MMR",
        "IDN",
        "SGP",
        "TLS",
        "JPN",
        "KOR",
        "MNG",
        "NZL",
        "FJI",
        "TON",
        "WSM",
        "KEN",
        "ETH",
        "SOM",
        "SDN",
        "SSD",
        "TCD",
        "NER",
        "SEN",
        "GMB",
        "GIN",
        "SLE",
        "LBR",
        "CMR",
        "GAB",
        "COG",
        "CAF",
        "BEN",
        "MWI",
        "ZMB",
        "BWA",
        "LSO",
        "SWZ",
        "MDG",
        "COM",
        "SYC",
        "TUN",
        "ERI",
        "MRT",
        "CPV",
        "STP",
        "GNQ",
        "BDI",
        "KGZ",
        "TJK",
        "TKM",
        "CYP",
        "MLT",
        "AND",
        "MCO",
        "SMR",
        "LIE",
        "VUT",
        "SLB",
        "KIR",
        "TUV",
        "FSM",
        "MHL",
        "BRB",
        "TTO",
        "GUY",
        "SUR",
        "BLZ",
        "BHS",
        "LCA",
        "VCT",
        "GRD",
        "KNA",
        "DMA",
        "ATG",
    ]
)

THEMES = (
    "scope",
    "human_rights",
    "criminalization",
    "procedural_powers",
    "international_cooperation",
    "data_protection",
    "technical_assistance",
    "implementation",
)
CHAPTERS = (
    "I. General provisions",
    "II. Criminalization",
    "III. Jurisdiction",
    "IV. Procedural measures and law enforcement",
    "V. International cooperation",
    "VI. Preventive measures",
    "VII. Technical assistance",
    "VIII. Mechanism of implementation",
    "IX. Final provisions",
)
# Roughly how often each type appears among stakeholders.
TYPE_WEIGHTS = {
    "government": 45,
    "civil_society": 20,
    "industry": 12,
    "academia": 8,
    "intergovernmental": 6,
    "un_body": 4,
    "other": 5,
}
WORDS = tuple(
    [
        "safeguards",
        "cooperation",
        "evidence",
        "jurisdiction",
        "privacy",
        "extradition",
        "surveillance",
        "scope",
        "definitions",
        "proportionality",
        "oversight",
        "capacity",
        "security",
        "research",
        "journalists",
        "encryption",
        "access",
        "retention",
    ]
)
SCORE_STANCE = {2: "support", 1: "qualified_support", 0: "mixed", -1: "concern", -2: "oppose"}
START = date(2021, 1, 1)


def _csv(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _day(rng: random.Random, span_days: int = 1800) -> date:
    return START + timedelta(days=rng.randrange(span_days))


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def generate(n_stakeholders: int, n_articles: int, density: float, seed: int = 1, camps: int = 4) -> dict[str, str]:
    """The dataset's files as name -> text. `n_articles` numbered articles plus
    the instrument as a whole; `density` in (0, 1]."""
    if n_stakeholders < 1 or n_articles < 1 or not 0 < density <= 1:
        raise ValueError("need at least one stakeholder and one article, and 0 < density <= 1")
    rng = random.Random(seed)
    types = [t for t in TYPE_WEIGHTS if t in STAKEHOLDER_TYPES]
    weights = [TYPE_WEIGHTS[t] for t in types]

    stakeholders, camp_of = [], {}
    for i in range(n_stakeholders):
        sid = f"st-{i:05d}"
        kind = rng.choices(types, weights)[0]
        iso3 = ISO3[i % len(ISO3)] if kind == "government" else ""
        name = f"Government of {iso3} ({i})" if iso3 else f"{kind.replace('_', ' ').title()} group {i}"
        website = f"https://example.org/{sid}" if rng.random() < 0.7 else ""
        stakeholders.append(
            [
                sid,
                name,
                kind,
                f"{kind[:3].upper()}-{i}",
                iso3,
                f"Synthetic stakeholder on {_sentence(rng, 6)}.",
                website,
            ]
        )
        camp_of[sid] = i % camps

    provisions = [["convention", "Convention", "The instrument as a whole", "", "", "", "The whole instrument.", ""]]
    for n in range(1, n_articles + 1):
        chapter = CHAPTERS[min((n - 1) * len(CHAPTERS) // n_articles, len(CHAPTERS) - 1)]
        themes = ";".join(sorted(rng.sample(THEMES, rng.choice((0, 1, 1, 2, 2, 3)))))
        provisions.append(
            [
                f"art-{n:03d}",
                f"Art. {n}",
                f"Article {n} on {_sentence(rng, 3)}",
                n,
                chapter,
                themes,
                f"Article {n} deals with {_sentence(rng, 12)}.",
                f"https://example.org/text#art-{n}",
            ]
        )
    provision_ids = [p[0] for p in provisions]

    # Each camp has a preferred score per provision; stakeholders drift from it.
    preferred = {c: {p: rng.choice((2, 2, 1, 0, -1, -2, -2)) for p in provision_ids} for c in range(camps)}

    def stance_for(sid: str, pid: str) -> str:
        score = preferred[camp_of[sid]][pid]
        if rng.random() < 0.25:
            score = max(-2, min(2, score + rng.choice((-1, 1))))
        return SCORE_STANCE[score]

    per_stakeholder = max(1, round(density * len(provision_ids)))
    positions = []
    for row in stakeholders:
        sid = row[0]
        for pid in sorted(rng.sample(provision_ids, min(per_stakeholder, len(provision_ids)))):
            history = rng.choice((1, 2)) if rng.random() < 0.04 else 0
            days = sorted(_day(rng) for _ in range(history + 1))
            for k, day in enumerate(days):
                stance = stance_for(sid, pid)
                dated = day.isoformat() if rng.random() < 0.95 else ""
                positions.append(
                    [
                        f"{sid}-{pid}-{k}",
                        sid,
                        pid,
                        stance,
                        f"{row[3]} on {pid}: {_sentence(rng, 7)}.",
                        f"https://example.org/{sid}/{k}",
                        f"Statement {k + 1}",
                        dated,
                        f"We call for {_sentence(rng, 5)}." if rng.random() < 0.3 else "",
                        "inferred" if rng.random() < 0.15 else "explicit",
                    ]
                )

    categories = list(EVENT_CATEGORIES)
    events = []
    for k in range(max(10, n_articles // 4)):
        sid = rng.choice(stakeholders)[0] if rng.random() < 0.3 else ""
        events.append(
            [
                _day(rng).isoformat(),
                f"Event {k + 1}: {_sentence(rng, 4)}",
                rng.choice(categories),
                f"What happened: {_sentence(rng, 12)}.",
                f"https://example.org/events/{k}",
                sid,
            ]
        )
    events.sort()

    signatories = []
    for iso3 in rng.sample(ISO3, min(len(ISO3), max(5, n_stakeholders // 8))):
        signed = date(2025, 10, 25) + timedelta(days=rng.randrange(300))
        ratified = signed + timedelta(days=rng.randrange(30, 400)) if rng.random() < 0.3 else None
        signatories.append(
            [
                f"State {iso3}",
                iso3,
                signed.isoformat(),
                ratified.isoformat() if ratified else "",
                "https://example.org/mtdsg",
            ]
        )

    meta = {
        "title": f"Synthetic accord: {n_stakeholders} stakeholders x {n_articles} articles",
        "subject": "Synthetic accord on benchmarks",
        "as_of": "2026-11-29",
        "version": f"bench-{seed}",
        "license": "CC0",
        "description": "Generated by testkit/synthetic.py for benchmarks; not real positions.",
        "ratification_threshold": 40,
    }
    return {
        "dataset.json": json.dumps(meta, indent=2) + "\n",
        "stakeholders.csv": _csv(
            ["stakeholder_id", "name", "type", "short_name", "country_iso3", "description", "website"], stakeholders
        ),
        "provisions.csv": _csv(
            ["provision_id", "label", "title", "number", "chapter", "themes", "summary", "text_url"], provisions
        ),
        "positions.csv": _csv(
            [
                "position_id",
                "stakeholder_id",
                "provision_id",
                "stance",
                "summary",
                "source_url",
                "source_title",
                "source_date",
                "quote",
                "evidence",
            ],
            positions,
        ),
        "events.csv": _csv(["date", "title", "category", "description", "source_url", "stakeholder_id"], events),
        "signatories.csv": _csv(["country", "iso3", "signature_date", "ratification_date", "source_url"], signatories),
    }


def write(out: Path, files: dict[str, str]) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out / name).write_text(content, encoding="utf-8")
    return out


# --------------------------------------------------------------------------
# Camps: stakeholders in `camps` that agree within a camp and disagree across
# camps, so the right coalitions are known in advance. Ids are unlike the
# fixture's and the shipped data's, to prove nothing is hard-coded.

TYPES = ("government", "civil_society", "industry", "academia", "un_body", "intergovernmental", "other")
STANCE_OF_SCORE = {2: "support", 1: "qualified_support", 0: "mixed", -1: "concern", -2: "oppose"}


def _csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def camp_of(i: int, camps: int) -> int:
    """Stakeholder number i belongs to camp i % camps."""
    return i % camps


def camp_files(
    n_stakeholders: int = 12,
    n_provisions: int = 8,
    per_stakeholder: int | None = None,
    camps: int = 2,
    seed: int = 7,
    noise: float = 0.0,
) -> dict[str, bytes]:
    """Dataset files: stakeholder `sh-0007` (camp 7 % camps) takes a stance on
    `per_stakeholder` random provisions `clause-003` (all when None). Camp 0
    supports everything, camp 1 opposes everything, further camps follow a
    seeded +2/-2 pattern; with probability
    `noise` a stance moves one step towards the middle."""
    rng = random.Random(seed)
    meta = {"title": "Synthetic accord", "subject": "Synthetic accord", "as_of": "2030-01-31", "version": "s1"}
    stakeholders = [
        [f"sh-{i:04d}", f"Synthetic stakeholder {i}", TYPES[i % len(TYPES)], f"S{i}", "", "", ""]
        for i in range(n_stakeholders)
    ]
    provisions = [
        [f"clause-{p:03d}", f"Cl. {p}", f"Clause number {p}", p, "", "theme_a" if p % 2 else "theme_b", "", ""]
        for p in range(1, n_provisions + 1)
    ]
    # Camp 0 supports every clause, camp 1 opposes every clause, and any
    # further camp has its own seeded +2/-2 pattern.
    patterns = {0: [2] * (n_provisions + 1), 1: [-2] * (n_provisions + 1)}
    for c in range(2, camps):
        patterns[c] = [rng.choice((2, -2)) for _ in range(n_provisions + 1)]

    def preferred(camp: int, p: int) -> int:
        return patterns[camp][p]

    positions = []
    for i in range(n_stakeholders):
        chosen = range(1, n_provisions + 1)
        if per_stakeholder is not None and per_stakeholder < n_provisions:
            chosen = sorted(rng.sample(range(1, n_provisions + 1), per_stakeholder))
        for p in chosen:
            score = preferred(camp_of(i, camps), p)
            if noise and rng.random() < noise:
                score -= 1 if score > 0 else -1
            positions.append(
                [
                    f"sh-{i:04d}",
                    f"clause-{p:03d}",
                    STANCE_OF_SCORE[score],
                    f"Synthetic position {i}/{p}",
                    f"https://example.net/s/{i}",
                    "2029-06-01",
                ]
            )
    return {
        "dataset.json": json.dumps(meta).encode("utf-8"),
        "stakeholders.csv": _csv_bytes(
            ["stakeholder_id", "name", "type", "short_name", "country_iso3", "description", "website"], stakeholders
        ),
        "provisions.csv": _csv_bytes(
            ["provision_id", "label", "title", "number", "chapter", "themes", "summary", "text_url"], provisions
        ),
        "positions.csv": _csv_bytes(
            ["stakeholder_id", "provision_id", "stance", "summary", "source_url", "source_date"], positions
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stakeholders", type=int, default=1500)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument(
        "--density", type=float, default=0.1, help="share of stakeholder x provision pairs with a position"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    files = generate(args.stakeholders, args.articles, args.density, args.seed)
    write(args.out, files)
    print(f"{args.out}: {files['positions.csv'].count(chr(10)) - 1} position rows written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
