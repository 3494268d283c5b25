"""A chart's scroll box is named from its key, which then goes into CSS and
a script: only a plain identifier may."""

from __future__ import annotations

import pytest

from components.ui.plots import box_name


def test_a_plain_key_names_its_box() -> None:
    assert box_name("contested") == "contested_box"
    assert box_name("timeline_items-2") == "timeline_items-2_box"


@pytest.mark.parametrize(
    "key",
    ["", "1st", "a b", 'x"]{}</style><script>alert(1)</script>', "a.b", "a:hover", "x" * 65, None, 3],
)
def test_a_key_that_could_break_out_of_css_or_the_script_is_refused(key: object) -> None:
    with pytest.raises(ValueError, match="plain key"):
        box_name(key)
