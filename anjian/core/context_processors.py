from anjian.core import navigation
from anjian.core.scoping import jurisdiction_for


def shell(request):
    """What the page shell needs on every page: the menu and the user's jurisdiction.

    Computed once per request: template columns of a table render their cells with a
    RequestContext, which runs the context processors again for every cell.
    """
    cached = getattr(request, "_anjian_shell", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        cached = {}
    else:
        cached = {
            "nav_menu": navigation.menu_for(user, request.path),
            "user_jurisdiction": jurisdiction_for(user),
        }
    request._anjian_shell = cached
    return cached
