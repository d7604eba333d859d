"""``budgetwright copy``: plans move between a SQLite file and a PostgreSQL server, either
way, exactly and in one transaction on the receiving side."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import SAMPLE, run
from tests.stores import dump


def copy(*args: str) -> tuple[int, str, str]:
    done = run("copy", *args, db=Path("unused.db"))
    return done.returncode, done.stdout, done.stderr


def same_plan(a: str | Path, b: str | Path, plan: str, tmp_path: Path) -> None:
    """Both sides export the same plan file, summary, baselines and comparison."""
    for option in ("--json",):
        out_a, out_b = tmp_path / "a.budget.json", tmp_path / "b.budget.json"
        assert run("export", plan, option, str(out_a), db=a).returncode == 0
        assert run("export", plan, option, str(out_b), db=b).returncode == 0
        assert out_a.read_bytes() == out_b.read_bytes()
    for args in (("summary", plan, "--json"), ("baselines", plan, "--json")):
        sides = [json.loads(run(*args, db=db).stdout) for db in (a, b)]
        for side in sides:
            for baseline in side.get("baselines", []):
                baseline.pop("created_at", None)
        assert sides[0] == sides[1]


def test_plans_go_to_the_server_and_back_exactly(tmp_path: Path, pg_url: str) -> None:
    source = tmp_path / "mine.db"
    assert run("scenario", SAMPLE, "--name", "Rent instead", db=source).returncode == 0
    assert run("baseline", SAMPLE, "--name", "Approved v1", db=source).returncode == 0
    status, out, err = copy("--from", str(source), "--to", pg_url)
    assert status == 0, err
    assert "Copied 2 plan(s)" in out and "1 baselines" in out
    same_plan(source, pg_url, SAMPLE, tmp_path)
    same_plan(source, pg_url, "Rent instead", tmp_path)
    compared = [
        run("compare", SAMPLE, "--baseline", "Approved v1", "--json", db=db).stdout
        for db in (source, pg_url)
    ]
    assert json.loads(compared[0]) == json.loads(compared[1])
    scenario = [
        run("compare", SAMPLE, "Rent instead", "--json", db=db).stdout for db in (source, pg_url)
    ]
    assert json.loads(scenario[0]) == json.loads(scenario[1])
    back = tmp_path / "back.db"
    status, out, err = copy("--from", pg_url, "--to", str(back), "--plans", SAMPLE)
    assert status == 0, err
    assert "Copied 1 plan(s)" in out
    same_plan(source, back, SAMPLE, tmp_path)
    assert len(dump(back, ("catalogue_entry",))["catalogue_entry"]) == len(
        dump(source, ("catalogue_entry",))["catalogue_entry"]
    )


def test_a_plan_already_there_is_refused_unless_replaced(tmp_path: Path, pg_url: str) -> None:
    source = tmp_path / "mine.db"
    assert run("list", db=source).returncode == 0
    assert copy("--from", str(source), "--to", pg_url)[0] == 0
    before = dump(pg_url)
    status, out, err = copy("--from", str(source), "--to", pg_url)
    assert status == 2
    assert err.count("\n") == 1
    assert SAMPLE in err and "already has a plan of this name" in err and "--replace" in err
    assert dump(pg_url) == before
    status, out, err = copy("--from", str(source), "--to", pg_url, "--replace")
    assert status == 0, err
    assert "replacing 1" in out
    after = dump(pg_url, ("plan", "line"))
    assert len(after["plan"]) == 1 and len(after["line"]) == 33
    same_plan(source, pg_url, SAMPLE, tmp_path)


def test_copy_refuses_a_missing_source_and_leaves_no_file(tmp_path: Path) -> None:
    status, _out, err = copy("--from", str(tmp_path / "nope.db"), "--to", str(tmp_path / "x.db"))
    assert status == 2
    assert "names no database file" in err
    assert not (tmp_path / "x.db").exists()
    status, _out, err = copy("--from", str(tmp_path / "a.db"), "--to", "mysql://u@h/d")
    assert status == 2
    assert "not a database Budgetwright can open" in err


def test_the_side_not_named_is_the_db_database(tmp_path: Path, pg_url: str) -> None:
    source = tmp_path / "mine.db"
    assert run("list", db=source).returncode == 0
    done = run("copy", "--to", pg_url, db=source)  # --from is --db
    assert done.returncode == 0, done.stderr
    assert "Copied 1 plan(s)" in done.stdout
    same_plan(source, pg_url, SAMPLE, tmp_path)
    neither = run("copy", db=source)
    assert neither.returncode == 2 and "name --from, --to or both" in neither.stderr
