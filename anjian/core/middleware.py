from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """A strict CSP: scripts and styles only from our own origin, no inline script.

    The Swagger UI page of the API docs ships an inline bootstrap script, so its path is exempt.
    """

    policy = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
        "base-uri 'self'; object-src 'none'"
    )
    exempt_prefixes = ("/api/docs/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.exempt_prefixes) and not settings.DEBUG:
            response.setdefault("Content-Security-Policy", self.policy)
        return response


class LocaleMiddleware:
    """Chinese first: the language is the one the user chose (the language cookie set by the
    switch on every page), else LANGUAGE_CODE — never guessed from the browser, since officials'
    machines often carry an English browser while the work is in Chinese."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every answer to a signed-in user and on every download
    (``Content-Disposition: attachment``), so no browser or proxy keeps a copy of a page or an
    export on disk. Static files never reach this middleware (WhiteNoise answers them first) and
    keep their long cache lifetime."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        download = response.get("Content-Disposition", "").startswith("attachment")
        if signed_in or download:
            response["Cache-Control"] = "no-store"
            response.headers.pop("Expires", None)
        return response
