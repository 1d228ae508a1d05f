"""The review page shows the child's birth certificate in its own tab, only for applications that have one."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtGui import QImage

from reviewer_app.domain.enums import ApplicationStatus
from reviewer_app.domain.views import ROLE_CERTIFICATE, ApplicationView, FieldRow
from reviewer_app.ui.loading import Loaded
from reviewer_app.ui.review_page import ReviewPage


def view(kind: str) -> ApplicationView:
    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    return ApplicationView(id="X", kind=kind, status=ApplicationStatus.IN_REVIEW, version=1, submitted_at=now,
                           sla_deadline=now.date(), applicant_name="И",
                           fields=(FieldRow("passport", "Паспорт", "Passport", "4510 573483", "4510 573482", True),))


def test_certificate_tab_for_child_applications_only(qtbot):
    page = ReviewPage("en")
    qtbot.addWidget(page)
    cert = QImage(60, 80, QImage.Format.Format_RGB32)
    cert.fill(0xFFEEEEEE)
    page.show_loaded(Loaded(view("child_access"), images={ROLE_CERTIFICATE: cert}))
    assert page.left.isTabVisible(page.cert_tab) and page.certificate.has_image
    assert page.left.currentIndex() == 0  # the faces first
    assert page.fields_model.rowCount() == 1
    page.show_loaded(Loaded(view("own_access")))
    assert not page.left.isTabVisible(page.cert_tab)
    page.clear("none")
    assert not page.left.isTabVisible(page.cert_tab)
