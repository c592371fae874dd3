"""Packets: every section for every student, rendered as jobs and bundled in order.

Planning (which jobs, which student gets which quiz version) is plain data;
rendering runs on an executor; bundling happens once every job has finished,
in a scratch folder, so a failed run leaves no half-written packet behind.
"""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from studyprint.batch.bundle import BundleMeta, Bundler, Part, open_part
from studyprint.batch.jobs import Job, JobResult, each_in_order, run_job
from studyprint.errors import OutputError
from studyprint.output import (
    PACKET_MARK,
    check_packet_folder,
    named,
    output_folder,
    remove_if_empty,
    safe_name,
    scratch_folder,
    spreadsheet_safe,
)
from studyprint.products.quiz.generate import new_seed
from studyprint.read.catalogue import load_words
from studyprint.read.deck import load_deck
from studyprint.read.manifest import Manifest, Student, load_roster
from studyprint.request import CardsRequest, QuizRequest, Request, Selection, SheetRequest
from studyprint.resources import shown_path
from studyprint.vocab import Section, version_letters


@dataclass(frozen=True, slots=True)
class Assignment:
    student: Student | None  # None: one packet for the whole class
    version: str
    folder_name: str  # the student's own PDF's name


@dataclass(slots=True)
class PacketPlan:
    manifest: Manifest
    seed: int
    assignments: list[Assignment]
    jobs: list[Job]
    parts: list[list[tuple[Section, str]]]  # per assignment: (section, job output)
    keys: str
    quizzes: str | None = None  # all versions, when there is no roster
    plan: Path | None = None  # the quiz plan with its answer sheets, for grading


@dataclass(slots=True)
class PacketResult:
    folder: Path
    files: list[tuple[Path, int]]  # (file, pages)
    seed: int
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _safe(name: str) -> str:
    return safe_name(name, "student")


def plan_packet(manifest: Manifest, scratch: Path, seed: int | None = None) -> PacketPlan:
    """Every job the packet needs, and who gets which quiz version."""
    students: list[Student | None] = (
        list(load_roster(manifest.roster)) if manifest.roster else [None]
    )
    quiz = manifest.quiz
    seed = quiz.seed if quiz.seed is not None else (seed if seed is not None else new_seed())
    if quiz.versions is None:
        letters = version_letters(len(students))
    else:
        cycle = version_letters(quiz.versions)
        letters = [cycle[i % len(cycle)] for i in range(len(students))]
    source = Selection(tuple(manifest.decks), allow=manifest.allow)

    def quiz_request(
        versions: tuple[str, ...],
        owner: str | None,
        keys_only: bool,
        period: str = "",
        owner_id: str = "",
        plan: Path | None = None,
    ) -> Request:
        return QuizRequest(
            source,
            seed=seed,
            count=quiz.count,
            types=quiz.types,
            versions=versions,
            key="none",
            keys_only=keys_only,
            points=quiz.points,
            title=quiz.title,
            ask=quiz.ask,
            allow_repeats=quiz.allow_repeats,
            strict=quiz.strict,
            layout=quiz.layout or manifest.layout,
            paper=manifest.paper,
            page_language=manifest.page_language,
            owner=owner,
            owner_period=period,
            owner_id=owner_id,
            answer_sheet=quiz.answer_sheet,
            plan=plan,
        )

    assignments: list[Assignment] = []
    jobs: list[Job] = []
    parts: list[list[tuple[Section, str]]] = []
    width = max(2, len(str(len(students))))  # 5,000 students: 0001- sorts before 0010-
    for index, (student, letter) in enumerate(zip(students, letters, strict=True), 1):
        name = student.name if student else None
        period = student.period if student else ""
        label_who = name or "class"
        folder_name = f"{index:0{width}d}-{_safe(name)}" if name else "class"
        assignments.append(Assignment(student, letter, folder_name))
        mine: list[tuple[Section, str]] = []
        for section in manifest.include:
            out = str(scratch / f"{index:0{width + 1}d}-{section}.pdf")
            label = f"{shown_path(manifest.path)} · {label_who} · {section}"
            request: Request
            if section in ("sheet", "glossary"):
                request = SheetRequest(
                    source,
                    style="guide" if section == "sheet" else "glossary",
                    answers=manifest.sheet_answers,
                    layout=(
                        manifest.sheet_layout if section == "sheet" else manifest.glossary_layout
                    )
                    or manifest.layout,
                    paper=manifest.paper,
                    page_language=manifest.page_language,
                    owner=name,
                    owner_period=period,
                )
            elif section == "cards":
                request = CardsRequest(
                    source,
                    mode=manifest.card_mode,
                    flip=manifest.card_flip,
                    front=manifest.card_front,
                    layout=manifest.card_layout,
                    paper=manifest.paper,
                    page_language=manifest.page_language,
                    owner=name,
                )
            else:
                number = student.id if student else ""
                request = quiz_request((letter,), name, False, period, number)
            jobs.append(Job(request, out, label))
            mine.append((section, out))
        parts.append(mine)
    used = list(dict.fromkeys(letters if manifest.roster else version_letters(quiz.versions or 1)))
    keys = str(scratch / "keys.pdf")
    label = f"{shown_path(manifest.path)} · teacher · keys"
    # with answer sheets, the teacher's plan file (the grader's key) comes with the keys
    plan = scratch / "plan.json" if quiz.answer_sheet and "quiz" in manifest.include else None
    jobs.append(Job(quiz_request(tuple(used), None, True, plan=plan), keys, label))
    quizzes = None
    if not manifest.roster and "quiz" in manifest.include and len(used) > 1:
        quizzes = str(scratch / "quizzes.pdf")
        label = f"{shown_path(manifest.path)} · class · all quiz versions"
        jobs.append(Job(quiz_request(tuple(used), None, keys_only=False), quizzes, label))
    return PacketPlan(manifest, seed, assignments, jobs, parts, keys, quizzes, plan)


