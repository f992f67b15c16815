"""The association's facts page (issue 16): staff edit, others read, a stale save is refused,
the logo is checked by its bytes, kept in the association's folder and printed on the cover
and in every page's header."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from finsam.errors import StaleEditError
from finsam.lib.filetypes import FileTypeError, check_image
from finsam.models import Association
from finsam.pdf import StaticOnlyFetcher
from finsam.permissions import Role
from members.facts_services import FACT_FIELDS, association_facts_update, logo_file
from reports.builders import build_report
from reports.rendering import print_html, report_pdf
from tests.reports.plan_texts import plan


def png(width: int = 40, height: int = 20) -> bytes:
    out = BytesIO()
    Image.new("RGB", (width, height), (0, 90, 160)).save(out, "PNG")
    return out.getvalue()


def facts_of(association: Association, **changes) -> dict:
    return {name: getattr(association, name) for name in FACT_FIELDS} | changes


def post(association: Association, **changes) -> dict:
    data = {k: "" if v is None else v for k, v in facts_of(association, **changes).items()}
    return data | {"version": association.version}


def test_staff_change_the_facts_with_history(staff_client, association):
    url = reverse("members:facts_edit", args=[association.slug])
    response = staff_client.post(url, post(association, vision="Alla i arbete."))
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.vision == "Alla i arbete." and association.version == 2
    assert association.history.latest().vision == "Alla i arbete."


def test_a_wrong_organisation_number_is_shown_next_to_the_field(staff_client, association):
    url = reverse("members:facts_edit", args=[association.slug])
    response = staff_client.post(url, post(association, org_number="123", name=""))
    assert response.status_code == 200
    form = response.context["form"]
    assert "org_number" in form.errors and "name" in form.errors  # all errors at once


def test_a_stale_save_is_refused(association):
    first = association.version
    association_facts_update(
        association=association, expected_version=first, facts=facts_of(association)
    )
    with pytest.raises(StaleEditError):
        association_facts_update(
            association=association, expected_version=first, facts=facts_of(association)
        )


@pytest.mark.parametrize("role", [Role.BOARD, Role.AUDITOR])
def test_read_only_roles_read_but_cannot_edit(client, make_user, association, role):
    client.force_login(make_user("reader", association, role))
    page = client.get(reverse("members:facts", args=[association.slug]))
    assert page.status_code == 200 and association.name in page.content.decode()
    assert "facts_edit" not in page.content.decode()
    assert client.get(reverse("members:facts_edit", args=[association.slug])).status_code == 403


def test_a_logo_is_stored_in_the_associations_folder_and_served(staff_client, association):
    upload = SimpleUploadedFile("../../etc/logo.png", png(), content_type="image/png")
    url = reverse("members:facts_edit", args=[association.slug])
    response = staff_client.post(url, post(association) | {"logo": upload})
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.logo.name.startswith(f"logos/{association.pk}/logo-")
    assert association.logo.name.endswith(".png")
    shown = staff_client.get(reverse("members:logo", args=[association.slug]))
    assert shown["Content-Type"] == "image/png"
    assert b"".join(shown.streaming_content) == png()


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "ingen PNG"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"broken" * 10, "går inte att läsa"),
        ("logo.png", b"", "tom"),
        ("logo.jpg", b"\xff\xd8\xff" + b"x" * (2 * 2**20 + 1), "högst 2 MB"),
    ],
)
def test_a_file_that_is_not_a_small_image_is_refused(
    staff_client, association, name, content, says
):
    upload = SimpleUploadedFile(name, content)
    url = reverse("members:facts_edit", args=[association.slug])
    response = staff_client.post(url, post(association) | {"logo": upload})
    assert response.status_code == 200
    assert says in " ".join(response.context["form"].errors["logo"])
    association.refresh_from_db()
    assert not association.logo


def test_a_huge_canvas_is_refused_before_it_is_decoded():
    with pytest.raises(FileTypeError, match="bildpunkter"):
        check_image(BytesIO(png(5000, 4000)), "stor.png", max_pixels=16 * 10**6)


def test_the_logo_is_printed_on_the_cover_of_the_pdf(association):
    report = plan("finnveden", 2014)
    logo = SimpleUploadedFile("logo.png", png())
    association_facts_update(
        association=report.association,
        expected_version=report.association.version,
        facts=facts_of(report.association),
        logo=logo,
    )
    report.association.refresh_from_db()
    data = build_report(report)
    assert data.logo_path == logo_file(report.association)
    assert 'class="cover-logo"' in print_html(data)
    reader = PdfReader(BytesIO(report_pdf(data)))
    assert len(reader.pages[0].images) == 1  # the cover
    assert all(len(page.images) >= 1 for page in reader.pages[1:])  # every page's header


def test_the_fetcher_serves_the_named_logo_and_nothing_beside_it(tmp_path):
    named, other = tmp_path / "logo.png", tmp_path / "other.png"
    named.write_bytes(png())
    other.write_bytes(png())
    fetcher = StaticOnlyFetcher(also=[named])
    assert fetcher.fetch(named.as_uri()).read() == png()
    with pytest.raises(ValueError):
        fetcher.fetch(other.as_uri())
    with pytest.raises(ValueError):
        fetcher.fetch((tmp_path / "x" / ".." / "other.png").as_uri())


def test_the_facts_page_links_the_associations_history(staff_client, association):
    url = reverse("members:facts_edit", args=[association.slug])
    staff_client.post(url, post(association, purpose="Ett nytt ändamål."))
    page = staff_client.get(reverse("members:facts", args=[association.slug]))
    history = reverse("members:history", args=[association.slug]) + "?slag=members.association"
    assert history in page.content.decode()
    assert staff_client.get(history).status_code == 200


def test_staff_set_the_report_deadlines_with_history(staff_client, association):
    """The start page counts from these (tests/test_start_page.py)."""
    assert (association.interim_report_due_days, association.plan_due_days_before_year) == (60, 31)
    url = reverse("members:facts_edit", args=[association.slug])
    changes = {"interim_report_due_days": 45, "plan_due_days_before_year": 61}
    assert staff_client.post(url, post(association, **changes)).status_code == 302
    association.refresh_from_db()
    assert (association.interim_report_due_days, association.plan_due_days_before_year) == (45, 61)
    assert association.history.latest().plan_due_days_before_year == 61
    page = staff_client.get(reverse("members:facts", args=[association.slug])).content.decode()
    assert "inom 45 dagar efter periodens slut" in page
    assert "senast 61 dagar före årets början" in page


@pytest.mark.parametrize("days", ["400", "-1", "tio"])
def test_a_deadline_out_of_range_is_refused_at_its_field(staff_client, association, days):
    url = reverse("members:facts_edit", args=[association.slug])
    response = staff_client.post(url, post(association, interim_report_due_days=days))
    assert response.status_code == 200
    assert "interim_report_due_days" in response.context["form"].errors
    association.refresh_from_db()
    assert association.interim_report_due_days == 60 and association.version == 1
