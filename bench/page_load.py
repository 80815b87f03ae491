"""Benchmark: how fast each page loads under a bounded load, beside a trivial page in the same run.

python bench/page_load.py            # 5,000 demo children, five rounds of 4 s a page
python bench/page_load.py --quick    # 300 children, one round of 1.5 s a page: a check while developing
python bench/page_load.py --database postgres://…/homeward --rounds 1   # a database with the demo loaded

A full run is long on two shared cores: loading the 5,000-child demo took 4 to 14 minutes here, and a
round 5 to 15, most of it waiting for the slowest pages at 50 users (every request started before the
time is up is waited for and counted).

Everything is started here and stopped here, whatever happens (Ctrl-C included): a throwaway PostgreSQL
cluster in a temporary folder on port 54361 (as scripts/test-postgres does), the demo loaded into it
(`homeward demo --children N`), and Homeward under gunicorn (`homeward serve`, two workers, production
settings but plain HTTP on loopback). Each role signs in through the login form (ten sessions each;
the manager's with a code from the demo's authenticator key too, a few a minute as a code works once);
a small asyncio client (httpx) then keeps 10, then 50, users each asking for one page after another for
a few seconds, and counts requests per second and the 50th/95th/99th percentile of the time to the
whole response. The pages are interleaved (each round asks for every page in turn) and each page's
figures are the median over rounds; its share of the trivial page's throughput, and its p95 against the
trivial page's, are the median of the ratios paired within each round. The targets are printed beside
the figures: every page at least 50% of the trivial page's throughput and its p95 within 2x, at 10 and
50 users. A last round runs two gunicorn instances side by side, the client alternating between them
with the same signed-in sessions (signed in on the first), to show nothing is kept in a process
between requests.

The load generator shares the machine with the server: its own CPU is part of every figure, the same
for every page. Other programs running at the same time lower all figures together; the ratios to the
trivial page, paired within a round, are what to compare between runs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import httpx

ROOT = Path(__file__).resolve().parents[1]
PG_PORT = 54361
PASSWORD = "homeward-demo"
SESSIONS_PER_LOGIN = 10  # users beyond ten share a session of their login, round-robin
SHARE_TARGET = 0.5
P95_TARGET = 2.0


# --- the processes this benchmark starts, and always stops ------------------------------------------------


class Cluster:
    """A throwaway PostgreSQL cluster in a temporary folder (as root, run as Debian's postgres user)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.bin = Path(
            sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))[-1]
        )
        self.data = Path(tempfile.mkdtemp(prefix="homeward-bench-pg-"))
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        self.started = False

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/homeward"

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_pg, *args], check=True, stdout=subprocess.DEVNULL)

    def start(self) -> None:
        if self.as_pg:
            shutil.chown(self.data, "postgres", "postgres")
        self._run(str(self.bin / "initdb"), "-A", "trust", "-U", "postgres", "-D", str(self.data))
        options = (
            f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c max_connections=200 "
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        )
        self.started = True
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-w",
            "-l",
            str(self.data / "log"),
            "-o",
            options,
            "start",
        )
        self._run(
            str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "homeward"
        )

    def stop(self) -> None:
        if self.started:
            with contextlib.suppress(subprocess.CalledProcessError):
                self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")
        shutil.rmtree(self.data, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """Homeward under gunicorn (`homeward serve`), in a process group of its own."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 2) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.workers = workers
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "homeward", "serve", "--bind", f"127.0.0.1:{self.port}"]
                + ["--workers", str(self.workers)],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped on start (see {self.log})")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{self.base}/accessibility/", timeout=30).status_code == 200:
                    return
            time.sleep(0.3)
        raise SystemExit(f"gunicorn did not answer in 120 s (see {self.log})")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def stop_on_signals() -> None:
    """Ctrl-C, a terminal closing or a kill end the run through the same clean-up as the end of it."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(f"stopped by signal {signum}")

    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, stop)


# --- the data the pages are asked about -------------------------------------------------------------------


