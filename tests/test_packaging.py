"""The wheel carries rules/ and locales/, and an installed copy finds them (not the checkout)."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_installed_wheel_finds_its_own_rules_and_locales(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
    )
    [wheel] = tmp_path.glob("bounceinterp-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "bounceinterp/rules/status-codes.yaml" in names
    assert "bounceinterp/rules/reply-codes.yaml" in names
    assert any(n.startswith("bounceinterp/locales/") and n.endswith(".po") for n in names)
    assert not any(n.endswith(".mo") for n in names)
    assert "bounceinterp/py.typed" in names
    assert "bounceinterp/schema/report.schema.json" in names
    assert "bounceinterp/rules/prepared.pickle" in names  # built by hatch_build.py
    assert any(n.endswith(".data/data/share/man/man1/bounceinterp.1") for n in names)
    assert any(
        n.endswith(".data/data/share/bash-completion/completions/bounceinterp") for n in names
    )

    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
    )
    example = ROOT / "examples" / "forwarded_spf_fail.eml"
    probe = (
        "import json, sys, bounceinterp, bounceinterp.resources as r;"
        "print(r.rules_dir()); print(r.locales_dir());"
        f"print(json.dumps(bounceinterp.interpret(open({str(example)!r}, 'rb').read()).to_dict()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    rules, locales, report = result.stdout.splitlines()
    assert Path(rules) == site / "bounceinterp" / "rules"
    assert Path(locales) == site / "bounceinterp" / "locales"
    assert '"category": "spf_fail"' in report
