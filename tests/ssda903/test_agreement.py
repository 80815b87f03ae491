"""The pandas reference (bench/reference_pandas.py, the oracle) and analyse agree on generated data."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date

import pytest

from homeward.ssda903 import analyse, load
from homeward.ssda903.synth import write_years
from tests.ssda903.helpers import REPO


def _bench_module(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth")
    write_years(folder, children=3000, years=6, seed=11)
    return folder


@pytest.mark.parametrize("as_of", [None, date(2022, 9, 30)])
def test_reference_and_analyse_agree(generated, as_of):
    pytest.importorskip("lifelines")
    reference = _bench_module("reference_pandas")
    compare = _bench_module("ssda903_national").compare
    want = reference.run([generated], as_of)
    got = analyse(load([generated]), as_of=as_of).as_dict()
    assert want["re_entry"]["returns"] > 100  # enough returns home for the comparison to mean something
    assert compare(got, want) == []
