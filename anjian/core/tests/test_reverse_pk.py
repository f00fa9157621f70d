"""``core.models.reverse_pk`` (a list's row links) answers what ``reverse`` answers."""

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.base import set_script_prefix

from anjian.core.models import reverse_pk


def _detail_names():
    found = []

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name and p.name.endswith("_detail"):
                found.append(f"{namespace}{p.name}")

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


@pytest.mark.parametrize("pk", [0, 1, 42, 10**12])
def test_every_detail_route_reverses_as_reverse_does(pk):
    names = _detail_names()
    assert len(names) >= 20
    for name in names:
        try:
            expected = reverse(name, args=[pk])
        except NoReverseMatch:  # a route with more than the key
            expected = None
        except ValueError as exc:  # a route with fixed keyword arguments
            with pytest.raises(type(exc)):
                reverse_pk(name, pk)
            continue
        assert reverse_pk(name, pk) == expected, name


def test_no_route_is_none_and_the_script_prefix_is_kept():
    assert reverse_pk("nowhere:nothing_detail", 1) is None
    set_script_prefix("/sub/")
    try:
        assert reverse_pk("regions:region_detail", 5) == "/sub/regions/5/"
    finally:
        set_script_prefix("/")
    assert reverse_pk("regions:region_detail", 5) == "/regions/5/"
