"""The browser crawl (issue 8, point 12): every persona of the demo world signs in, opens every
menu page, and clicks every link and button in the results and the page actions, the way a person
would (clicking, not reading HTML). It fails on any server error (5xx), any console error or
uncaught script error, any link or button that answers 4xx, and any download (Export to Excel, an
import template) that does not arrive as a file openpyxl can open (a generated Word document:
python-docx).

To keep the run to a few minutes on two cores, URLs are deduplicated by pattern per persona (one
record's page stands for all: ``/enterprises/<n>/``; one sort link per list), every menu page
is opened, then its results and actions are clicked until ``PAGES_PER_PERSONA``; a record page's
own actions are clicked once for all personas. Destructive POSTs (delete, workflow moves) are
never submitted — their confirmation pages are opened; add and edit forms are submitted as found
(saved unchanged, or a validation message — never a crash). Sign-out is clicked last.
"""

import io
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

pytestmark = pytest.mark.browser  # the browser fixture (conftest.py) skips without chromium

PAGES_PER_PERSONA = 24
SKIP_PATHS = re.compile(r"/(delete|transition)/|/accounts/logout/|/i18n/|/api/|/admin/|/static/")
FORM_PAGES = re.compile(r"/(add|edit)/$")
DOWNLOAD = re.compile(r"(^|[?&])export=xlsx|\.xlsx$")
TARGETS = "#results a[href], .page-actions a[href], main .card a[href], main a[download]"


def pattern(url: str) -> tuple:
    """One key for URLs that show the same kind of page: ids and query values dropped."""
    parts = urlsplit(url)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)} - {"page"})
    return re.sub(r"\d+", "<n>", parts.path), tuple(keys), "page" in parts.query