@dataclass
class Facts:
    showcase: int  # Isla Carter: the richest record
    ready: int  # Poppy Smith: decisions and a return plan
    decisions_login: str  # the IRO where the demo makes them Poppy's IRO
    saved: list[tuple[int, int]]  # (child, edit version) of an assessment in progress for each user
    caseload_size: int


def prepare(database_url: str, users: int) -> Facts:
    """After the demo: the children the pages show, and an assessment in progress for each user who saves
    one (through the assessments service), so no two users edit the same assessment."""
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from homeward.assessments.models import Assessment
    from homeward.assessments.services import start_assessment
    from homeward.children.models import Child

    worker = get_user_model().objects.get(username="worker")
    showcase = Child.objects.get(la_child_id="100001")
    ready = Child.objects.get(la_child_id="100004")
    free = Child.objects.filter(allocated_worker=worker, reunification_assessments__isnull=True).order_by(
        "pk"
    )[:users]
    for child in free:
        start_assessment(child, worker, timezone.localdate())
    saved = list(
        Assessment.objects.filter(child__in=[c.pk for c in free]).order_by("child_id")
        .values_list("child_id", "edit_version")
    )  # fmt: skip
    assert len(saved) == users, f"only {len(saved)} of worker's children have no assessment yet"
    caseload_size = Child.objects.filter(allocated_worker=worker).count()
    decisions_login = "iro" if ready.iro is not None and ready.iro.username == "iro" else "worker"
    connection.close()
    return Facts(showcase.pk, ready.pk, decisions_login, saved, caseload_size)


# --- the client -------------------------------------------------------------------------------------------

_TLS = ssl.create_default_context()  # made once: httpx would build one for every client otherwise


def new_client() -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=600, verify=_TLS, follow_redirects=False)


async def sign_in(base: str, username: str) -> httpx.Cookies:
    async with new_client() as client:
        form = await client.get(f"{base}/login/")
        assert form.status_code == 200, form.status_code
        done = await client.post(
            f"{base}/login/",
            data={
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": client.cookies["csrftoken"],
            },
        )
        assert done.status_code == 302, f"{username} could not sign in ({done.status_code})"
        if done.headers["Location"].startswith("/sign-in/code/"):
            await _second_step(client, base, username, done.headers["Location"])
        return client.cookies


_LAST_STEP: dict[str, int] = {}  # the last time step whose code each login used (a code works once)


async def _second_step(client: httpx.AsyncClient, base: str, username: str, page: str) -> None:
    """The demo manager's and administrator's code, from the demo's published key (as a person's app
    shows it): a step after the last one used, within django-otp's tolerance of one step, so a few
    sessions sign in at once and the rest wait for the next 30 seconds."""
    from homeward.demo.authenticator import code_now

    while True:
        now = int(time.time()) // 30
        step = max(now - 1, _LAST_STEP.get(username, -1) + 1)
        if step <= now + 1:
            break
        await asyncio.sleep(1)
    _LAST_STEP[username] = step
    done = await client.post(
        f"{base}{page}",
        data={"code": code_now(at=step * 30 + 1), "csrfmiddlewaretoken": client.cookies["csrftoken"]},
    )
    assert done.status_code == 302, f"{username}'s sign-in code was refused ({done.status_code})"


@dataclass
class User:
    """One simulated person: their own client (connection, cookies) and, for saves, their assessment."""

    client: httpx.AsyncClient
    child: int = 0
    version: int = 0


Request = Callable[[User, str], Awaitable[httpx.Response]]


@dataclass(frozen=True)
class Page:
    label: str
    login: str | None  # None: not signed in
    ask: Request
    expect: int = 200


def get(path: str) -> Request:
    async def ask(user: User, base: str) -> httpx.Response:
        return await user.client.get(base + path)

    return ask


async def save_assessment(user: User, base: str) -> httpx.Response:
    """Save the risk and protective factors of the user's own assessment, with the CSRF token and the
    edit version of the last save (as a browser posting the form it was just sent back to)."""
    response = await user.client.post(
        f"{base}/children/{user.child}/reunification/risk-and-protective-factors/",
        data={
            "risk_factors": f"Synthetic benchmark text, save {user.version}: parental substance misuse.",
            "protective_factors": "Synthetic benchmark text: a supportive grandmother nearby.",
            "edit_version": str(user.version),
            "csrfmiddlewaretoken": user.client.cookies["csrftoken"],
        },
    )
    if response.status_code == 302:
        user.version += 1
    return response


