"""The container's health check: GET /healthz on this app server, exit 0 when it answers 200.

It asks for the first host in ALLOWED_HOSTS, because Django refuses any other
Host header; /healthz is exempt from the HTTPS redirect, so plain HTTP works.
"""

import http.client
import os
import sys


def main() -> int:
    port = os.environ.get("BIND", "0.0.0.0:8000").split(",")[0].rsplit(":", 1)[1]
    host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    if host in {"", "*"} or host.startswith("."):
        host = "localhost" if host in {"", "*"} else f"healthz{host}"
    connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=8)
    try:
        connection.request("GET", "/healthz", headers={"Host": host})
        response = connection.getresponse()
        body = response.read(2000).decode("utf-8", "replace")
    except OSError as error:
        print(f"healthz: {error}", file=sys.stderr)
        return 1
    if response.status != 200:
        print(f"healthz: {response.status} {body}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