class Crawl:
    """One persona's session. ``shared`` holds, for all personas, the record pages whose actions
    were clicked (once for all) and the link patterns clicked (others' first, within budget)."""

    def __init__(self, page, base, username, shared):
        self.page = page
        self.base = base
        self.username = username
        self.shared = shared["expanded"]
        self.clicked = shared["clicked"]
        self.problems: list[str] = []
        self.seen: set = set()
        self.visits = 0
        self.where = ""
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.fail(f"script error: {error}"))
        page.on("response", self._response)

    def fail(self, what: str):
        self.problems.append(f"{self.username} @ {self.where or self.page.url}: {what}")

    def _console(self, message):
        if message.type == "error":
            self.fail(f"console error: {message.text}")

    def _response(self, response):
        if not response.url.startswith(self.base):
            return
        kind = response.request.resource_type
        if response.status >= 500 or (
            response.status >= 400 and kind in ("document", "xhr", "fetch")
        ):
            self.fail(f"{response.status} from {response.request.method} {response.url}")

    def sign_in(self, password):
        page = self.page
        page.goto(f"{self.base}/accounts/login/")
        page.fill("#id_username", self.username)
        page.fill("#id_password", password)
        page.click("#login-submit")
        page.wait_for_url(f"{self.base}/")

    def settle(self):
        self.page.wait_for_load_state("load")
        self.page.wait_for_function("() => !document.querySelector('.htmx-request')")

    def open(self, url):
        self.where = url
        self.visits += 1
        self.page.goto(url)
        self.settle()

    def absolute(self, href):
        return href if href.startswith("http") else f"{self.base}{href}"

    def menu(self) -> list[str]:
        links = self.page.locator("nav .app-nav-link")
        return [self.absolute(links.nth(i).get_attribute("href")) for i in range(links.count())]

    def targets(self, scope=TARGETS) -> list[tuple[int, str, str]]:
        """(index, scope, url) of the links and buttons not yet followed, in page order."""
        found = []
        links = self.page.locator(scope)
        for i in range(links.count()):
            href = links.nth(i).get_attribute("href") or ""
            if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
                continue
            url = self.page.evaluate("(h) => new URL(h, location.href).href", href)
            if not url.startswith(self.base) or SKIP_PATHS.search(url):
                continue
            key = pattern(url)
            if key in self.seen:
                continue
            self.seen.add(key)
            found.append((i, scope, url))
        return found

    def click(self, index, scope, url) -> bool:
        """Click the link as a person would; a download must arrive as a workbook. True when
        the click led to another page."""
        import docx
        from openpyxl import load_workbook

        link = self.page.locator(scope).nth(index)
        self.where = f"{self.page.url} → {url}"
        self.visits += 1
        if DOWNLOAD.search(url) or link.get_attribute("download") is not None:
            try:
                with self.page.expect_download(timeout=15000) as info:
                    link.click()
                download = info.value
                name = download.suggested_filename
                with open(download.path(), "rb") as handle:
                    data = handle.read()
                if name.endswith(".docx"):  # a Word document generated from a record
                    docx.Document(io.BytesIO(data))
                else:
                    assert name.endswith(".xlsx"), name
                    load_workbook(io.BytesIO(data), read_only=True).close()
            except Exception as error:  # no download, or not a workbook / Word document
                self.fail(f"download did not arrive as a workbook or document: {error}")
            return False
        before = self.page.url
        if link.is_visible():
            link.click()
        else:
            self.page.goto(url)  # e.g. inside a collapsed panel: still followed
        self.settle()
        return urlsplit(self.page.url).path != urlsplit(before).path

    def submit_form(self):
        """Submit an add or edit form as it stands: saved, or a validation message — no crash."""
        button = self.page.locator("main form[method=post] button[type=submit]").first
        if button.count() and button.is_visible():
            self.where = f"{self.page.url} [submit]"
            button.click()
            self.settle()

    def record_page(self):
        """A page reached from a list: its actions (edit, history, …) once for all personas."""
        key = pattern(self.page.url)
        if FORM_PAGES.search(urlsplit(self.page.url).path):
            if key not in self.shared:
                self.shared.add(key)
                self.submit_form()
            return
        if key in self.shared:
            return
        self.shared.add(key)
        here = self.page.url
        for index, scope, url in self.targets(".page-actions a[href], main .card a[href]"):
            if self.visits >= PAGES_PER_PERSONA:
                return
            if self.page.url != here:
                self.open(here)
            if self.click(index, scope, url) and FORM_PAGES.search(urlsplit(url).path):
                self.submit_form()

    def run(self):
        menu = self.menu()
        self.seen.update(pattern(url) for url in [f"{self.base}/", *menu])
        plan = []
        for url in menu:  # every menu page, whatever the budget
            self.open(url)
            plan.extend((url, *target) for target in self.targets())
        # Links no persona has clicked yet come first, so the budget buys the most coverage.
        plan.sort(key=lambda step: pattern(step[3]) in self.clicked)
        for start, index, scope, url in plan:
            if self.visits >= PAGES_PER_PERSONA:
                break
            self.clicked.add(pattern(url))
            if self.page.url != start:
                self.open(start)
            if self.click(index, scope, url):
                self.record_page()


@pytest.mark.django_db(transaction=True)
def test_every_persona_clicks_through_every_menu_page(browser, live_server):
    from django.contrib.auth import get_user_model

    from anjian.demo.world import load

    password = "crawl-2026-demo"
    load(password=password)
    users = get_user_model().objects.filter(is_active=True).order_by("username")
    usernames = list(users.values_list("username", flat=True))
    assert len(usernames) >= 10
    problems, shared = [], {"expanded": set(), "clicked": set()}
    for username in usernames:
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        crawl = Crawl(page, live_server.url, username, shared)
        try:
            crawl.sign_in(password)
            crawl.run()
            crawl.where = "sign-out"
            page.goto(f"{live_server.url}/")
            page.click(".app-user-button")
            page.click("#logout-button")
            page.wait_for_url("**/accounts/login/**")
        except Exception as error:
            crawl.fail(f"crawl stopped: {error}")
        problems.extend(crawl.problems)
        context.close()
    assert not problems, "\n".join(problems)
