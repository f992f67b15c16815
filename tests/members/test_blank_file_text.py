"""The import templates write member names as text, even a name that looks like a formula."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from members.imports.blank_files import blank_file
from members.imports.kinds import MemberImportKind

pytestmark = pytest.mark.django_db
LINK = '=HYPERLINK("http://example.com","Gnosjö")'


@pytest.mark.parametrize("kind", [MemberImportKind.CONTRIBUTIONS, MemberImportKind.POPULATION])
def test_a_member_named_like_a_formula_is_written_as_text(association, kind):
    member = association.memberships.filter(member__kind="municipality").first().member
    member.name = LINK
    member.save()
    sheet = load_workbook(BytesIO(blank_file(association, kind, 2015))).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == LINK]
    assert [(c.data_type, c.quotePrefix) for c in cells] == [("s", True)]
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
