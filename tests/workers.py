"""A real task worker for the tests that need one: `db_worker` in its own process,
run until the queue is empty."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_db_worker(env: dict, *, timeout: int) -> subprocess.CompletedProcess:
    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        timeout=timeout,
        capture_output=True,
        text=True,
    )
    assert worker.returncode == 0, worker.stderr[-2000:]
    return worker
