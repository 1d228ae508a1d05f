"""Advisory lock keys: stable, distinct per name, within PostgreSQL's signed bigint."""

from reviewer_app.services.locks import lock_key


def test_lock_keys_are_stable_distinct_signed_64_bit():
    keys = {lock_key(n) for n in ("face_duplicates.search", "intake.person:a", "intake.person:b")}
    assert len(keys) == 3
    assert all(-(2**63) <= k < 2**63 for k in keys)
    assert lock_key("intake.person:a") == lock_key("intake.person:a")
