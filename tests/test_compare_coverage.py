"""Per-area shares say what they are over: a host profile covers its country's projects
only, and a chart printed or projected has no tooltip to read values from."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from checker.report.html_charts import area_bars
from tests.conftest import ROOT, Completed

Run = Callable[..., Completed]
PROJECTS = ROOT / "projects"


def _kazakh_files() -> int:
    return sum(
        1
        for path in PROJECTS.glob("*.yaml")
        if re.search(r"^countr(y|ies):.*\bKZ\b", path.read_text(encoding="utf-8"), re.M)
    )


def test_the_area_table_says_how_many_projects_each_profile_covers(govcheck: Run) -> None:
    done = govcheck("compare", str(PROJECTS), "-p", "eu", "-p", "host-kz")
    assert done.code in (0, 1), done.err
    total = len(list(PROJECTS.glob("*.yaml")))
    [row] = [line for line in done.out.splitlines() if line.strip().startswith("projects ")]
    covered = re.findall(r"(\d+) of (\d+)", row)
    assert covered[0] == (str(total), str(total))
    kazakh = int(covered[1][0])
    assert covered[1][1] == str(total)
    assert 0 < kazakh < total
    assert kazakh == _kazakh_files()


def test_the_area_bars_print_each_value_and_the_coverage(govcheck: Run, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    done = govcheck(
        "compare", str(PROJECTS), "-p", "eu", "-p", "host-kz", "-f", "html", "-o", str(page)
    )
    assert done.code in (0, 1), done.err
    html = page.read_text(encoding="utf-8")
    chart = html[html.index('class="bars"') : html.index("</svg>", html.index('class="bars"'))]
    tooltips = re.findall(r"<title>([^<]*): ([^<]*)</title>", chart)
    printed = re.findall(r'<text class="value"[^>]*>([^<]*)</text>', chart)
    assert len(printed) == len(tooltips) > 0
    for (_label, said), shown in zip(tooltips, printed, strict=True):
        assert shown == ("n/a" if said == "not applicable" else said)
    total = len(list(PROJECTS.glob("*.yaml")))
    assert f"host-kz ({_kazakh_files()} of {total} projects)" in chart
    assert "eu (" not in chart


def test_a_chart_of_profiles_covering_every_project_names_them_plainly() -> None:
    from checker import load_catalogue
    from checker.checking import check
    from checker.compare import compare
    from checker.profiles import resolve_profile

    catalogue = load_catalogue()
    profiles = [resolve_profile(catalogue, name) for name in ("eu", "minimal")]
    run = check([PROJECTS / "kg-bishkek-safe-city.yaml"], profiles)
    chart = area_bars(compare(run))
    assert ">eu</text>" in chart
    assert ">minimal</text>" in chart
    assert " of 1 projects" not in chart
