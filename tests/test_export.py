"""The flat CSV export, the dataset zip and the template (components/export.py)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pandas as pd
import pytest

from components import analysis, dataset, export
from components.dataset import files_from_zip, read_dataset
from components.filters import FilterState
from components.safety import FORMULA_PREFIXES
from components.schema import FILES
from tests.conftest import MINI, mini_files

TEXT_COLUMNS = [c for c in export.FLAT_COLUMNS if c != "score"]


def read_back(raw: bytes) -> pd.DataFrame:
    """What a BOM-aware reader (Excel, LibreOffice, pandas with utf-8-sig) sees."""
    return pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def hostile_files() -> dict[str, bytes]:
    """The fixture with a formula at the start of every kind of text cell."""
    files = mini_files()
    stakeholders = read_back(files["stakeholders.csv"])
    stakeholders.loc[0, "name"] = '=HYPERLINK("http://evil.example","x")'
    stakeholders.loc[1, "name"] = "@SUM(A1)"
    provisions = read_back(files["provisions.csv"])
    provisions.loc[1, "label"] = "+Art. 1"
    provisions.loc[1, "title"] = "-Definitions"
    positions = read_back(files["positions.csv"])
    positions.loc[0, "summary"] = "=cmd|' /C calc'!A0"
    positions.loc[0, "quote"] = "+1+1"
    positions.loc[0, "source_title"] = "-2+3"
    positions.loc[1, "summary"] = "@risk"
    positions.loc[1, "quote"] = "=1"
    positions.loc[1, "source_title"] = "=A1"
    for name, frame in (
        ("stakeholders.csv", stakeholders),
        ("provisions.csv", provisions),
        ("positions.csv", positions),
    ):
        files[name] = frame.to_csv(index=False).encode("utf-8")
    return files


def test_flat_export_has_one_row_per_position_with_domain_columns(mini: dataset.Dataset) -> None:
    flat = export.flat_positions(analysis.position_table(mini))
    assert list(flat.columns) == [
        "stakeholder_name",
        "stakeholder_type",
        "provision_label",
        "provision_title",
        "stance",
        "score",
        "summary",
        "quote",
        "speaker",
        "source_title",
        "source_publisher",
        "source_kind",
        "source_url",
        "read_url",
        "source_date",
        "evidence",
        "position_id",
        "stakeholder_id",
        "provision_id",
    ]
    assert len(flat) == 25
    a1 = flat.set_index("position_id").loc["a1"]
    assert a1["stakeholder_name"] == "Alpha Rights Network"
    assert a1["provision_label"] == "Art. 1"
    assert a1["provision_title"] == "Definitions"
    assert (a1["stance"], a1["score"]) == ("oppose", -2)
    assert a1["quote"] == "Definitions this broad catch everyone."


def test_filter_is_honoured_in_the_flat_export(mini: dataset.Dataset) -> None:
    filters = FilterState(types=("civil_society",), stances=("oppose",))
    flat = export.flat_positions(analysis.filtered_positions(mini, filters))
    back = read_back(export.to_csv_bytes(flat))
    assert len(back) == len(flat) > 0
    assert set(back["stance"]) == {"oppose"}
    assert set(back["stakeholder_type"]) == {"civil_society"}
    everything = export.flat_positions(analysis.current_positions(analysis.position_table(mini)))
    expected = everything[(everything["stance"] == "oppose") & (everything["stakeholder_type"] == "civil_society")]
    assert sorted(back["position_id"]) == sorted(expected["position_id"])


def test_formula_cells_are_neutralised_in_flat_export() -> None:
    ds = read_dataset(hostile_files())
    raw = export.to_csv_bytes(export.flat_positions(analysis.position_table(ds)))
    back = read_back(raw)
    for column in TEXT_COLUMNS:
        for value in back[column]:
            assert not value.startswith(FORMULA_PREFIXES), (column, value)
    cells = set(back[TEXT_COLUMNS].to_numpy().ravel())
    for shown in [
        '\'=HYPERLINK("http://evil.example","x")',
        "'@SUM(A1)",
        "'+Art. 1",
        "'-Definitions",
        "'=cmd|' /C calc'!A0",
        "'+1+1",
        "'-2+3",
        "'@risk",
        "'=1",
        "'=A1",
    ]:
        assert shown in cells, shown


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_every_formula_prefix_is_neutralised_in_text_cells_and_headers(prefix: str) -> None:
    frame = pd.DataFrame({f"{prefix}head": [f"{prefix}cell", "plain"], "score": [-2, 1]})
    back = list(csv.reader(io.StringIO(export.to_csv_bytes(frame).decode("utf-8-sig"))))
    assert back[0] == [f"'{prefix}head", "score"]
    assert back[1] == [f"'{prefix}cell", "-2"]
    assert back[2] == ["plain", "1"]


def test_numbers_stay_numbers_in_the_csv(mini: dataset.Dataset) -> None:
    raw = export.to_csv_bytes(export.flat_positions(analysis.position_table(mini)))
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", keep_default_na=False)
    assert pd.api.types.is_integer_dtype(back["score"])
    assert set(back["score"]) <= {-2, -1, 0, 1, 2}
    assert -2 in set(back["score"])


def test_csv_is_utf8_with_bom_and_crlf_and_keeps_accents() -> None:
    frame = pd.DataFrame({"stakeholder_name": ["Café Société, «Ω»"], "summary": ['He said "no"\nthen left']})
    raw = export.to_csv_bytes(frame)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.split(b"\r\n")[0] == b"\xef\xbb\xbfstakeholder_name,summary"
    back = read_back(raw)
    assert back.loc[0, "stakeholder_name"] == "Café Société, «Ω»"
    assert back.loc[0, "summary"] == 'He said "no"\nthen left'


def test_export_file_name_says_dataset_filter_and_date() -> None:
    meta = dataset.load_path(MINI).meta
    shipped = dataset.DatasetMeta(
        title="UN Convention against Cybercrime: stakeholder positions", subject="x", as_of="2026-11-29", version="1"
    )
    assert (
        export.export_file_name(shipped, FilterState(types=("government",)), date(2026, 11, 29))
        == "stancemap_un-convention-against-cybercrime_type-government_2026-11-29.csv"
    )
    assert export.export_file_name(meta, FilterState(), date(2024, 1, 2)) == (
        "stancemap_model-data-retention-bill_all_2024-01-02.csv"
    )
    hostile = dataset.DatasetMeta(title="../../etc/passwd <x>", subject="", as_of=None, version="")
    name = export.export_file_name(hostile, FilterState(q="a/b\\c"), date(2024, 1, 2))
    assert "/" not in name and "\\" not in name and "<" not in name


def test_dataset_zip_round_trips_through_the_loader() -> None:
    files = mini_files()
    raw = export.dataset_zip(files, folder="Model bill")
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        names = archive.namelist()
    assert all(n.startswith("model-bill/") for n in names)
    assert {n.split("/")[1] for n in names} == {*files, export.DICTIONARY_FILE}
    unpacked = files_from_zip(raw, "model-bill.zip")
    for name, original in files.items():
        if not name.endswith(".csv"):
            assert unpacked[name] == original  # the CSVs are defused; everything else is as given
    again = read_dataset(unpacked)
    before = read_dataset(files)
    pd.testing.assert_frame_equal(again.positions, before.positions)
    assert again.meta == before.meta
    assert again.method == before.method


def test_dataset_zip_leaves_out_files_outside_the_schema() -> None:
    files = {**mini_files(), "notes.txt": b"private"}
    names = zipfile.ZipFile(io.BytesIO(export.dataset_zip(files))).namelist()
    assert not any(n.endswith("notes.txt") for n in names)


def test_data_dictionary_describes_every_column_of_every_file() -> None:
    table = export.data_dictionary()
    for file, specs in FILES.items():
        rows = table[table["file"].str.startswith(file)]
        assert list(rows["column"]) == [spec.name for spec in specs]
        assert (rows["meaning"] != "").all(), file
    stance = table[(table["file"] == "positions.csv") & (table["column"] == "stance")].iloc[0]
    assert stance["required"] == "yes" and "support" in stance["rule"] and "oppose" in stance["rule"]
    reference = table[(table["file"] == "positions.csv") & (table["column"] == "stakeholder_id")].iloc[0]
    assert "stakeholders.csv" in reference["rule"]
    assert set(table[table["file"] == "dataset.json"]["column"]) >= {"title", "subject", "as_of", "version"}
    assert set(table[table["file"] == export.FLAT_FILE]["column"]) == set(export.FLAT_COLUMNS)
    markdown = export.data_dictionary_markdown()
    assert markdown.count("\n| ") == len(table) + 1


def test_template_zip_validates_and_is_marked_as_examples() -> None:
    files = files_from_zip(export.template_zip(), "stancemap_template.zip")
    ds = read_dataset(files)
    assert {"dataset.json", "stakeholders.csv", "provisions.csv", "positions.csv", "events.csv"} <= set(files)
    assert "EXAMPLE" in ds.meta.title
    assert all("EXAMPLE" in s for s in ds.stakeholders["name"])
    assert all("EXAMPLE" in s for s in ds.positions["summary"])
    urls = [*ds.positions["source_url"], *ds.stakeholders["website"], *ds.provisions["text_url"]]
    assert all(u.startswith("https://example.org/") for u in urls if u)
    for name, (header, rows) in export.TEMPLATE_FILES.items():
        assert 1 <= len(rows) <= 2, name
        assert header == list(read_back(files[name]).columns)


def test_dataset_zip_csvs_are_spreadsheet_safe_and_load_back_unchanged() -> None:
    """The hostile fixture has formula payloads in every text field: inside
    the zip no CSV cell starts like a formula, and loading the zip gives the
    same data as the folder."""
    import csv as csv_module
    import zipfile as zipfile_module

    from components import dataset as ds_module
    from tests.conftest import FIXTURES

    files = ds_module.files_from_folder(FIXTURES / "hostile")
    raw = export.dataset_zip(files)
    with zipfile_module.ZipFile(io.BytesIO(raw)) as archive:
        for name in archive.namelist():
            if name.endswith(".csv"):
                text = archive.read(name).decode("utf-8-sig")
                for row in csv_module.reader(io.StringIO(text, newline="")):
                    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), (name, row)
    original = ds_module.read_dataset(files)
    reloaded = ds_module.read_dataset(ds_module.files_from_zip(raw))
    for table in ("stakeholders", "provisions", "positions", "events", "signatories"):
        pd.testing.assert_frame_equal(getattr(original, table), getattr(reloaded, table))