def pages(facts: Facts) -> list[Page]:
    child, ready = facts.showcase, facts.ready
    return [
        Page("trivial page (accessibility statement)", "worker", get("/accessibility/")),
        Page("trivial page, not signed in", None, get("/accessibility/")),
        Page(f"caseload (worker: {facts.caseload_size:,} children, 50 a page)", "worker", get("/caseload/")),
        Page("caseload (manager: the team's children)", "manager", get("/caseload/")),
        Page("caseload searched by name", "worker", get("/caseload/?q=Smith")),
        Page("a child's record (worker)", "worker", get(f"/children/{child}/")),
        Page("a child's record (partner agency)", "health", get(f"/children/{child}/")),
        Page("assessment overview", "worker", get(f"/children/{child}/reunification/")),
        Page("assessment save (POST)", "worker", save_assessment, expect=302),
        Page(
            f"decisions ({facts.decisions_login})",
            facts.decisions_login,
            get(f"/children/{ready}/decisions/"),
        ),
        Page("return plan", "worker", get(f"/children/{ready}/return-plan/")),
        Page("My work (worker)", "worker", get("/my-work/")),
        Page("My work (manager)", "manager", get("/my-work/")),
        Page("outcomes dashboard (analyst)", "analyst", get("/outcomes/")),
        Page("API: a child's evaluation", "worker", get(f"/api/children/{child}/evaluation?gate=D2")),
    ]


@dataclass
class Sample:
    rps: float
    p50: float
    p95: float
    p99: float
    requests: int
    errors: int
    statuses: set[int] = field(default_factory=set)


def percentile(ordered: list[float], q: float) -> float:
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def drive(page: Page, users: list[User], bases: list[str], seconds: float) -> Sample:
    """Each user asks for the page again as soon as the last answer has arrived, until the time is up
    (a request under way then is waited for and counted)."""
    times: list[float] = []
    errors = 0
    statuses: set[int] = set()
    started = time.perf_counter()
    deadline = started + seconds

    async def one(index: int, user: User) -> None:
        nonlocal errors
        turn = index
        while time.perf_counter() < deadline:
            base = bases[turn % len(bases)]  # with two instances, every user alternates between them
            turn += 1
            asked = time.perf_counter()
            try:
                response = await page.ask(user, base)
            except httpx.HTTPError:
                errors += 1
                continue
            if response.status_code == page.expect:
                times.append(time.perf_counter() - asked)
            else:
                errors += 1
                statuses.add(response.status_code)

    await asyncio.gather(*(one(i, u) for i, u in enumerate(users)))
    elapsed = time.perf_counter() - started
    times.sort()
    return Sample(
        len(times) / elapsed,
        percentile(times, 0.5),
        percentile(times, 0.95),
        percentile(times, 0.99),
        len(times),
        errors,
        statuses,
    )


class Crowd:
    """The simulated users of each login: `count` users sharing its signed-in sessions."""

    def __init__(self, sessions: dict[str | None, list[httpx.Cookies]], count: int, facts: Facts) -> None:
        self.users: dict[str | None, list[User]] = {}
        for login, cookies in sessions.items():
            self.users[login] = [User(new_client()) for _ in range(count)]
            for i, user in enumerate(self.users[login]):
                user.client.cookies = cookies[i % len(cookies)]
        # Each saving user has an assessment of their own, so no save is refused as stale.
        self.savers = [User(new_client()) for _ in range(count)]
        for i, (user, (child, version)) in enumerate(zip(self.savers, facts.saved, strict=True)):
            user.client.cookies = sessions["worker"][i % len(sessions["worker"])]
            user.child, user.version = child, version

    def of(self, page: Page, count: int) -> list[User]:
        if page.ask is save_assessment:
            return self.savers[:count]
        return self.users[page.login][:count]

    async def close(self) -> None:
        for user in [*self.savers, *(u for group in self.users.values() for u in group)]:
            await user.client.aclose()