def build_packet(
    manifest: Manifest,
    out_dir: Path,
    executor: Executor,
    progress: Callable[[int, int], None] | None = None,
    seed: int | None = None,
) -> PacketResult:
    """Render and bundle one manifest into ``out_dir/<manifest name>/``."""
    target = packet_folder(out_dir, manifest)
    output_folder(out_dir)
    _keep_inputs_out(manifest, target)
    check_packet_folder(target)
    scratch, made = scratch_folder(out_dir, f".{target.name}.")
    done: Generator[JobResult, None, None] | None = None
    finished = False
    try:
        plan = plan_packet(manifest, scratch / "parts", seed)
        (scratch / "parts").mkdir()
        done = each_in_order(run_job, list(plan.jobs), executor, progress)
        results: list[JobResult] = []
        files = _bundle(plan, scratch / "final", done, results)
        (scratch / "final" / PACKET_MARK).write_text(_MARK_TEXT, encoding="utf-8")
        # one swap: the whole new folder replaces the whole old one (a smaller roster
        # leaves no old student behind; keys always match their packet)
        if target.exists():
            os.replace(target, scratch / "previous")
        try:
            os.replace(scratch / "final", target)
        except OSError:
            if (scratch / "previous").exists():
                os.replace(scratch / "previous", target)
            raise
        placed = [(target / path.relative_to(scratch / "final"), pages) for path, pages in files]
        finished = True
    except OSError as exc:
        raise named(exc, target, scratch) from None
    finally:
        if done is not None:  # a failure while bundling (a full disk): stop the workers
            done.close()  # first, or they go on writing parts into the removed folder
        shutil.rmtree(scratch, ignore_errors=True)
        if not finished:
            remove_if_empty(made)
    warnings = list(dict.fromkeys(w for r in results for w in r.warnings))
    return PacketResult(target, placed, plan.seed, warnings, sum(r.seconds for r in results))


_MARK_TEXT = (
    "This folder is a packet made by studyprint. Making the packet again replaces the\n"
    "whole folder, so keep nothing of your own in it.\n"
)


