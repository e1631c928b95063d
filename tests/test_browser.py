"""End-to-end: the notebooks in a real browser, the way a learner uses them.

JupyterLab is started the README's way (``make lab``) on 127.0.0.1, and Debian's
Chromium is driven by playwright (no browser download). For each notebook: open
it, wait until its kernel is connected and idle (polled through the server's API),
run all cells, check no cell shows an error and no hint is on screen, answer a quiz
question wrongly then rightly, and run a Try-it task with its model solution. A
learner's session is then replayed whole: answers, a hint, a reveal, an answer
after the reveal, a kernel restart and the notebook reopened, with the saved work
back on screen and in the export. Every question kind is answered with the keyboard
alone, and no key reaches JupyterLab's shortcuts. Screenshots go to
``test-artifacts/browser/``.

Run with ``make test-browser`` (``.ci/run`` does). Autosave is switched off and the
notebooks are checked unchanged afterwards: the test never edits them.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from lessons.data import PROJECT_ROOT
from lessons.markup import plain
from lessons.notebooks import course_notebooks
from lessons.quiz import Quiz, read_bank
from lessons.tasks import for_notebook

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("LESSONS_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update"]
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "browser"
NOTEBOOKS = course_notebooks(PROJECT_ROOT / "notebooks")
SCRATCH = PROJECT_ROOT / "notebooks" / "exercises"   # git-ignored: the keyboard test's notebook
FIXTURE_BANK = PROJECT_ROOT / "tests" / "fixtures" / "every_type.yaml"
TOKEN = "lessons-browser-test"
AXE = PROJECT_ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
# Course content: what the notebooks write (Markdown cells and cell outputs: quizzes,
# tables, charts, source lists). The rest of the page is JupyterLab's or nbconvert's own.
CONTENT = ".jp-OutputArea-output, .jp-RenderedMarkdown, .jp-MarkdownOutput"
FAILING_IMPACTS = ("critical", "serious")
GENERIC_ALT = {"", "image", "chart", "figure", "plot", "png", "no description has been provided for this image"}

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None


def _skip_reason() -> str | None:
    if sync_playwright is None:
        return "playwright is not installed (pip install -e '.[browser]', or make test-browser)"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set LESSONS_CHROMIUM)"
    if not AXE.exists():
        return f"no axe-core at {AXE} (npm ci --prefix tests/browser, as make test-browser does)"
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
    def __init__(self, base: str, proc: subprocess.Popen, log: Path, progress: Path):
        self.base, self.proc, self.log, self.progress = base, proc, log, progress

    def api(self, path: str, method: str = "GET"):
        req = urllib.request.Request(f"{self.base}{path}", method=method,
                                     headers={"Authorization": f"token {TOKEN}"})
        with urllib.request.urlopen(req, timeout=20) as response:
            body = response.read()
        return json.loads(body) if body else None

    def session(self, nb_path: str) -> dict | None:
        return next((s for s in self.api("/api/sessions") if s["path"] == nb_path), None)


def _start_lab(tmp: Path) -> Lab:
    settings = tmp / "settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)
    (settings / "plugin.jupyterlab-settings").write_text('{"autosave": false}')
    news = tmp / "settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    # every cell in the page (no virtual scrolling), so axe sees the whole notebook
    tracker = tmp / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    progress = tmp / "progress.json"
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(tmp / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"), "LESSONS_PROGRESS": str(progress)}
    port = _free_port()
    log = tmp / "lab.log"
    args = (f"--no-browser --ip=127.0.0.1 --port={port} --ServerApp.token={TOKEN} "
            "--ServerApp.open_browser=False")
    with open(log, "w") as out:
        proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"],
                                cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    lab = Lab(f"http://127.0.0.1:{port}", proc, log, progress)
    deadline = time.monotonic() + 180
    while True:
        try:
            lab.api("/api/status")
            return lab
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.5)


def _stop_lab(lab: Lab) -> None:
    os.killpg(lab.proc.pid, signal.SIGTERM)
    try:
        lab.proc.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(lab.proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    before = _digest(NOTEBOOKS)
    server = _start_lab(tmp_path_factory.mktemp("lab"))
    yield server
    _stop_lab(server)
    assert _digest(NOTEBOOKS) == before, "the browser test changed a notebook on disk"


@pytest.fixture
def fresh_lab(tmp_path_factory):
    """A lab with a progress file of its own (a learner's whole session)."""
    server = _start_lab(tmp_path_factory.mktemp("fresh-lab"))
    yield server
    _stop_lab(server)


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


def _open_and_run_all(page, lab: Lab, nb_path: str) -> None:
    page.goto(f"{lab.base}/lab/tree/{nb_path}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=120000)
    _wait_kernel_idle(lab, nb_path)
    _run_menu(page, "runmenu:run-all")
    _wait_all_run(page, lab, nb_path)
    page.wait_for_selector(".lessons-quiz-view", timeout=60000)


_AXE_RUN = """async ([content, failing]) => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  const found = [];
  for (const v of result.violations) {
    for (const node of v.nodes) {
      const el = document.querySelector(node.target[0]);
      found.push({rule: v.id, impact: v.impact, help: v.help,
                  content: !!(el && el.closest(content)), target: node.target.join(" "),
                  html: node.html.slice(0, 200)});
    }
  }
  return found;
}"""


def _axe(page, name: str) -> list[dict]:
    """Run axe-core on the page; write every finding to test-artifacts/browser/axe/NAME.json and
    return the critical and serious ones inside course content (the page's chrome is reported only)."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(_AXE_RUN, [CONTENT, list(FAILING_IMPACTS)])
    out = ARTIFACTS / "axe"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(found, indent=1), encoding="utf-8")
    return [f for f in found if f["content"] and f["impact"] in FAILING_IMPACTS]


def _axe_message(failing: list[dict]) -> str:
    return "axe-core found in course content:\n" + "\n".join(
        f"  {f['impact']} {f['rule']} ({f['help']}): {f['html']}" for f in failing[:15])


def _generic_alts(page) -> list[str]:
    """Chart images in course content whose alt text is missing or says nothing."""
    alts = page.evaluate("(content) => Array.from(document.querySelectorAll('img'))"
                         ".filter((img) => img.closest(content)).map((img) => img.getAttribute('alt'))",
                         CONTENT)
    return [a for a in alts if a is None or a.strip().lower() in GENERIC_ALT or len(a.split()) < 5]


def _close(page, lab: Lab, nb_path: str) -> None:
    session = lab.session(nb_path)
    page.close()
    if session:
        lab.api(f"/api/sessions/{session['id']}", method="DELETE")


def _feedback(page, qid: str, mark: str) -> str:
    box = page.locator(f".lessons-q-{qid} .lessons-feedback")
    page.wait_for_function(f"(el) => el.textContent.includes('{mark}')",
                           arg=box.element_handle(), timeout=20000)
    return box.inner_text()


def _pick(page, q, option_text: str) -> None:
    """Click the label of an option (single choice, true/false, select-all)."""
    index = q.choices().index(option_text)
    page.locator(f".lessons-q-{q.id} .lq-option").nth(index).click()


def _answer(page, q, right: bool) -> str:
    box = page.locator(f".lessons-q-{q.id}")
    box.scroll_into_view_if_needed()
    if q.kind == "numeric":
        value = q.correct_answer if right else q.correct_answer * 3 + 1000
        box.locator("input[type='text']").fill(f"{value:g}")
    else:
        correct = q.answer_text() if q.kind == "truefalse" else q.correct_answer
        wrong = next(c for c in q.choices() if c != correct)
        _pick(page, q, correct if right else wrong)
    box.locator(".lessons-check").click()
    return _feedback(page, q.id, "✓" if right else "✗")


def _hints_on_screen(page, quiz: Quiz) -> list[str]:
    """Hints whose text shows in course content (outputs and Markdown; a hint may quote code
    that also stands in a code cell, which is not a hint shown)."""
    text = "\n".join(page.locator(f".jp-Notebook :is({CONTENT})").all_inner_texts())
    return [q.id for q in quiz if q.hint_text and plain(q.hint_text)[:60] in text]


def _try_it(page, stem: str) -> None:
    task = for_notebook(stem)[0]
    cell = page.locator(".jp-CodeCell", has=page.locator(".jp-InputArea",
                                                          has_text=f"{task.name}.check(")).first
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text("import pandas as pd\n" + task.solution_code + f"\n{task.name}.check(answer)")
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
        _open_and_run_all(page, lab, nb_path)
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
                              has_text="Traceback")
        assert errors.count() == 0, errors.first.inner_text()[:2000]
        failing = _axe(page, f"lab-{path.stem}")
        assert not failing, _axe_message(failing)
        assert _generic_alts(page) == [], "a chart without a real description"
        underline = page.evaluate("() => { const a = document.querySelector('.jp-RenderedMarkdown a[href]');"
                                  " return a ? getComputedStyle(a).textDecorationLine : 'underline'; }")
        assert "underline" in underline, "links are told apart from text by colour alone"
        assert page.locator(".lessons-quiz-view").count() == 1, "the quiz widget did not render"
        quiz = Quiz.from_bank(path.stem, save_progress=False)
        assert _hints_on_screen(page, quiz) == [], "a hint is on screen before anyone asked"
        shown = "\n".join(page.locator(f".jp-Notebook :is({CONTENT})").all_inner_texts())
        for task in for_notebook(path.stem):
            assert plain(task.hint_text)[:60] not in shown
        q = next(q for q in quiz if q.kind in ("single", "truefalse", "numeric"))
        assert "✗" in _answer(page, q, right=False)
        assert "✓" in _answer(page, q, right=True)
        hinted = next(x for x in quiz if x.hint_text)
        page.locator(f".lessons-q-{hinted.id} .lessons-hint").click()
        page.wait_for_function("(el) => el.textContent.includes('Hint')", timeout=20000,
                               arg=page.locator(f".lessons-q-{hinted.id} .lessons-hint-box").element_handle())
        _shot(page.locator(f".lessons-q-{q.id}"), f"{path.stem}-quiz")
        if not path.stem.startswith("00_"):
            _try_it(page, path.stem)
        else:
            report = page.locator(".jp-CodeCell", has=page.locator(".jp-InputArea",
                                                                    has_text="progress_report()")).first
            report.locator(".cm-content").click()
            page.keyboard.press("Shift+Enter")
            page.wait_for_function("(el) => el.textContent.includes('answered')",
                                   arg=report.locator(".jp-OutputArea").element_handle(), timeout=60000)
            chart = report.locator(".jp-OutputArea img[alt^='Percent of points earned']")
            chart.wait_for(timeout=20000)
            _shot(report, "00_start_here-progress")
        _shot(page, path.stem)
    finally:
        _close(page, lab, nb_path)


def test_a_learners_session_is_kept_honestly_and_comes_back_after_a_restart(fresh_lab, browser, tmp_path):
    """Answer, hint, reveal, answer after the reveal; restart; reopen: all of it is back."""
    nb_path = "notebooks/02_trade.ipynb"
    quiz = Quiz.from_bank("02_trade", save_progress=False)
    number = next(q for q in quiz if q.kind == "numeric")
    single = next(q for q in quiz if q.kind == "single")
    multi = next(q for q in quiz if q.kind == "multiple")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    try:
        _open_and_run_all(page, fresh_lab, nb_path)
        assert _hints_on_screen(page, quiz) == []
        assert "✗" in _answer(page, number, right=False)
        page.locator(f".lessons-q-{number.id} .lessons-hint").click()
        assert "✓" in _answer(page, number, right=True)
        page.locator(f".lessons-q-{single.id} .lessons-reveal").click()
        page.locator(f".lessons-q-{single.id} .lessons-answer-box").get_by_text("Answer:").wait_for()
        after = _answer(page, single, right=True)
        assert "earns no credit" in after
        _pick(page, multi, multi.correct_answer[0])
        page.locator(f".lessons-q-{multi.id} .lessons-check").click()
        assert "Partly right" in _feedback(page, multi.id, "✗")
        _shot(page.locator(f".lessons-q-{single.id}"), "session-before-restart")
        session = fresh_lab.session(nb_path)
        fresh_lab.api(f"/api/kernels/{session['kernel']['id']}/restart", method="POST")
    finally:
        page.close()

    page = browser.new_page(viewport={"width": 1200, "height": 900})
    try:
        _open_and_run_all(page, fresh_lab, nb_path)
        num_box = page.locator(f".lessons-q-{number.id}")
        assert num_box.locator("input[type='text']").input_value() == f"{number.correct_answer:g}"
        assert "✓ Correct" in num_box.locator(".lessons-feedback").inner_text()
        assert "Hint:" in num_box.locator(".lessons-hint-box").inner_text()
        one = page.locator(f".lessons-q-{single.id}")
        assert one.locator("input:checked").count() == 1
        assert single.correct_answer in one.locator(".lq-option:has(input:checked)").inner_text()
        assert "earns no credit" in one.locator(".lessons-feedback").inner_text()
        assert "Answer:" in one.locator(".lessons-answer-box").inner_text()
        assert "Partly right" in page.locator(f".lessons-q-{multi.id} .lessons-feedback").inner_text()
        others = [q for q in quiz if q.id != number.id]
        assert _hints_on_screen(page, Quiz({**read_bank("02_trade"), "questions": [
            q.spec for q in others]}, save_progress=False)) == []
        points = 1 + 1 / len(multi.correct_answer)
        graded = sum(1 for q in quiz if q.graded)
        assert f"Score: {points:.1f} of {graded} points" in page.locator(".lessons-summary").inner_text()
        _shot(page.locator(f".lessons-q-{single.id}"), "session-after-restart")
    finally:
        _close(page, fresh_lab, nb_path)

    out = tmp_path / "answers.csv"
    subprocess.run([sys.executable, "-m", "lessons", "progress", "export", "-o", str(out)],
                   env={**os.environ, "LESSONS_PROGRESS": str(fresh_lab.progress)}, check=True,
                   capture_output=True)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = {r["question"]: r for r in csv.DictReader(handle) if r["bank"] == "02_trade"}
    assert (rows[number.id]["points"], rows[number.id]["tries"], rows[number.id]["hints"]) == ("1", "2", "1")
    assert (rows[single.id]["revealed"], rows[single.id]["points"]) == ("yes", "0")
    assert rows[single.id]["answer"].endswith(single.correct_answer)
    assert rows[single.id]["status"] == "right after the answer was shown (no credit)"
    assert rows[multi.id]["answer"].endswith(multi.correct_answer[0])
    assert rows[multi.id]["status"].startswith("partly right")
    assert rows["task1"]["status"] == "not attempted"


def _scratch_notebook(name: str, source: str) -> str:
    SCRATCH.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nb.cells = [nbformat.v4.new_markdown_cell("A cell above the quiz."),
                nbformat.v4.new_code_cell(source),
                nbformat.v4.new_markdown_cell("A cell below the quiz.")]
    nbformat.write(nb, SCRATCH / name)
    return f"notebooks/exercises/{name}"


def test_every_question_kind_can_be_answered_with_the_keyboard_alone(fresh_lab, browser):
    """Tab, arrows, Space, Enter and letters inside the quiz never reach notebook shortcuts."""
    rel = os.path.relpath(FIXTURE_BANK, SCRATCH)
    nb_path = _scratch_notebook("keyboard.ipynb", "from lessons import Quiz\nfrom lessons.quiz import "
                                f"read_bank\nQuiz(read_bank({rel!r}))")
    quiz = Quiz(read_bank(FIXTURE_BANK), save_progress=False)
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    try:
        _open_and_run_all(page, fresh_lab, nb_path)
        cells = page.locator(".jp-Notebook .jp-Cell")
        assert cells.count() == 3
        keys = page.keyboard

        def shortcut_keys():  # what would add, delete or move cells in command mode
            for key in ("a", "b", "d", "d", "x", "m", "y", "ArrowUp", "ArrowDown", "j", "k"):
                keys.press(key)

        def check_with_enter(qid):
            page.locator(f".lessons-q-{qid} .lessons-check").focus()
            shortcut_keys()
            keys.press("Enter")

        # single choice: arrows move through the radio group
        single = quiz["single-one"]
        page.locator(".lessons-q-single-one input").first.focus()
        keys.press("Space")
        for _ in range(single.choices().index(single.correct_answer)):
            keys.press("ArrowDown")
        shortcut_keys()
        check_with_enter("single-one")
        assert "✓" in _feedback(page, "single-one", "✓")
        # select-all: Tab between boxes, Space ticks
        multi = quiz["multi-two"]
        boxes = page.locator(".lessons-q-multi-two input[type=checkbox]")
        for i, text in enumerate(multi.choices()):
            boxes.nth(i).focus()
            if text in multi.correct_answer:
                keys.press("Space")
        check_with_enter("multi-two")
        assert "✓" in _feedback(page, "multi-two", "✓")
        # true or false
        page.locator(".lessons-q-tf-three input").first.focus()
        keys.press("ArrowDown")   # True -> False
        check_with_enter("tf-three")
        assert "✓" in _feedback(page, "tf-three", "✓")
        # a number: type it and press Enter in the box
        page.locator(".lessons-q-num-four input").focus()
        keys.type("38")
        keys.press("Enter")
        assert "✓" in _feedback(page, "num-four", "✓")
        # ordering: move buttons, pressed with Enter; focus stays on the moved item
        order = quiz["order-five"]
        current = list(order.shown_order)
        for target, item in enumerate(order.items):
            while current.index(item) > target:
                pos = current.index(item)
                button = page.locator(f".lessons-q-order-five li:nth-child({pos + 1}) button", has_text="Up")
                button.focus()
                keys.press("Enter")
                current[pos - 1], current[pos] = current[pos], current[pos - 1]
                focused = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
                assert focused.endswith(plain(item)), focused
        check_with_enter("order-five")
        assert "✓" in _feedback(page, "order-five", "✓")
        # matching: each select changed with the arrow keys
        match = quiz["match-six"]
        for i, left in enumerate(match.lefts):
            page.locator(".lessons-q-match-six select").nth(i).focus()
            for _ in range(match.rights.index(match.pairs[left]) + 1):
                keys.press("ArrowDown")
        check_with_enter("match-six")
        assert "✓" in _feedback(page, "match-six", "✓")
        # a reflection: typed letters stay in the box
        page.locator(".lessons-q-reflect-seven textarea").focus()
        keys.type("No treaty binds them, so it is not an alliance.")
        check_with_enter("reflect-seven")
        assert "Saved (10 words)" in _feedback(page, "reflect-seven", "✓")
        assert cells.count() == 3, "a key inside the quiz added or deleted a cell"
        for i, text in ((0, "A cell above the quiz."), (2, "A cell below the quiz.")):
            cells.nth(i).scroll_into_view_if_needed()
            assert text in cells.nth(i).text_content(), f"cell {i} changed"
        _shot(page.locator(".lessons-quiz-view"), "keyboard-quiz")
        # the control: the same keys in the notebook's command mode do change the cells
        page.locator(".jp-Notebook .jp-Cell").nth(0).locator(".jp-InputPrompt").click()
        keys.press("Escape")
        keys.press("b")
        page.wait_for_function("() => document.querySelectorAll('.jp-Notebook .jp-Cell').length === 4",
                               timeout=10000)
    finally:
        _close(page, fresh_lab, nb_path)
        shutil.rmtree(SCRATCH / ".ipynb_checkpoints", ignore_errors=True)
        (SCRATCH / "keyboard.ipynb").unlink(missing_ok=True)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_nbconvert_html_of_every_notebook_passes_axe_in_course_content(browser, tmp_path, path):
    """Plain `jupyter nbconvert --to html`, as a teacher would publish a notebook."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_filename(str(path))
    html = tmp_path / f"{path.stem}.html"
    html.write_text(body, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    try:
        page.goto(html.as_uri())
        failing = _axe(page, f"html-{path.stem}")
        assert not failing, _axe_message(failing)
        assert _generic_alts(page) == [], "a chart without a real description"
        names = page.evaluate("() => Array.from(document.querySelectorAll('a[href]'))"
                              ".map((a) => a.textContent.trim().toLowerCase())")
        assert not [n for n in names if n in ("link", "here", "click here", "")], "a link not named by where it goes"
    finally:
        page.close()


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
    assert page.locator("img[src^='data:image/']").count() >= 1
    page.set_viewport_size({"width": 1000, "height": 700})
    _shot(quiz.locator("li.lessons-q").first, "static-quiz")
    page.close()
    shutil.copy(html, ARTIFACTS / "02_trade.html")


def test_presenting_steps_in_the_readme_work_in_jupyterlab_and_the_slide_view(lab, browser):
    """README, *Presenting*: View → Appearance → Presentation Mode and Simple Interface, and the
    slide view (jupyterlab-rise) with one slide per heading and the set-up cell left out."""
    from lessons.notebooks import slide_metadata

    nb_path = "notebooks/02_trade.ipynb"
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    try:
        page.goto(f"{lab.base}/lab/tree/{nb_path}?reset&token={TOKEN}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=120000)
        page.locator(".lm-MenuBar-item", has_text="View").first.click()
        appearance = page.locator(".lm-Menu-item", has_text="Appearance").first
        appearance.hover()
        appearance.press("ArrowRight")
        for label in ("Presentation Mode", "Simple Interface", "Show Left Sidebar"):
            page.locator(".lm-Menu-itemLabel", has_text=label).first.wait_for(state="visible", timeout=10000)
            assert label in readme, f"README's presenting steps do not mention {label}"
        page.locator(".lm-Menu-itemLabel", has_text="Presentation Mode").first.click()
        page.wait_for_function("() => document.body.dataset.jpPresentationMode === 'true'"
                               " || document.querySelector('.jp-mod-presentationMode') !== null",
                               timeout=10000)
        _shot(page, "presentation-mode")
        page.goto(f"{lab.base}/rise/{nb_path}?token={TOKEN}")
        page.wait_for_selector(".reveal .slides > section", timeout=120000)
        types, _ = slide_metadata(nbformat.read(str(PROJECT_ROOT / nb_path), as_version=4))
        assert page.locator(".reveal .slides > section").count() == types.count("slide")
        first = page.locator(".reveal .slides > section").first
        assert "02 Trade" in first.inner_text()
        assert "use_course_style()" not in page.locator(".reveal .slides").inner_text()
        _shot(page, "slide-view")
    finally:
        _close(page, lab, nb_path)
