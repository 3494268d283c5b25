"""The stance palette: visible on a white page and apart under colour-vision deficiencies."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from components.vocab import COLORS, STANCES

# Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB.
DEFICIENCIES = {
    "normal": np.eye(3),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}


def linear(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)], float) / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def luminance(rgb: np.ndarray) -> float:
    return float(rgb @ np.array([0.2126, 0.7152, 0.0722]))


def contrast(a: np.ndarray, b: np.ndarray) -> float:
    low, high = sorted([luminance(a), luminance(b)])
    return (high + 0.05) / (low + 0.05)


def lab(rgb: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ rgb
    t = xyz / np.array([0.9505, 1.0, 1.089])
    f = np.where(t > 0.008856, np.cbrt(t), 7.787 * t + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("stance", STANCES)
def test_every_stance_colour_has_3_to_1_contrast_on_white(stance: str) -> None:
    assert contrast(linear(COLORS[stance]), np.ones(3)) >= 3.0


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_stance_colours_stay_apart_under_colour_vision_deficiencies(deficiency: str) -> None:
    seen = {s: lab(np.clip(DEFICIENCIES[deficiency] @ linear(COLORS[s]), 0, 1)) for s in STANCES}
    closest = min(float(np.linalg.norm(seen[a] - seen[b])) for a, b in itertools.combinations(STANCES, 2))
    assert closest >= 20, closest  # CIE76 delta E: clearly different colours


def test_stance_colours_stay_visible_and_apart_on_a_washed_out_projector() -> None:
    # A projector in a lit room: every colour mixed 30% with white (in linear light).
    washed = {s: 0.7 * linear(COLORS[s]) + 0.3 for s in STANCES}
    closest = min(float(np.linalg.norm(lab(washed[a]) - lab(washed[b]))) for a, b in itertools.combinations(STANCES, 2))
    assert closest >= 10, closest
    # Every mark still stands out from the white page (the first palette's "+" fell to 1.5:1 here).
    assert min(contrast(washed[s], np.ones(3)) for s in STANCES) >= 1.9
