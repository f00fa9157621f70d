"""The public listing of published accident reports in a real browser (Debian's chromium through
Playwright), as a citizen without an account finds it: from the sign-in page's link to the listing,
the seed evaluation's public report, and its Word version downloaded as a file that holds no
identity-card or mobile number. The public pages' shared footer leads there too."""

import io
import re

import pytest

from tests.test_browser_evaluation import DESKTOP

pytestmark = pytest.mark.browser  # the browser fixture (conftest.py) skips without chromium

ID_NUMBER = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")
MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


def document_text(path) -> str:
    import docx

    document = docx.Document(io.BytesIO(open(path, "rb").read()))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs + section.footer.paragraphs)
    return "\n".join(parts)


@pytest.mark.django_db(transaction=True)
def test_visitor_goes_from_sign_in_to_the_public_report_and_downloads_it(browser, live_server):
    from anjian.demo.world import load
    from anjian.evaluations.models import Evaluation

    load()  # the demo world: the seed evaluation of 恒亦达's “4·5” accident, published
    evaluation = (
        Evaluation._base_manager.filter(accident__name__contains="4·5", status="published")
        .select_related("accident")
        .first()
    )
    assert evaluation is not None, "the demo's seed evaluation is not published"
    name = evaluation.accident.name

    context = browser.new_context(accept_downloads=True, **DESKTOP)
    page = context.new_page()
    # Any public page's footer leads to the listing (here: reporting a hazard).
    page.goto(f"{live_server.url}/report/")
    page.click("#footer-public-reports")
    page.wait_for_url(f"{live_server.url}/evaluations/public/")

    # The sign-in page links it for whoever has no account.
    page.goto(f"{live_server.url}/accounts/login/")
    page.click("#public-reports-link")
    page.wait_for_url(f"{live_server.url}/evaluations/public/")
    page.locator("#public-evaluations a", has_text=name).click()
    page.wait_for_url(f"{live_server.url}/evaluations/public/{evaluation.pk}/")
    page.wait_for_selector(".evaluation-report")
    shown = page.inner_text(".evaluation-report")
    assert "六、评估意见" in shown
    assert not ID_NUMBER.search(shown) and not MOBILE.search(shown)

    with page.expect_download() as info:
        page.click("#public-report-download")
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    text = document_text(download.path())
    assert "六、评估意见" in text and "二、责任追究意见落实情况" in text
    assert not ID_NUMBER.search(text), ID_NUMBER.findall(text)
    assert not MOBILE.search(text), MOBILE.findall(text)
    context.close()
