"""Packets for a whole class read back: bookmarks, names, order, duplex, keys, Dask."""

from __future__ import annotations

import csv
import re
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from studyprint.batch.jobs import InlineExecutor, each_in_order
from studyprint.batch.packet import build_packet, plan_packet
from studyprint.output import PACKET_MARK
from studyprint.products.quiz.generate import arrange, generate
from studyprint.read.deck import load_deck
from studyprint.read.manifest import load_manifest
from studyprint.render import QuizRequest, load_selection
from tests.helpers import run, sample_decks
from tests.test_quiz import check_version, pages_by_version

THERAPY = next(p for p in sample_decks() if p.stem == "therapy")
FIRST_NAMES = "Ana Ben Chloé Dmitri Emi Farah Gus Hana Ivan Jia Kofi Lea Mateo Nia Omar".split()


def make_packet(tmp_path: Path, students: int = 30, **extra: str) -> Path:
    """A manifest and roster in ``tmp_path``, with a copy of the therapy deck beside
    them (a manifest may only name files in its own folder)."""
    (tmp_path / THERAPY.name).write_bytes(THERAPY.read_bytes())
    with (tmp_path / "roster.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "id", "period"])
        for i in range(students):
            writer.writerow([f"{FIRST_NAMES[i % len(FIRST_NAMES)]} Student{i:02d}", 100 + i, 3])
    lines = {
        "title": '"Unit 8 packet"',
        "school": "Lincoln High",
        "decks": f"[{THERAPY.name}]",
        "include": "[sheet, glossary, cards, quiz]",
        "sheet": "{answers: end}",
        "cards": "{mode: fold}",
        "quiz": "{count: 12, types: [mc, tf, written], versions: 3, seed: 2026}",
        "roster": "roster.csv",
        "duplex": "true",
        **extra,
    }
    path = tmp_path / "unit8.yaml"
    path.write_text("".join(f"{k}: {v}\n" for k, v in lines.items() if v), encoding="utf-8")
    return path


def outline(reader: PdfReader) -> list[tuple[str, list[tuple[str, int]]]]:
    result = []
    items = reader.outline
    for index, item in enumerate(items):
        if isinstance(item, list):
            continue
        children = (
            items[index + 1]
            if index + 1 < len(items) and isinstance(items[index + 1], list)
            else []
        )
        result.append(
            (item.title, [(c.title, reader.get_destination_page_number(c)) for c in children])
        )
    return result


@pytest.fixture(scope="module")
def class_packet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("packet")
    manifest = make_packet(tmp)
    result = run("packet", str(manifest), "-o", str(tmp / "out"), "--jobs", "2", "--quiet")
    assert result.exit_code == 0, result.stderr
    return tmp / "out" / "unit8"


def test_one_bookmark_per_student_sections_in_order(class_packet: Path) -> None:
    reader = PdfReader(str(class_packet / "packet.pdf"))
    tree = outline(reader)
    assert len(tree) == 30
    names = [name for name, _ in tree]
    assert names[0] == "Ana Student00" and names[-1] == "Omar Student29"
    for _, sections in tree:
        assert [title for title, _ in sections] == [
            "Study guide",
            "Glossary",
            "Flashcards",
            "Practice quiz",
        ]
        pages = [page for _, page in sections]
        assert pages == sorted(pages)
        assert all(page % 2 == 0 for page in pages)  # index even: every section on a front side
    assert len(reader.pages) % 2 == 0
    assert reader.metadata is not None and reader.metadata.title == "Unit 8 packet"
    assert reader.metadata.author == "Lincoln High"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.page_labels[0] == "Ana Student00 1"


def test_fold_cards_and_the_glossary_have_blank_backs_in_a_duplex_packet(
    class_packet: Path,
) -> None:
    """Fold cards and the glossary's fold sheet are one-sided: in a duplex packet every
    page of theirs gets a blank back (cards 5-8 printed inside the fold of 1-4 before),
    and every section still starts on a front."""
    from tests.pagelint import sidedness

    for pdf in (class_packet / "packet.pdf", *sorted(class_packet.glob("students/*.pdf"))[:3]):
        assert sidedness(pdf, ["Flashcards", "Glossary"]) == [], pdf
    reader = PdfReader(str(class_packet / "packet.pdf"))
    cards = dict(outline(reader)[0][1])["Flashcards"]
    quiz = dict(outline(reader)[0][1])["Practice quiz"]
    backs = [(reader.pages[p].extract_text() or "").strip() for p in range(cards + 1, quiz, 2)]
    assert backs and backs == [""] * len(backs)


def test_each_student_named_in_their_quiz_and_header(class_packet: Path) -> None:
    reader = PdfReader(str(class_packet / "packet.pdf"))
    tree = outline(reader)
    for index, (name, sections) in enumerate(tree):
        quiz_start = dict(sections)["Practice quiz"]
        end = tree[index + 1][1][0][1] if index + 1 < len(tree) else len(reader.pages)
        first = re.sub(r"\s+", " ", reader.pages[quiz_start].extract_text() or "")
        assert re.search(rf"Name {re.escape(name)} Date", first), name
        assert re.search(r"Class/Period 3 Score", first), name  # the roster's period
        guide = re.sub(
            r"\s+", " ", reader.pages[dict(sections)["Study guide"]].extract_text() or ""
        )
        assert name in guide
        assert re.search(rf"Name {re.escape(name)} Date .*Class/Period 3", guide), name
        for page in range(quiz_start, end):
            assert name not in {n for n, _ in tree if n != name} & set(
                re.findall(r"[A-Z][a-zé]+ Student\d\d", reader.pages[page].extract_text() or "")
            )


def test_students_get_round_robin_versions_and_keys_match(class_packet: Path) -> None:
    with (class_packet / "assignments.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["version"] for r in rows[:6]] == ["A", "B", "C", "A", "B", "C"]
    assert {r["seed"] for r in rows} == {"2026"}
    students = sorted((class_packet / "students").iterdir())
    assert len(students) == 30
    for own, row in zip(students, rows, strict=True):
        assert row["name"].replace(" ", "-") in own.name
        reader = PdfReader(str(own))
        assert len(reader.pages) % 2 == 0
        (_, sections), *_ = outline(reader)
        quiz_page = reader.pages[dict(sections)["Practice quiz"]].extract_text() or ""
        found = re.findall(r"^Version ([A-Z]) · Quiz [2-9A-Z]{4}", quiz_page, re.M)
        assert found == [row["version"]]
        assert (
            "2026" not in quiz_page and "Seed" not in quiz_page
        )  # the seed stays with the teacher
    # one student end to end: every answer on the teacher's key is right for their printed quiz
    deck = load_deck(THERAPY)
    first, row = students[1], rows[1]
    versions = pages_by_version(first)
    checked = check_version(
        deck, first, class_packet / "keys.pdf", row["version"], versions[row["version"]]
    )
    assert checked == generate([deck], 12, ["mc", "tf", "written"], 2026).count >= 8


def test_every_students_quiz_is_the_one_the_teacher_key_grades(tmp_path: Path) -> None:
    """The invariant behind keys.pdf, on the plan (no PDFs): each student's quiz request
    arranges exactly the version that the teacher's key request arranges."""
    manifest = load_manifest(make_packet(tmp_path))
    plan = plan_packet(manifest, tmp_path / "parts")
    quizzes = [job.request for job in plan.jobs if isinstance(job.request, QuizRequest)]
    (keys,) = [q for q in quizzes if q.keys_only]
    students = [q for q in quizzes if not q.keys_only]
    assert len(students) == 30 and all(q.owner for q in students)
    assert keys.versions == ("A", "B", "C")

    def arranged(request: QuizRequest) -> dict[str, object]:
        decks, _, _, _ = load_selection(request.source)
        quiz = generate(decks, request.count, request.types, request.seed)
        return {letter: arrange(quiz, letter) for letter in request.versions}

    teacher = arranged(keys)
    for request, assignment in zip(students, plan.assignments, strict=True):
        assert request.versions == (assignment.version,)
        assert arranged(request) == {assignment.version: teacher[assignment.version]}


def test_per_student_versions(tmp_path: Path) -> None:
    manifest = make_packet(
        tmp_path, students=4, quiz="{count: 8, types: [mc, tf], versions: per-student, seed: 5}"
    )
    result = run("packet", str(manifest), "-o", str(tmp_path / "out"), "--jobs", "1", "--quiet")
    assert result.exit_code == 0, result.stderr
    with (tmp_path / "out" / "unit8" / "assignments.csv").open(encoding="utf-8") as handle:
        assert [r["version"] for r in csv.DictReader(handle)] == ["A", "B", "C", "D"]
    keys = " ".join(
        p.extract_text() or ""
        for p in PdfReader(str(tmp_path / "out" / "unit8" / "keys.pdf")).pages
    )
    assert all(f"Version {v}" in keys for v in "ABCD")  # the keys side by side


def test_dask_gives_the_same_bytes_as_the_local_pool(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    manifest = load_manifest(make_packet(tmp_path, students=5))
    local = build_packet(manifest, tmp_path / "local", InlineExecutor())
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # None still takes :8787, shared by parallel runs
            silence_logs=50,
        ) as cluster,
        distributed.Client(cluster.scheduler_address) as client,
    ):
        remote = build_packet(manifest, tmp_path / "dask", client.get_executor())
    assert [p.relative_to(local.folder) for p, _ in local.files] == [
        p.relative_to(remote.folder) for p, _ in remote.files
    ]
    for (a, _), (b, _) in zip(local.files, remote.files, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_scheduler_option_reaches_dask(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    manifest = make_packet(tmp_path, students=2)
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",  # None still takes :8787, shared by parallel runs
        silence_logs=50,
    ) as cluster:
        result = run(
            "packet",
            str(manifest),
            "-o",
            str(tmp_path / "out"),
            "--scheduler",
            cluster.scheduler_address,
            "--quiet",
        )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "unit8" / "packet.pdf").is_file()


def test_failing_job_names_manifest_student_and_section(tmp_path: Path) -> None:
    (tmp_path / "broken.png").write_bytes(b"not a picture")
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "title: D\nterms:\n  - term: A\n    definition: First.\n    image: broken.png\n"
        "  - term: B\n    definition: Second.\n",
        encoding="utf-8",
    )
    manifest = make_packet(
        tmp_path,
        students=2,
        decks=f"[{deck}]",
        include="[sheet, quiz]",
        quiz="{count: 3, types: [tf, written], seed: 1}",
    )
    result = run("packet", str(manifest), "-o", str(tmp_path / "out"), "--jobs", "1", "--quiet")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"error: {manifest} · Ana Student00 · sheet: {deck}:5:12: image"
    )
    assert not (tmp_path / "out").exists()  # made for the run, removed with it (issue 39)


