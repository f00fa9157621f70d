"""Settings helpers read the environment and fail fast on values they cannot read."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from anjian import env


def test_env_bool_reads_common_spellings(monkeypatch):
    for raw, expected in [
        ("1", True),
        ("true", True),
        ("Yes", True),
        ("0", False),
        ("off", False),
        ("", False),
    ]:
        monkeypatch.setenv("X_FLAG", raw)
        assert env.env_bool("X_FLAG") is expected


def test_env_bool_refuses_garbage(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env.env_bool("X_FLAG")


def test_env_int_default_and_error(monkeypatch):
    monkeypatch.delenv("X_INT", raising=False)
    assert env.env_int("X_INT", 7) == 7
    monkeypatch.setenv("X_INT", "12")
    assert env.env_int("X_INT", 7) == 12
    monkeypatch.setenv("X_INT", "twelve")
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env.env_int("X_INT", 7)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("X_HOSTS", " a.example , b.example,, ")
    assert env.env_list("X_HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.delenv("X_HOSTS")
    assert env.env_list("X_HOSTS", ["localhost"]) == ["localhost"]


def test_env_choice_refuses_unknown_language(monkeypatch):
    monkeypatch.setenv("LANGUAGE_CODE", "fr")
    with pytest.raises(ImproperlyConfigured, match="LANGUAGE_CODE"):
        env.env_choice("LANGUAGE_CODE", "zh-hans", ("zh-hans", "en"))


def test_secret_key_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    key_file = tmp_path / ".secret_key"
    first = env.secret_key("SECRET_KEY", key_file)
    assert len(first) > 40 and key_file.exists()
    assert env.secret_key("SECRET_KEY", key_file) == first
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert env.secret_key("SECRET_KEY", key_file) == "from-the-environment"


def test_settings_defaults(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert [code for code, _ in settings.LANGUAGES] == ["zh-hans", "en"]
    assert settings.AUTH_USER_MODEL == "accounts.User"


def test_bad_database_url_fails_fast(monkeypatch):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import django, os; django.setup()"],
        env={
            **__import__("os").environ,
            "DJANGO_SETTINGS_MODULE": "anjian.settings",
            "DATABASE_URL": "nosuchdb://x",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_redis_cache_backend_talks_to_a_real_server():
    """REDIS_URL selects Django's Redis cache; check it against the local server when it runs."""
    import redis
    from django.core.cache.backends.redis import RedisCache

    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    cache = RedisCache(url, {})
    cache.set("anjian-test", {"答": 42}, 10)
    assert cache.get("anjian-test") == {"答": 42}
    cache.delete("anjian-test")
