"""The nightly rebuild: the script publishes or leaves the old site in place, the timer fires at 00:05 London time."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from tests.conftest import REPO
from tests.sitecopy import copy_default_site

DEPLOY = REPO / "deploy"
LONDON = ZoneInfo("Europe/London")


def rebuild(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STOPHATE_ROOT": str(root), "STOPHATE_OUT": str(out), "STOPHATE_PYTHON": sys.executable}
    return subprocess.run([str(DEPLOY / "rebuild.sh")], env=env, capture_output=True, text=True, timeout=180)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_failed_rebuild_says_so_and_leaves_the_last_good_site(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "content")
    out = tmp_path / "www" / "site"
    first = rebuild(root, out)
    assert first.returncode == 0, first.stderr
    today = dt.datetime.now(LONDON).date().isoformat()
    assert first.stdout.strip().endswith(f"stophate-rebuild: published {out} for {today}")
    assert (out / "index.html.gz").is_file() and (out / "index.html.br").is_file()
    published = snapshot(out)

    config = root / "site.yaml"
    config.write_text(config.read_text().replace("base_url: https://", "base_url: http://", 1))
    failed = rebuild(root, out)
    assert failed.returncode == 1
    last_line = failed.stderr.strip().splitlines()[-1]
    assert last_line == (f"stophate-rebuild: FAILED with exit code 1: nothing was published, {out} still holds "
                         "the last good site")
    line = next(n for n, text in enumerate(config.read_text().splitlines(), 1) if text.startswith("base_url:"))
    assert f"site.yaml:{line}:" in failed.stdout + failed.stderr  # the build's own report says what to fix
    assert snapshot(out) == published
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]  # no half-made folder left beside it


def test_wrong_settings_fail_with_the_builds_own_code(tmp_path: Path) -> None:
    root = copy_default_site(tmp_path / "content")
    result = rebuild(root, root)  # publishing over the content itself is refused
    assert result.returncode == 2
    assert "FAILED with exit code 2" in result.stderr


def test_the_timer_fires_at_five_past_midnight_london_time() -> None:
    timer = (DEPLOY / "stophate-rebuild.timer").read_text()
    assert "\nOnCalendar=*-*-* 00:05:00 Europe/London\n" in timer
    assert "\nPersistent=true\n" in timer
    service = (DEPLOY / "stophate-rebuild.service").read_text()
    assert "\nType=oneshot\n" in service and "\nExecStart=/srv/stophate/deploy/rebuild.sh\n" in service
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed: the timer's calendar was checked as text only")
    result = subprocess.run([analyze, "calendar", "--iterations=3", "*-*-* 00:05:00 Europe/London"],
                            capture_output=True, text=True, env={**os.environ, "TZ": "UTC"}, timeout=30)
    assert result.returncode == 0, result.stderr
    elapses = [line.split(":", 1)[1].strip() for line in result.stdout.splitlines()
               if "elapse:" in line.lower() or line.strip().startswith("Iter.")]
    assert len(elapses) == 3
    for text in elapses:
        when = dt.datetime.strptime(text, "%a %Y-%m-%d %H:%M:%S UTC").replace(tzinfo=dt.UTC)
        assert when.astimezone(LONDON).strftime("%H:%M") == "00:05", text


def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    service = (DEPLOY / "stophate-rebuild.service").read_text()
    # the unit names the installed path; verify needs the script to exist, so point it at this checkout
    (tmp_path / "stophate-rebuild.service").write_text(
        service.replace("/srv/stophate/deploy/rebuild.sh", str(DEPLOY / "rebuild.sh")))
    shutil.copy(DEPLOY / "stophate-rebuild.timer", tmp_path)
    result = subprocess.run([analyze, "verify", "--man=no", "stophate-rebuild.timer", "stophate-rebuild.service"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "stophate-rebuild" not in result.stderr, result.stderr


def test_the_ci_schedule_reaches_five_past_midnight_in_london_every_day_of_the_year() -> None:
    workflow = yaml.safe_load((DEPLOY / "github-actions-nightly.yml").read_text())
    crons = [entry["cron"] for entry in workflow[True]["schedule"]]  # YAML 1.1 reads the key `on` as True
    times = []
    for cron in crons:
        minute, hour, *rest = cron.split()
        assert rest == ["*", "*", "*"], cron
        times.append(dt.time(int(hour), int(minute)))
    day = dt.date(2027, 1, 1)
    while day.year == 2027:  # every London day, both clock changes among them, has a run at 00:05 London time
        runs = [dt.datetime.combine(utc_day, time, tzinfo=dt.UTC).astimezone(LONDON)
                for utc_day in (day - dt.timedelta(days=1), day) for time in times]
        assert any(run.date() == day and run.strftime("%H:%M") == "00:05" for run in runs), day
        day += dt.timedelta(days=1)
    steps = workflow["jobs"]["rebuild"]["steps"]
    assert any(step.get("run") == "deploy/rebuild.sh" for step in steps)
