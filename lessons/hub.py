"""A local JupyterHub for a class, as docs/jupyterhub.md describes it, for tests and benchmarks.

JupyterHub (the ``hub`` extra, from PyPI), configurable-http-proxy (from npm, installed
into ``tests/hub/node_modules`` from its lock file), dummy log-in, one home per learner
(SimpleLocalProcessSpawner). Each learner pulls the course with nbgitpuller from a git
repository, and a notebook runs in *their own* server, through its kernel API, as
*Run All* in JupyterLab would. Used by ``tests/test_hub.py`` and
``python -m lessons.bench --hub N``; nothing here is needed to take the course.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from .course import COURSE_ROOT

NODE_DIR = COURSE_ROOT / "tests" / "hub"
PROXY = NODE_DIR / "node_modules" / ".bin" / "configurable-http-proxy"


class HubError(RuntimeError):
    """The local hub could not do what was asked; the message says what and where."""


def ensure_proxy() -> Path:
    """configurable-http-proxy at the version in tests/hub/package-lock.json (npm ci, once)."""
    if not PROXY.exists():
        if not shutil.which("npm"):
            raise HubError("npm is needed to install configurable-http-proxy (apt-get install npm)")
        subprocess.run(["npm", "ci", "--silent", "--no-audit", "--no-fund"], cwd=NODE_DIR, check=True)
    return PROXY


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CONFIG = """
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{root}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{root}/cookie_secret"
c.JupyterHub.pid_file = "{root}/jupyterhub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"          # one home per learner, all under one Unix user
c.SimpleLocalProcessSpawner.home_dir_template = "{root}/home/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# Each learner reads the data from their own pulled copy of the course, not the hub's install.
c.Spawner.environment = {{"LESSONS_DATA_DIR": lambda spawner: "{root}/home/" + spawner.user.name + "/{target}/data"}}
c.JupyterHub.services = [{{"name": "course-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "course-test", "services": ["course-test"],
                            "scopes": ["admin:users", "admin:servers", "access:servers"]}}]
