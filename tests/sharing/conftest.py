import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Share links count openings in the cache (the rate limit): each test starts at zero."""
    cache.clear()
    yield
    cache.clear()
