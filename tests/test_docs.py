"""The documentation a user reads holds: every relative link of README and docs/ resolves in a
clone, and the category list names every category."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bounceinterp.vocabulary import CATEGORIES

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    *(ROOT / name for name in ("README.md", "SECURITY.md", "CHANGELOG.md", "rules/README.md")),
    *sorted((ROOT / "docs").glob("*.md")),
]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(page):
    broken = [
        target
        for target in LINK.findall(page.read_text(encoding="utf-8"))
        if "://" not in target and not (page.parent / target).exists()
    ]
    assert broken == []


def test_no_page_points_outside_the_project():
    for page in [ROOT / "README.md", ROOT / "rules" / "README.md"]:
        assert "../shared" not in page.read_text(encoding="utf-8")


def test_the_category_page_lists_every_category():
    text = (ROOT / "docs" / "categories.md").read_text(encoding="utf-8")
    assert [c for c in CATEGORIES if f"| `{c}` |" not in text] == []
