"""The example application of shared/docs/intake-format.md, shared by the pack and policy tests."""

from __future__ import annotations

from typing import Any

EXAMPLE: dict[str, Any] = {
    "format": 1,
    "id": "EMK-2026-000123",
    "kind": "child_access",
    "submitted_at": "2026-11-20T10:15:00+03:00",
    "applicant": {
        "last_name": "Иванова", "first_name": "Мария", "middle_name": "Петровна", "birth_date": "1990-05-17",
        "phone": "+7 916 123-45-67", "snils": "112-233-445 95", "account_confirmed_at_mfc": False,
        "biometric_consent": True,
        "passport": {"series": "4502", "number": "573482", "issued_on": "2010-06-01",
                     "issued_by": "ОВД района Арбат г. Москвы", "division_code": "770-001"},
        "oms_policy": {"number": "7700000000000008", "region": "77"},
    },
    "child": {
        "last_name": "Иванов", "first_name": "Пётр", "middle_name": "Сергеевич", "birth_date": "2019-02-11",
        "oms_policy": {"number": "5049123456789017", "region": "77"},
        "birth_certificate": {"series": "IV-МЮ", "number": "123456", "issued_on": "2019-03-01", "country": "RU"},
    },
    "documents": {"selfie_with_passport": "selfie.jpg", "passport_scan": "passport.jpg",
                  "birth_certificate_scan": "certificate.jpg"},
}