"""


class LocalHub:
    """A running local hub in ``root``; use as a context manager."""

    def __init__(self, root: Path, repo: str, branch: str, target: str = "course"):
        import requests

        self.root, self.repo, self.branch, self.target = Path(root), repo, branch, target
        self.port, self.token = _free_port(), secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"token {self.token}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> LocalHub:
        bindir = Path(sys.executable).parent
        args = ["--allow-root"] if os.geteuid() == 0 else []
        config = self.root / "jupyterhub_config.py"
        (self.root / "home").mkdir(parents=True, exist_ok=True)
        config.write_text(CONFIG.format(
            port=self.port, hub_port=_free_port(), proxy_api_port=_free_port(), proxy=str(ensure_proxy()),
            root=self.root, singleuser=str(bindir / "jupyterhub-singleuser"), args=args,
            token=self.token, target=self.target), encoding="utf-8")
        env = {**os.environ, "PATH": f"{bindir}:{os.environ.get('PATH', '/usr/bin:/bin')}"}
        env.pop("LESSONS_PROGRESS", None)  # each learner saves to their own ~/.lessons
        env.pop("LESSONS_DATA_DIR", None)
        self.log = open(self.root / "jupyterhub.log", "wb")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen([str(bindir / "jupyterhub"), "-f", str(config)], cwd=self.root,
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT)
        try:
            self._wait(lambda: self.http.get(f"{self.url}/hub/api/", timeout=5).ok, 60, "the hub to start")
        except BaseException:
            self.__exit__(None, None, None)  # never leave a half-started hub behind
            raise
        return self

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()  # the hub stops its learners' servers and the proxy
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()

    def _wait(self, ready, seconds: float, what: str) -> None:
        import requests

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HubError(f"the hub exited; see {self.root / 'jupyterhub.log'}")
            try:
                if ready():
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise HubError(f"timed out waiting for {what}; see {self.root / 'jupyterhub.log'}")

    def home(self, user: str) -> Path:
        return self.root / "home" / user

    def start(self, user: str) -> None:
        """Create the learner and start their own single-user server."""
        self.http.post(f"{self.url}/hub/api/users/{user}").raise_for_status()
        self.http.post(f"{self.url}/hub/api/users/{user}/server").raise_for_status()

        def ready():
            servers = self.http.get(f"{self.url}/hub/api/users/{user}").json().get("servers", {})
            return servers.get("", {}).get("ready", False)

        self._wait(ready, 120, f"{user}'s server")

    def pull(self, user: str) -> str:
        """nbgitpuller, as the link in docs/jupyterhub.md does: the course into ~/course."""
        query = urlencode({"repo": self.repo, "branch": self.branch, "targetpath": self.target})
        reply = self.http.get(f"{self.url}/user/{user}/git-pull/api?{query}", stream=True, timeout=300)
        reply.raise_for_status()
        log = []
        for line in reply.iter_lines(decode_unicode=True):
            if line.startswith("data:"):
                event = json.loads(line[5:])
                log.append(event.get("output", "") or event.get("message", ""))
                if event.get("phase") == "finished":
                    return "".join(log)
                if event.get("phase") == "error":
                    raise HubError(f"nbgitpuller failed for {user}: {event.get('message')}")
        raise HubError(f"nbgitpuller for {user} ended without finishing: {''.join(log)[-500:]}")

    def run(self, user: str, notebook: str, extra: list[str] = (), keep: bool = False) -> list[str]:
        """Run every code cell of ``notebook`` (a path under the learner's home), then ``extra``
        cells, in a kernel of the learner's own server; return the errors (empty: all ran).
        With ``keep`` the kernel stays open (as a learner's would), for measuring memory."""

        import nbformat

        cells = [c.source for c in nbformat.read(self.home(user) / notebook, as_version=4).cells
                 if c.cell_type == "code"] + list(extra)
        made = self.http.post(f"{self.url}/user/{user}/api/sessions", json={
            "path": notebook, "type": "notebook", "name": "", "kernel": {"name": "python3"}})
        made.raise_for_status()
        kernel = made.json()["kernel"]["id"]
        try:
            return asyncio.run(self._execute(user, kernel, cells))
        finally:
            if not keep:
                self.http.delete(f"{self.url}/user/{user}/api/sessions/{made.json()['id']}")

    async def _execute(self, user: str, kernel: str, cells: list[str]) -> list[str]:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        ws_url = self.url.replace("http", "ws", 1) + f"/user/{user}/api/kernels/{kernel}/channels"
        conn = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {self.token}"}),
                                       max_message_size=64 * 1024 * 1024)
        session, errors = uuid.uuid4().hex, []
        try:
            for i, code in enumerate(cells):
                msg_id = uuid.uuid4().hex
                await conn.write_message(json.dumps({
                    "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": user,
                               "session": session, "version": "5.3", "date": ""},
                    "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                    "content": {"code": code, "silent": False, "store_history": True,
                                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
                while True:
                    raw = await asyncio.wait_for(conn.read_message(), 300)
                    if raw is None:
                        raise HubError(f"{user}'s kernel closed its connection at cell {i}")
                    if isinstance(raw, bytes):
                        continue
                    msg = json.loads(raw)
                    if msg.get("parent_header", {}).get("msg_id") != msg_id:
                        continue
                    if msg["msg_type"] == "error":
                        errors.append(f"cell {i}: {msg['content']['ename']}: {msg['content']['evalue']}")
                    if msg["msg_type"] == "execute_reply":
                        break
                if errors:
                    break
        finally:
            conn.close()
        return errors

    def server_memory(self, user: str) -> tuple[int, int]:
        """(resident bytes of the learner's server, of its kernels) from the process tree."""
        import psutil

        pid_user = {}
        for proc in psutil.Process(self.process.pid).children(recursive=True):
            try:
                if any("jupyterhub-singleuser" in part for part in proc.cmdline()[:2]):
                    pid_user[proc] = proc.environ().get("JUPYTERHUB_USER")
            except psutil.Error:
                continue
        for proc, name in pid_user.items():
            if name == user:
                kernels = sum(k.memory_info().rss for k in proc.children(recursive=True))
                return proc.memory_info().rss, kernels
        raise HubError(f"no server process found for {user}")