# --- the run ----------------------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{1000 * seconds:,.0f} ms"


def table(page_list: list[Page], rounds: list[dict[str, Sample]], users: int) -> list[str]:
    trivial = page_list[0].label
    lines = [
        f"\n### {users} users at once (median of {len(rounds)} round{'s' * (len(rounds) > 1)})\n",
        "| page | requests/s | share of trivial (target ≥ 50%) | p50 | p95 | p95 ÷ trivial p95 (target ≤ 2×) "
        "| p99 | errors | targets |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for page in page_list:
        samples = [r[page.label] for r in rounds]
        share = median([r[page.label].rps / r[trivial].rps for r in rounds if r[trivial].rps])
        slower = median([r[page.label].p95 / r[trivial].p95 for r in rounds if r[trivial].p95])
        errors = sum(s.errors for s in samples)
        statuses = sorted(set().union(*(s.statuses for s in samples)))
        met = share >= SHARE_TARGET and slower <= P95_TARGET and not errors
        lines.append(
            f"| {page.label} | {median([s.rps for s in samples]):,.1f} | {share:.0%} "
            f"| {ms(median([s.p50 for s in samples]))} | {ms(median([s.p95 for s in samples]))} "
            f"| {slower:.1f}× "
            f"| {ms(median([s.p99 for s in samples]))} | {errors}{' ' + str(statuses) if statuses else ''} "
            f"| {'met' if met else 'missed'} |"
        )
    return lines


async def measure(
    page_list: list[Page],
    crowd: Crowd,
    bases: list[str],
    levels: tuple[int, ...],
    rounds: int,
    seconds: float,
) -> dict[int, list[dict[str, Sample]]]:
    results: dict[int, list[dict[str, Sample]]] = {n: [] for n in levels}
    for number in range(1, rounds + 1):
        for users in levels:
            this_round: dict[str, Sample] = {}
            for page in page_list:
                this_round[page.label] = sample = await drive(page, crowd.of(page, users), bases, seconds)
                # As it goes, so a run stopped early still shows what it measured.
                print(
                    f"  round {number}, {users} users, {page.label}: {sample.rps:.1f} requests/s, "
                    f"p50 {ms(sample.p50)}, p95 {ms(sample.p95)}, {sample.errors} errors "
                    f"(load average {os.getloadavg()[0]:.1f})",
                    flush=True,
                )
            results[users].append(this_round)
    return results


async def warm_up(page_list: list[Page], crowd: Crowd, base: str) -> None:
    """Every page once for each user, before timing: anything a page computes once is computed, and a
    page that fails stops the run here with its status."""
    for page in page_list:
        for user in crowd.of(page, 2) * 2:  # twice on each of the two workers, most likely
            response = await page.ask(user, base)
            if response.status_code != page.expect:
                raise SystemExit(f"{page.label}: {response.status_code}, expected {page.expect}")


async def run(
    args: argparse.Namespace, facts: Facts, first: Server, start_second: Callable[[], Server]
) -> None:
    page_list = pages(facts)
    logins = sorted({p.login for p in page_list if p.login})
    started = time.perf_counter()
    sessions: dict[str | None, list[httpx.Cookies]] = {None: [httpx.Cookies()]}
    for login in logins:
        sessions[login] = [
            await sign_in(first.base, login) for _ in range(min(SESSIONS_PER_LOGIN, max(args.users)))
        ]
    print(
        f"signed in {SESSIONS_PER_LOGIN} sessions for each of {', '.join(logins)}: "
        f"{time.perf_counter() - started:.1f} s"
    )
    crowd = Crowd(sessions, max(args.users), facts)
    try:
        await warm_up(page_list, crowd, first.base)
        print(f"pages warmed up; {args.rounds} round(s) of {args.seconds:g} s a page at {args.users} users:")
        results = await measure(page_list, crowd, [first.base], tuple(args.users), args.rounds, args.seconds)
        report = [
            f"\n## Page load: {args.children:,} demo children, PostgreSQL, gunicorn with 2 workers "
            f"({os.cpu_count()} cores shared with the load generator and any other work on the machine)"
        ]
        for users in args.users:
            report += table(page_list, results[users], users)
        print("\n".join(report), flush=True)

        second = start_second()
        both = [first.base, second.base]
        stateless = [page_list[i] for i in (0, 2, 5, 8)]  # trivial, caseload, record, save
        print(
            f"\n### Two instances: gunicorn on ports {first.port} and {second.port} (2 workers each), every "
            "user alternating between them with sessions signed in on the first\n"
        )
        print("| page | users | requests/s | p50 | p95 | errors |\n|---|---:|---:|---:|---:|---:|")
        for users in args.users:
            for page in stateless:
                sample = await drive(page, crowd.of(page, users), both, args.seconds)
                print(
                    f"| {page.label} | {users} | {sample.rps:,.1f} | {ms(sample.p50)} | {ms(sample.p95)} "
                    f"| {sample.errors}{' ' + str(sorted(sample.statuses)) if sample.statuses else ''} |",
                    flush=True,
                )
    finally:
        await crowd.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="300 children, one round of 1.5 s a page")
    parser.add_argument("--children", type=int, help="demo children (default 5,000)")
    parser.add_argument("--rounds", type=int, help="rounds, each asking for every page in turn (default 5)")
    parser.add_argument("--seconds", type=float, help="seconds of load on each page in a round (default 4)")
    parser.add_argument(
        "--users", type=int, nargs="+", default=[10, 50], help="users at once (default 10 50)"
    )
    parser.add_argument(
        "--database",
        help="the URL of a PostgreSQL database with the demo loaded, instead of a cluster and demo made here",
    )
    args = parser.parse_args()
    args.children = args.children or (300 if args.quick else 5000)
    args.rounds = args.rounds or (1 if args.quick else 5)
    args.seconds = args.seconds or (1.5 if args.quick else 4.0)
    stop_on_signals()

    with contextlib.ExitStack() as cleanup:
        work = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="homeward-bench-")))
        database = args.database
        if not database:
            cluster = Cluster(PG_PORT)
            cleanup.callback(cluster.stop)
            cluster.start()
            database = cluster.url
        env = {
            **os.environ,
            "DATABASE_URL": database,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "HOMEWARD_VAR_DIR": str(work),
            # Production settings, but over plain HTTP on loopback: no redirect to HTTPS, cookies sent.
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "HOMEWARD_ACCESS_LOG": str(work / "access.log"),
        }
        for name in ("DEBUG", "HOMEWARD_ALLOW_INSECURE_KEY", "DJANGO_SETTINGS_MODULE"):
            env.pop(name, None)
        os.environ.update({k: env[k] for k in ("SECRET_KEY", "ALLOWED_HOSTS", "HOMEWARD_VAR_DIR")})
        os.environ["DJANGO_SETTINGS_MODULE"] = "homeward.site.settings"
        homeward = [sys.executable, "-m", "homeward"]
        if not args.database:
            subprocess.run([*homeward, "manage", "migrate", "--noinput", "-v0"], env=env, check=True)
            started = time.perf_counter()
            subprocess.run([*homeward, "demo", "--children", str(args.children)], env=env, check=True)
            print(
                f"demo of {args.children:,} children loaded in {time.perf_counter() - started:.0f} s",
                flush=True,
            )
        facts = prepare(database, max(args.users))

        servers: list[Server] = []

        def start_server() -> Server:
            server = Server(env, work / f"gunicorn-{len(servers) + 1}.log")
            servers.append(server)
            cleanup.callback(server.stop)
            server.start()
            return server

        first = start_server()
        print(f"gunicorn answering on {first.base} (load average {os.getloadavg()[0]:.1f})", flush=True)
        asyncio.run(run(args, facts, first, start_server))
        print(f"\nload average at the end: {os.getloadavg()[0]:.1f} (other sessions may share these cores)")


if __name__ == "__main__":
    main()
