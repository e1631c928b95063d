"""End-to-end: every notebook in a real browser, the way a learner uses it.

JupyterLab is started the README's way (``make lab``) on 127.0.0.1, and
Debian's Chromium is driven by playwright (no browser download). For each
notebook: open it, wait until its kernel is connected and idle (polled through
the server's API, since the page's indicator turns idle before the kernel is
ready), run all cells, check no cell shows an error, answer a quiz question
wrongly then rightly and read the feedback, use a hint, and run a Try-it task
with its model solution. Screenshots go to ``test-artifacts/browser/``.

Run with ``make test-browser`` (``.ci/run`` does). Autosave is switched off
and the notebooks are checked unchanged afterwards: the test never edits them.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from lessons.data import PROJECT_ROOT
from lessons.notebooks import course_notebooks
from lessons.quiz import Quiz

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("LESSONS_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update"]
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "browser"
NOTEBOOKS = course_notebooks(PROJECT_ROOT / "notebooks")
TOKEN = "lessons-browser-test"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None


def _skip_reason() -> str | None:
    if sync_playwright is None:
        return "playwright is not installed (pip install -e '.[browser]', or make test-browser)"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set LESSONS_CHROMIUM)"
    return None


if _skip_reason():
    pytest.skip(_skip_reason(), allow_module_level=True)


SCREENSHOTS = PROJECT_ROOT / "docs" / "img"


def _shot(target, name: str) -> None:
    """A PNG test artifact; with LESSONS_UPDATE_SCREENSHOTS=1 also a small JPEG for the README."""
    path = ARTIFACTS / f"{name}.png"
    target.screenshot(path=str(path))
    if os.environ.get("LESSONS_UPDATE_SCREENSHOTS") == "1":
        from PIL import Image

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        image = Image.open(path).convert("RGB")
        image.thumbnail((900, 900))
        image.save(SCREENSHOTS / f"{name}.jpg", quality=70, optimize=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _digest(paths) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


class Lab:
    def __init__(self, base: str, proc: subprocess.Popen, log: Path):
        self.base, self.proc, self.log = base, proc, log

    def api(self, path: str, method: str = "GET"):
        req = urllib.request.Request(f"{self.base}{path}", method=method,
                                     headers={"Authorization": f"token {TOKEN}"})
        with urllib.request.urlopen(req, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def session(self, nb_path: str) -> dict | None:
        return next((s for s in self.api("/api/sessions") if s["path"] == nb_path), None)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lab")
    settings = tmp / "settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)
    (settings / "plugin.jupyterlab-settings").write_text('{"autosave": false}')
    news = tmp / "settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(tmp / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
           "LESSONS_PROGRESS": str(tmp / "progress.json")}
    port = _free_port()
    log = tmp / "lab.log"
    args = (f"--no-browser --ip=127.0.0.1 --port={port} --ServerApp.token={TOKEN} "
            "--ServerApp.open_browser=False")
    before = _digest(NOTEBOOKS)
    with open(log, "w") as out:
        proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"],
                                cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    server = Lab(f"http://127.0.0.1:{port}", proc, log)
    deadline = time.monotonic() + 180
    while True:
        try:
            server.api("/api/status")
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.5)
    yield server
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    assert _digest(NOTEBOOKS) == before, "the browser test changed a notebook on disk"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def _wait_kernel_idle(lab: Lab, nb_path: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        s = lab.session(nb_path)
        if s and s["kernel"]["execution_state"] == "idle" and s["kernel"]["connections"] > 0:
            return s
        time.sleep(0.3)
    raise AssertionError(f"kernel for {nb_path} never became idle and connected")


def _wait_all_run(page, lab: Lab, nb_path: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    time.sleep(1)
    while time.monotonic() < deadline:
        busy = page.locator(".jp-InputPrompt:has-text('[*]')").count()
        pending = page.locator(".jp-InputPrompt:has-text('[ ]')").count()
        if busy == 0 and pending == 0 and lab.session(nb_path)["kernel"]["execution_state"] == "idle":
            return
        time.sleep(0.5)
    raise AssertionError(f"{nb_path}: cells still running after {timeout} s")


def _run_menu(page, command: str) -> None:
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator(f"li[data-command='{command}']").first.click()


def _answer_quiz(page, stem: str) -> str:
    quiz = Quiz.from_bank(stem, save_progress=False)
    q = next(q for q in quiz if q.kind in ("single", "truefalse", "numeric"))
    box = page.locator(f".lessons-q-{q.id}")
    box.scroll_into_view_if_needed()
    feedback = box.locator(".lessons-feedback")

    def answer(right: bool) -> str:
        if q.kind == "numeric":
            value = q.correct_answer if right else q.correct_answer * 3 + 1000
            field = box.locator("input[type='text']")
            field.fill(f"{value:g}")
            field.press("Tab")  # as a learner would leave the box before clicking Check
        else:
            choices = q.choices()
            correct = (choices.index(q.correct_answer) if q.kind == "single"
                       else choices.index(q.answer_text()))
            pick = correct if right else next(i for i in range(len(choices)) if i != correct)
            box.locator(".widget-radio-box label").nth(pick).click()
        box.locator(".lessons-check").click()
        mark = "✓" if right else "✗"
        page.wait_for_function(f"(el) => el.textContent.includes('{mark}')",
                               arg=feedback.element_handle(), timeout=20000)
        return feedback.inner_text()

    wrong = answer(False)
    assert "✗" in wrong, wrong
    right = answer(True)
    assert "✓" in right, right
    hinted = next(x for x in quiz if x.hint)
    hbox = page.locator(f".lessons-q-{hinted.id}")
    hbox.locator(".lessons-hint").click()
    page.wait_for_function("(el) => el.textContent.includes('Hint')",
                           arg=hbox.locator(".lessons-hint-box").element_handle(), timeout=20000)
    return q.id


def _try_it(page, stem: str) -> None:
    module = importlib.import_module(f"lessons.tasks.{stem.split('_', 1)[1]}")
    task = module.task1
    cell = page.locator(".jp-CodeCell", has=page.locator(".jp-InputArea",
                                                          has_text="task1.check(")).first
    cell.scroll_into_view_if_needed()
    editor = cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text("import pandas as pd\n" + task.solution_code + "\ntask1.check(answer)")
    page.keyboard.press("Shift+Enter")
    output = cell.locator(".jp-OutputArea-output")
    page.wait_for_function("(el) => el && el.textContent.includes('Correct')",
                           arg=output.first.element_handle(timeout=60000), timeout=60000)
    assert "✓ Correct." in output.first.inner_text()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_its_quiz_and_tasks_work_in_the_browser(lab, browser, path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    nb_path = f"notebooks/{path.name}"
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    try:
        page.goto(f"{lab.base}/lab/tree/{nb_path}?reset&token={TOKEN}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=120000)
        _wait_kernel_idle(lab, nb_path)
        _run_menu(page, "runmenu:run-all")
        _wait_all_run(page, lab, nb_path)
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
                              has_text="Traceback")
        assert errors.count() == 0, errors.first.inner_text()[:2000]
        assert page.locator(".lessons-quiz-view").count() == 1, "the quiz widget did not render"
        qid = _answer_quiz(page, path.stem)
        _shot(page.locator(f".lessons-q-{qid}"), f"{path.stem}-quiz")
        if not path.stem.startswith("00_"):
            _try_it(page, path.stem)
        else:
            report = page.locator(".jp-CodeCell", has=page.locator(".jp-InputArea",
                                                                    has_text="progress_report()")).first
            report.locator(".cm-content").click()
            page.keyboard.press("Shift+Enter")
            page.wait_for_function("(el) => el.textContent.includes('answered')",
                                   arg=report.locator(".jp-OutputArea").element_handle(), timeout=60000)
            _shot(report, "00_start_here-progress")
        _shot(page, path.stem)
    finally:
        session = lab.session(nb_path)
        page.close()
        if session:
            lab.api(f"/api/sessions/{session['id']}", method="DELETE")


def test_static_html_rendering_shows_quiz_answers_folded(browser, tmp_path):
    from nbconvert import HTMLExporter

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = PROJECT_ROOT / "notebooks" / "02_trade.ipynb"
    body, _ = HTMLExporter().from_filename(str(source))
    html = tmp_path / "02_trade.html"
    html.write_text(body, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.goto(html.as_uri())
    quiz = page.locator(".lessons-quiz").first
    quiz.scroll_into_view_if_needed()
    answers = quiz.locator("details")
    assert answers.count() >= 6
    first_answer = quiz.locator("details:has(summary:text-is('Answer'))").first
    assert not first_answer.locator("p").first.is_visible()  # folded until opened
    first_answer.locator("summary").click()
    assert first_answer.locator("p").first.is_visible()
    assert page.locator("img[src^='data:image/png']").count() >= 1
    page.set_viewport_size({"width": 1000, "height": 700})
    _shot(quiz.locator("li.lessons-q").first, "static-quiz")
    page.close()
    shutil.copy(html, ARTIFACTS / "02_trade.html")
