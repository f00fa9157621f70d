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
