"""gunicorn's settings for the hub (read by ``gunicorn hub.wsgi``, from the working folder).

Garbage collection: the app is loaded once in the master (``preload_app``) and everything it
made is moved out of the collector's sight (``gc.freeze``) before the workers fork, so a full
collection in a worker walks only what requests made, not Django's, Wagtail's and the
templates' hundreds of thousands of long-lived objects (which took 100-130 ms each time and
set the p99). The first generation's threshold is raised so short-lived request garbage is
collected less often. Numbers before and after: benchmarks/RESULTS.md.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# Objects allocated before a young collection runs (CPython's default is 700).
GC_THRESHOLD = (int(os.environ.get("HUB_GC_THRESHOLD", "50000")), 20, 100)


def when_ready(server):
    """The app is loaded: freeze what it made, so workers inherit it outside the collector."""
    if os.environ.get("HUB_GC_FREEZE", "1") != "1":
        return
    gc.collect()
    gc.freeze()


def post_fork(server, worker):
    if os.environ.get("HUB_GC_FREEZE", "1") == "1":
        gc.set_threshold(*GC_THRESHOLD)
