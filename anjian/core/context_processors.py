from anjian.core import navigation
from anjian.core.scoping import jurisdiction_for


def shell(request):
    """What the page shell needs on every page: the menu and the user's jurisdiction."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_menu": navigation.menu_for(user, request.path),
        "user_jurisdiction": jurisdiction_for(user),
    }
