"""The settings fail closed: each case starts a fresh interpreter with a given environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What the README documents for production behind a TLS proxy.
PRODUCTION = {
    "SECRET_KEY": "x7Kq2vN9pLm4Rt8Wz1Yb6Hc3Jd5Fg0Sa-long-random-production-key-0123456789",
    "ALLOWED_HOSTS": "fardplan.region.se",
    "CSRF_TRUSTED_ORIGINS": "https://fardplan.region.se",
    "BEHIND_TLS_PROXY": "1",
}
PROBE = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "debug": s.DEBUG,
    "hsts": getattr(s, "SECURE_HSTS_SECONDS", 0),
    "proxy_header": list(getattr(s, "SECURE_PROXY_SSL_HEADER", None) or []),
    "ssl_redirect": s.SECURE_SSL_REDIRECT,
    "session_engine": s.SESSION_ENGINE,
    "cache": s.CACHES["default"]["BACKEND"],
}))
"""


def run(env: dict, *args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DEBUG", "SECRET_KEY", "BEHIND_TLS_PROXY", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    base |= {
        "DJANGO_SETTINGS_MODULE": "fardplan.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    return subprocess.run(
        [sys.executable, *args],
        env=base | env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def probe(env: dict, tmp_path: Path) -> dict:
    result = run(env, "-c", PROBE, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_debug_and_secret_key_it_refuses_to_start_in_one_sentence(tmp_path):
    result = run({}, "manage.py", "check", tmp_path=tmp_path)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line == (
        "django.core.exceptions.ImproperlyConfigured: Färdplan will not start: set SECRET_KEY "
        "to a long random value (or DEBUG=1 on a developer's machine)."
    )


def test_debug_is_off_unless_debug_is_1(tmp_path):
    assert probe({"SECRET_KEY": PRODUCTION["SECRET_KEY"]}, tmp_path)["debug"] is False
    assert probe({"DEBUG": "yes-please", "SECRET_KEY": "k" * 60}, tmp_path)["debug"] is False
    assert probe({"DEBUG": "1"}, tmp_path)["debug"] is True


def test_production_has_a_year_of_hsts_and_trusts_no_proxy_header_by_default(tmp_path):
    settings = probe({"SECRET_KEY": PRODUCTION["SECRET_KEY"]}, tmp_path)
    assert settings["hsts"] == 31_536_000
    assert settings["ssl_redirect"] is True
    assert settings["proxy_header"] == []


def test_the_proxy_header_is_trusted_when_behind_tls_proxy_says_so(tmp_path):
    settings = probe(PRODUCTION, tmp_path)
    assert settings["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_sessions_and_cache_use_the_database_without_redis_url_and_redis_with_it(tmp_path):
    default = probe(PRODUCTION, tmp_path)
    assert default["session_engine"] == "django.contrib.sessions.backends.db"
    assert default["cache"] == "django.core.cache.backends.db.DatabaseCache"
    redis = probe(PRODUCTION | {"REDIS_URL": "redis://127.0.0.1:6379/9"}, tmp_path)
    assert redis["session_engine"] == "django.contrib.sessions.backends.cache"
    assert redis["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    result = run(
        PRODUCTION, "manage.py", "check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
