"""gunicorn settings for Färdplan; every value can be changed from the environment.

    .venv/bin/gunicorn -c gunicorn.conf.py

Reload code and settings without dropping requests: `kill -HUP <master pid>`
(systemd: `systemctl reload fardplan`). New workers start, old ones finish
what they are serving within `graceful_timeout`, then exit.
"""

import multiprocessing
import os

wsgi_app = os.environ.get("GUNICORN_APP", "fardplan.wsgi:application")
# Loopback by default: the TLS proxy in front is the only thing that should reach us.
bind = os.environ.get("BIND", "127.0.0.1:8000").split(",")

# Threads let one worker wait on the database while another request runs.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# An import of a large workbook takes seconds; nothing legitimate takes a minute.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then, so slow leaks never grow; jitter avoids all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Off so that HUP loads new code in fresh workers.
preload_app = False

# gunicorn 27 otherwise opens a control socket at ~/.gunicorn/gunicorn.ctl, one
# path for every instance of the same user. Give each instance its own path to
# use gunicornc; without one there is no socket at all.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket

# Django logs each request itself when LOG_REQUESTS/LOG_FORMAT=json is set;
# otherwise gunicorn's access log does.
json_logs = os.environ.get("LOG_FORMAT") == "json"
accesslog = None if json_logs else "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = os.environ.get("GUNICORN_PROC_NAME", "fardplan")