def test_manifest_errors_are_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "title: Bad\ndecks: [nowhere.yaml]\ninclude: [sheet, poster]\nquiz: {count: 0}\n"
        "duplex: maybe\n",
        encoding="utf-8",
    )
    result = run("packet", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}:2:9: deck file 'nowhere.yaml' not found (paths are relative to the manifest)\n"
        f"{path}:3:18: 'poster' is not a section; use sheet, glossary, cards, quiz\n"
        f"{path}:4:15: 'count' must be at least 1 and at most 500, found 0\n"
        f"{path}:5:9: 'duplex' must be true or false, found 'maybe'\n"
    )


def test_roster_errors(tmp_path: Path) -> None:
    manifest = make_packet(tmp_path, students=3)
    (tmp_path / "roster.csv").write_text("name,id\nAna,1\n,2\nAna,1\n", encoding="utf-8")
    result = run("check", str(manifest))
    assert result.exit_code == 1
    roster = tmp_path / "roster.csv"
    assert result.stderr == (
        f"{roster}:3:1: a student with no name; fill it in or delete the row\n"
        f"{roster}:4:1: 'Ana' is listed twice (also line 2); "
        "give them different ids to tell them apart\n"
    )


def test_class_packet_without_roster(tmp_path: Path) -> None:
    manifest = make_packet(tmp_path, roster="", duplex="false")
    result = run("packet", str(manifest), "-o", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "out" / "unit8"
    assert sorted(p.name for p in folder.iterdir()) == [
        ".studyprint-packet",  # the folder is studyprint's to replace
        "assignments.csv",
        "keys.pdf",
        "packet.pdf",
        "quizzes.pdf",
    ]
    assert [name for name, _ in outline(PdfReader(str(folder / "packet.pdf")))] == [
        "Study guide",
        "Glossary",
        "Flashcards",
        "Practice quiz",
    ]
    assert set(pages_by_version(folder / "quizzes.pdf")) == {"A", "B", "C"}


def test_build_table_matches_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("build", "--quiet", "--jobs", "2")  # no ./content here: the bundled samples
    assert result.exit_code == 0, result.stderr
    table, advice = result.stdout.split("\nWhat to print, from ")
    assert advice.splitlines()[0] == "out:"
    lines = table.splitlines()
    assert lines[0].split() == ["file", "pages", "time"]
    rows = [line.split() for line in lines[1:-1]]
    assert re.fullmatch(rf"made {len(rows)} files, \d+ pages in [\d.]+ s", lines[-1])
    made = set()
    for row in rows:
        path = tmp_path / row[0]
        assert path.is_file(), row[0]
        made.add(path)
        if path.suffix == ".pdf":
            assert len(PdfReader(str(path)).pages) == int(row[1]), row[0]
    on_disk = {p for p in (tmp_path / "out").rglob("*") if p.is_file() and p.name != PACKET_MARK}
    assert on_disk == made
    for deck in sample_decks():
        for name in ("guide.pdf", "glossary.pdf", "cards.pdf", "quiz.pdf", "quiz-key.pdf"):
            assert (tmp_path / "out" / deck.parent.name / deck.stem / name) in made
    assert (tmp_path / "out" / "packets" / "psychology-unit8" / "packet.pdf") in made


def test_manifest_quiz_ask_and_repeats(tmp_path: Path) -> None:
    manifest = make_packet(
        tmp_path,
        students=2,
        include="[quiz]",
        quiz="{count: 20, types: [mc, written], ask: definition, allow_repeats: yes, seed: 3}",
    )
    loaded = load_manifest(manifest)
    assert loaded.quiz.ask == "definition" and loaded.quiz.allow_repeats
    plan = plan_packet(loaded, tmp_path / "parts")
    request = next(job.request for job in plan.jobs if isinstance(job.request, QuizRequest))
    assert request.ask == "definition" and request.allow_repeats
    decks, _, _, _ = load_selection(request.source)
    quiz = generate(decks, request.count, request.types, request.seed, ask="definition",
                    allow_repeats=True)  # fmt: skip
    assert quiz.count == 20
    version = arrange(quiz, "A")
    assert {q.mode for q in version.questions} <= {"pick-definition", "ask-definition", "authored"}
    bad = make_packet(tmp_path, quiz="{ask: sideways}")
    result = run("check", str(bad))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{bad}:7:13: 'ask' must be one of term, definition, both, found 'sideways'\n"
    )


