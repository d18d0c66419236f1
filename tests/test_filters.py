"""The filters as a template sees them: registered in the sandboxed environment, Vietnamese output."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from jinja2.sandbox import SecurityError

from conftest import REPO
from generator.render import Prose, make_environment


def render(source: str, **context) -> str:
    return make_environment(Prose()).from_string(source).render(**context)


@pytest.mark.parametrize("source, context, expected", [
    ("{{ n|so }}", {"n": 9737}, "9.737"),
    ("{{ n|thap_phan }}", {"n": 25.547}, "25,55"),
    ("{{ n|phan_tram }}", {"n": 99.93}, "99,9%"),
    ("{{ n|phan_tram(2) }}", {"n": 25.547}, "25,55%"),
    ("{{ n|doc_so }}", {"n": 2021}, "hai nghìn không trăm hai mươi mốt"),
    ("{{ n|tien_bang_chu }}", {"n": 1250000}, "Một triệu hai trăm năm mươi nghìn đồng"),
    ("{{ d|ngay }}", {"d": dt.date(2022, 12, 29)}, "29/12/2022"),
    ("{{ d|ngay_thang_nam }}", {"d": dt.date(2023, 2, 5)}, "ngày 05 tháng 02 năm 2023"),
    ("{{ k|ten_ky }}", {"k": {"loai": "quy", "nam": 2021, "so": 1}}, "quý I năm 2021"),
    ("{{ k|ten_ky('ngan') }}", {"k": {"loai": "quy", "nam": 2021, "so": 1}}, "quý I/2021"),
    ("{{ k|ten_ky }}", {"k": {"loai": "6thang", "nam": 2023, "so": None}}, "6 tháng đầu năm 2023"),
    ("{{ k|ten_ky }}", {"k": {"loai": "nam", "nam": 2022, "so": None}}, "năm 2022"),
    ("{{ n|la_ma }}", {"n": 4}, "IV"),
    ("{{ n|so_dem }}", {"n": 3}, "03"),
])
def test_filter_output(source, context, expected):
    assert render(source, **context) == expected


def test_every_filter_the_readme_lists_is_registered():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"Bộ lọc có sẵn: (.*?)\.\n", readme, re.S).group(1)
    names = set(re.findall(r"`(\w+)`", listed))
    assert names and names <= set(make_environment(Prose()).filters)


def test_data_is_escaped_not_evaluated():
    assert render("{{ x }}", x="{{ 7*7 }} <w:t>&") == "{{ 7*7 }} &lt;w:t&gt;&amp;"


@pytest.mark.parametrize("source", ["{{ ''.__class__.__mro__ }}", "{{ x.__init__.__globals__ }}",
                                    "{{ cycler.__init__.__globals__.os }}"])
def test_sandbox_refuses_python_internals(source):
    with pytest.raises(SecurityError, match="unsafe"):
        render(source, x=dt.date(2023, 1, 1))


@pytest.mark.parametrize("source, words", [
    ('{{ "x" * 100000000 }}', "giá trị quá lớn"),
    ("{{ [1] * 10**9 }}", "giá trị quá lớn"),
    ("{{ 2 ** 1000 }}", "lũy thừa quá lớn"),
    ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}", "vòng lặp quá dài"),
])
def test_a_template_cannot_build_huge_values_or_run_away(source, words):
    with pytest.raises(SecurityError, match=words):
        render(source)


def test_ordinary_template_arithmetic_still_works():
    assert render('{{ "-" * 3 }}{{ 2 ** 10 }}{% for k in range(3) %}{{ k }}{% endfor %}') == "---1024012"