def packet_folder(out_dir: Path, manifest: Manifest) -> Path:
    """Where a manifest's packet goes: a folder named after it, always inside ``out_dir``
    (a manifest called ``...yaml`` must not write into the parent)."""
    return out_dir / safe_name(manifest.path.stem, "packet")


def _keep_inputs_out(manifest: Manifest, target: Path) -> None:
    """The packet folder is replaced as a whole: nothing it must read may live in it."""
    inputs = [manifest.path, *manifest.decks, *([manifest.roster] if manifest.roster else [])]
    root = target.resolve()
    for path in inputs:
        if path.resolve().is_relative_to(root):
            raise OutputError(
                f"{path}: is inside the packet folder {target}, which a new packet replaces "
                "as a whole; keep it elsewhere or choose another -o"
            )


def _bundle(
    plan: PacketPlan, final: Path, done: Iterator[JobResult], results: list[JobResult]
) -> list[tuple[Path, int]]:
    """Bundle each student as soon as their sections are drawn (while the workers draw
    the next students'): their own PDF and their pages of the class's packet, each
    section read once for both. ``results`` collects every job's result."""
    manifest = plan.manifest
    final.mkdir(parents=True)
    (final / "students").mkdir()
    # the first student's sections first: a deck that cannot be drawn is reported by
    # its job (manifest, student, section), not by the deck read here for the words
    results += [next(done) for _ in plan.parts[0]]
    first = load_deck(manifest.decks[0], allow=manifest.allow) if manifest.decks else None
    words = load_words(manifest.page_language or (first.page_language if first else None) or "en")
    meta = BundleMeta(
        title=manifest.title,
        author=manifest.school or "studyprint",
        subject="Packet",
        language=first.language if first else None,
    )
    files: list[tuple[Path, int]] = []
    packet = final / "packet.pdf"
    with Bundler(packet, meta, manifest.duplex) as whole:
        for index, (assignment, parts) in enumerate(zip(plan.assignments, plan.parts, strict=True)):
            if index:  # jobs come a student at a time, in order
                results += [next(done) for _ in parts]
            sided = {r.out: r.one_sided for r in results[-len(parts) :]}  # this student's
            who = assignment.student.name if assignment.student else ""
            mine = [Part(Path(out), who, words(f"packet.{section}"), sided.get(out, False))
                    for section, out in parts]  # fmt: skip
            if assignment.student is None:
                for part in mine:
                    whole.add(part)
                continue
            own = final / "students" / f"{assignment.folder_name}.pdf"
            title = f"{manifest.title} · {who}"
            with Bundler(own, BundleMeta(title, meta.author, "Packet", meta.language),
                         manifest.duplex) as student:  # fmt: skip
                for part in mine:
                    opened = open_part(part.path)
                    student.add(part, opened)
                    whole.add(part, opened)
                files.append((own, student.close()))
        files.insert(0, (packet, whole.close()))
    results += list(done)  # the keys (and a class's quizzes)
    keys = final / "keys.pdf"
    shutil.copyfile(plan.keys, keys)
    pages_by_out = {r.out: r.pages for r in results}
    files.append((keys, pages_by_out[plan.keys]))
    if plan.plan is not None:  # what `studyprint grade --key` reads
        shutil.copyfile(plan.plan, final / "plan.json")
        files.append((final / "plan.json", 0))
    if plan.quizzes:
        quizzes = final / "quizzes.pdf"
        shutil.copyfile(plan.quizzes, quizzes)
        files.append((quizzes, pages_by_out[plan.quizzes]))
    assignments = final / "assignments.csv"
    with assignments.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "id", "period", "version", "seed"])
        for a in plan.assignments:
            s = a.student
            writer.writerow(
                [
                    spreadsheet_safe(s.name) if s else "(class)",
                    spreadsheet_safe(s.id) if s else "",
                    spreadsheet_safe(s.period) if s else "",
                    a.version,
                    plan.seed,
                ]
            )
    files.append((assignments, 0))
    if not any(a.student for a in plan.assignments):
        (final / "students").rmdir()
    return files
