"""Accounts are suspended, never deleted, so that the history of what they did keeps their name."""

from django.urls import reverse

from anjian.accounts.models import User


def test_the_administrator_cannot_delete_an_account_on_the_page(world, client):
    target = world.users["grid_worker"]
    client.force_login(world.users["admin"])
    page = client.get(reverse("accounts:user_detail", args=[target.pk]))
    assert reverse("accounts:user_delete", args=[target.pk]) not in page.content.decode()
    assert client.post(reverse("accounts:user_delete", args=[target.pk])).status_code == 403
    assert User.objects.filter(pk=target.pk).exists()


def test_not_even_a_superuser_deletes_an_account_through_the_api(world, api_client):
    from anjian.accounts.testing import UserFactory

    root = UserFactory(is_superuser=True)
    target = world.users["grid_worker"]
    api_client.force_authenticate(root)
    assert api_client.delete(f"/api/users/{target.pk}/").status_code == 403
    assert User.objects.filter(pk=target.pk).exists()