class _Counting(Executor):
    """An executor that runs nothing until asked, counting jobs handed to it."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted += 1
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def test_a_school_of_jobs_is_handed_out_a_window_at_a_time() -> None:
    """Thousands of jobs are not all queued at once (each holds its request until
    its result is used): at most ``ahead`` beyond the one awaited, results in order."""
    executor = _Counting()
    seen: list[int] = []
    for value in each_in_order(abs, [-n for n in range(5000)], executor, ahead=40):
        seen.append(value)
        assert executor.submitted <= len(seen) + 40
    assert seen == list(range(5000))
    assert executor.submitted == 5000


def test_stopping_early_submits_no_more() -> None:
    executor = _Counting()
    results = each_in_order(abs, list(range(1000)), executor, ahead=10)
    assert [next(results) for _ in range(3)] == [0, 1, 2]
    results.close()
    assert executor.submitted <= 14


def test_a_failure_while_bundling_stops_the_workers_before_the_scratch_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while the main process bundles (the workers still drawing the
    next students) removed the scratch folder while the workers went on writing
    parts into it: a part made during the removal kept the folder alive. The
    workers must be gone before the folder is removed."""
    import errno

    from studyprint.batch import bundle
    from studyprint.batch import packet as packet_module
    from studyprint.batch.jobs import make_executor

    manifest = load_manifest(make_packet(tmp_path, students=12))
    added = [0]
    real_add = bundle.Bundler.add

    def filling(self: bundle.Bundler, *args: Any) -> None:
        added[0] += 1
        if added[0] > 4:  # the second student: the workers are well ahead
            raise OSError(errno.ENOSPC, "No space left on device")
        real_add(self, *args)

    executor, close = make_executor(2)
    alive_at_removal: list[int] = []
    real_rmtree = packet_module.shutil.rmtree

    def removing(path: Any, ignore_errors: bool = False) -> None:
        workers = (getattr(executor, "_processes", None) or {}).values()
        alive_at_removal.extend(w.pid for w in workers if w.is_alive())
        real_rmtree(path, ignore_errors=ignore_errors)

    monkeypatch.setattr(bundle.Bundler, "add", filling)
    monkeypatch.setattr(packet_module.shutil, "rmtree", removing)
    try:
        with pytest.raises(OSError):
            build_packet(manifest, tmp_path / "out", executor)
    finally:
        close()
    assert alive_at_removal == []
    assert not (tmp_path / "out").exists()  # made for the run, removed with it (issue 39)


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_bundled_duplex_packet_passes_the_lint(tmp_path: Path, paper: str) -> None:
    """The sample packet (duplex) on Letter and A4: every part of every student on a
    front, one-sided parts with blank backs, and every page fit to hand out (no overlap,
    nothing in the margin, none mostly empty but a part's last)."""
    import shutil

    from studyprint.resources import content_dir
    from tests.pagelint import lint, sidedness

    content = tmp_path / "content"
    shutil.copytree(content_dir(), content)
    manifest = content / "packets" / "psychology-unit8.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + f"paper: {paper}\n",
                        encoding="utf-8")  # fmt: skip
    made = run("packet", str(manifest), "--allow-path", str(content / "psychology"), "-o",
               str(tmp_path / "out"), "--quiet")  # fmt: skip
    assert made.exit_code == 0, made.stderr
    packet = tmp_path / "out" / "psychology-unit8" / "packet.pdf"
    assert sidedness(packet, ["Flashcards", "Glossary"]) == []
    faults = lint(packet, min_size=6.0, depth=1)
    assert faults == [], [str(f) for f in faults]
