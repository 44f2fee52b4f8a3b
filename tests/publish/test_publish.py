"""One build at a time, staged folders, site and index published together, leftovers cleaned.

Real `kb build` processes run at the same time on one site and index; killed builds are
simulated by what they leave on disk (their staging folders, a half-done publication).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kbtest import REPO, Project

from generator.build import build
from generator.publish import BuildLock, LockTimeout, Release, publish, recover
from generator.publish.lock import lock_path
from generator.publish.versions import as_version, journal_path, staging_dir, switch

KB = Path(sys.executable).parent / "kb"
CONFIG = REPO / "mkdocs.yml"


def small(project: Project, n: int = 3) -> Project:
    project.base()
    project.write("about.md", "# ความเป็นมา\n\nข้อความ\n")
    for i in range(n):
        project.write(f"circulars/c{i}.yml", f"title: หนังสือเวียนที่ {i}\nnumber: ว {i}\n"
                      "date: 2553-01-19\nissuer: ก.พ.ร.\n")  # fmt: skip
    return project


def kb_build(project: Project, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(KB), "build", "--content", "content", "--site", "site", "--index", "index",
         "--config", str(CONFIG), *extra],
        cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def hidden(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("."))


def dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_two_builds_at_once_both_succeed_one_after_the_other(project):
    small(project)
    first = kb_build(project)
    time.sleep(0.3)
    second = kb_build(project)
    out1, err1 = first.communicate(timeout=300)
    out2, err2 = second.communicate(timeout=300)
    assert first.returncode == 0, out1 + err1
    assert second.returncode == 0, out2 + err2
    waited = [err for err in (err1, err2) if "waiting" in err]
    assert len(waited) == 1, (err1, err2)
    pid = first.pid if waited[0] is err2 else second.pid
    assert f"kb: another build of site is running (pid {pid}); waiting" in waited[0]
    for name in ("index.html", "404.html", "sitemap.xml", "assets", "circulars/c2/index.html"):
        assert (project.site / name).exists(), name
    assert (project.index / "labels.json").is_file()
    versions = [n for n in hidden(project.root) if ".v-" in n]
    assert len([n for n in versions if n.startswith(".site.")]) == 2
    assert not [n for n in hidden(project.root) if ".new-" in n or ".link-" in n]


def test_a_build_waits_for_the_lock_then_gives_up_with_a_clear_message(project):
    small(project, 1)
    with BuildLock([project.site.absolute()], wait=1):
        started = time.monotonic()
        with pytest.raises(LockTimeout) as caught:
            build(project.content, project.site, project.index, CONFIG, wait=0.5)
        assert 0.5 <= time.monotonic() - started < 5
    assert str(caught.value) == (f"another build of site is still running (pid {os.getpid()}) "
                                 "after 0.5 s; try again when it has finished")  # fmt: skip
    assert not project.site.exists() and not project.index.exists()


def test_the_command_says_it_was_not_built_when_the_lock_is_held(project):
    small(project, 1)
    with BuildLock([project.index.absolute()]):
        run = kb_build(project, "--wait", "0.3")
        out, err = run.communicate(timeout=120)
    assert run.returncode == 1
    assert err.splitlines() == [
        f"kb: another build of index is running (pid {os.getpid()}); waiting",
        f"kb build: another build of index is still running (pid {os.getpid()}) after 0.3 s; "
        "try again when it has finished",
        "not built: site and index are as they were",
    ]  # fmt: skip


def test_lock_of_a_killed_build_is_free_at_once(project):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from generator.publish import BuildLock\n"
        f"with BuildLock([__import__('pathlib').Path({str(project.site)!r})]):\n"
        "    print('held', flush=True); time.sleep(60)")], stdout=subprocess.PIPE, text=True,
        cwd=REPO)  # fmt: skip
    assert holder.stdout.readline().strip() == "held"
    assert lock_path(project.site).read_text().strip() == str(holder.pid)
    holder.kill()
    holder.wait()
    with BuildLock([project.site], wait=0):
        assert lock_path(project.site).read_text().strip() == str(os.getpid())


def test_next_build_removes_what_killed_builds_left(project):
    small(project, 1)
    assert build(project.content, project.site, project.index, CONFIG) == []
    pid = dead_pid()
    for name in (f".site.new-{pid}-1", f".index.new-{pid}-2"):
        (project.root / name).mkdir()
        (project.root / name / "index.html").write_text("half")
    (project.root / f".site.link-{pid}-3").symlink_to("nowhere")
    alive = project.root / f".site.new-{os.getppid()}-4"  # a running build's own: kept
    alive.mkdir()
    assert build(project.content, project.site, project.index, CONFIG) == []
    left = hidden(project.root)
    assert [n for n in left if ".new-" in n or ".link-" in n] == [alive.name]
    assert (project.site / "circulars" / "c0" / "index.html").is_file()


def test_a_publication_killed_halfway_is_completed_by_the_next_build(project):
    """Killed after the index was switched but before the site: never left mixed."""
    small(project, 1)
    assert build(project.content, project.site, project.index, CONFIG) == []
    old_site = project.site.resolve()
    new_site = staging_dir(project.site)
    (new_site / "index.html").write_text("the new build")
    new_index = staging_dir(project.index)
    (new_index / "labels.json").write_text("{}")
    releases = [Release(project.index.absolute(), as_version(new_index, project.index)),
                Release(project.site.absolute(), as_version(new_site, project.site))]
    journal = journal_path(project.site)
    journal.write_text(json.dumps({"releases": [[str(r.target), str(r.version)]
                                               for r in releases]}))  # fmt: skip
    switch(releases[0].version, releases[0].target)  # … and here the build was killed
    assert project.site.resolve() == old_site
    recover(project.site, [project.site, project.index])
    assert project.index.resolve() == releases[0].version
    assert project.site.resolve() == releases[1].version
    assert (project.site / "index.html").read_text() == "the new build"
    assert not journal.exists()


def test_a_half_written_journal_is_dropped_and_nothing_switched(project):
    small(project, 1)
    assert build(project.content, project.site, project.index, CONFIG) == []
    site, index = project.site.resolve(), project.index.resolve()
    journal_path(project.site).write_text('{"releases": [["')
    recover(project.site, [project.site, project.index])
    assert (project.site.resolve(), project.index.resolve()) == (site, index)
    assert not journal_path(project.site).exists()


def test_publish_switches_both_and_keeps_one_previous_version(project):
    root = project.root
    versions = []
    for n in range(3):
        staged = [staging_dir(root / "site"), staging_dir(root / "index")]
        for folder in staged:
            (folder / "n").write_text(str(n))
        releases = [Release(root / "site", as_version(staged[0], root / "site")),
                    Release(root / "index", as_version(staged[1], root / "index"))]
        publish(releases, journal_path(root / "site"))
        versions.append(releases)
        assert (root / "site" / "n").read_text() == (root / "index" / "n").read_text() == str(n)
    assert hidden(root) == sorted(r.version.name for rs in versions[1:] for r in rs)


def test_a_build_that_fails_while_the_projects_are_indexed_stops_their_writer(project,
                                                                              monkeypatch):
    from generator.search import index as index_module
    from generator.site import plugin

    project.base()
    project.write("plans/p.yml", """
        title: แผนปฏิบัติราชการกลุ่มจังหวัด
        kind: annual-action
        owner: groups/g1
        fiscal_years: [2557]
        strategies:
          - title: ยุทธศาสตร์ที่ 1
            projects:
              - {title: โครงการตลาดกลาง, budget: 300000}
              - {title: โครงการพัฒนาแหล่งน้ำ, budget: 500000}
        """)
    started = []

    class Watched(index_module.IndexBuild):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self.early.pid)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(index_module, "IndexBuild", Watched)
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 1)
    monkeypatch.setattr(index_module, "can_fork", lambda: True)
    monkeypatch.setattr(plugin, "render_site", broken)
    with pytest.raises(OSError, match="disk full"):
        problems = build(project.content, project.root / "site", project.root / "index", CONFIG)
        assert problems == []
    with pytest.raises(ChildProcessError):  # the child was stopped and waited for
        os.waitpid(started[0], os.WNOHANG)
    assert not (project.root / "site").exists() and not (project.root / "index").exists()
    assert hidden(project.root) == [".index.lock", ".site.lock"]  # (no staged folder)
