"""Anonymous requests per second under gunicorn: the hub's briefing page beside Django's
hello-world, in interleaved rounds, reported as medians and as a ratio.

    .venv/bin/python benchmarks/throughput.py --rounds 3 --seconds 5

Serves the benchmark pages database (DATABASE_URL, default hub_bench_pages1, filled by
benchmarks/pages.py) with production settings and Redis DB 8 as the cache, from gunicorn
with ``gunicorn.conf.py`` (2 workers), and serves benchmarks/hello.py the same way. Each round
asks each server for ``--seconds`` from ``--clients`` threads. ``--gc-freeze 0`` turns off the
garbage-collection tuning, ``--page-cache 0`` the visitors' page cache: the other figures.
Also prints p50/p99 latency and the resident memory of one web worker.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def serve(app, port, env):
    proc = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [
            GUNICORN,
            app,
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env={**env, "GUNICORN_ACCESS_LOG": ""},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    for _ in range(1200):  # app load can take a minute on a busy machine
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=1)  # noqa: S310
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            time.sleep(0.1)
    return proc


def load(url, seconds, clients):
    """Requests per second and latencies (ms) from ``clients`` threads for ``seconds``."""
    done, latencies, stop = [0], [], time.perf_counter() + seconds
    lock = threading.Lock()

    def client():
        mine = []
        while time.perf_counter() < stop:
            start = time.perf_counter()
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
                response.read()
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            done[0] += len(mine)
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    return done[0] / seconds, latencies


def worker_rss_mb(proc):
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    if not children:
        return 0
    for line in Path(f"/proc/{children[0]}/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--gc-freeze", default="1")
    parser.add_argument("--page-cache", default="60")
    parser.add_argument("--path", help="The page to ask for (default: the first briefing).")
    args = parser.parse_args()

    static = ROOT / "var" / "bench-static"  # collected once, then reused
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hub_bench_pages1"
        ),
        "SECRET_KEY": "benchmark-only-not-a-secret",
        "ALLOWED_HOSTS": "*",
        "SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9"),
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/8"),
        "STATIC_ROOT": str(static),
        "HUB_GC_FREEZE": args.gc_freeze,
        "HUB_PAGE_CACHE_SECONDS": args.page_cache,
    }
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    path = (
        args.path
        or subprocess.run(  # noqa: S603
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from briefings.models import BriefingPage as B;"
                "print(B.objects.live().public().order_by('pk').first().url)",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    hub = serve("hub.wsgi", 8131, env)
    hello = serve("benchmarks.hello", 8132, {**os.environ, "HUB_GC_FREEZE": args.gc_freeze})
    try:
        hub_url, hello_url = f"http://127.0.0.1:8131{path}", "http://127.0.0.1:8132/"
        load(hub_url, 1, 2), load(hello_url, 1, 2)  # warm up
        hub_rates, hello_rates, hub_lat = [], [], []
        for _ in range(args.rounds):
            rate, lat = load(hub_url, args.seconds, args.clients)
            hub_rates.append(rate)
            hub_lat += lat
            hello_rates.append(load(hello_url, args.seconds, args.clients)[0])
        hub_lat.sort()
        ratios = [h / w for h, w in zip(hub_rates, hello_rates, strict=True)]
        result = {
            "path": path,
            "hub_rps": round(statistics.median(hub_rates), 1),
            "hello_rps": round(statistics.median(hello_rates), 1),
            "ratio": round(statistics.median(ratios), 3),
            "p50_ms": round(hub_lat[len(hub_lat) // 2], 1),
            "p99_ms": round(hub_lat[int(len(hub_lat) * 0.99)], 1),
            "worker_rss_mb": round(worker_rss_mb(hub), 1),
            "gc_freeze": args.gc_freeze,
            "page_cache": args.page_cache,
        }
        print(result)
    finally:
        for proc in (hub, hello):
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait()


if __name__ == "__main__":
    main()
