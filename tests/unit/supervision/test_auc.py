import random

import pytest

from reviewer_app.services.stats import auc


def _brute(pos, neg):
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def test_auc_extremes() -> None:
    assert auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert auc([0.1], [0.9]) == 0.0
    assert auc([0.5, 0.5], [0.5]) == 0.5
    assert auc([], [1.0]) is None and auc([1.0], []) is None


@pytest.mark.parametrize("seed", range(5))
def test_auc_matches_pairwise_count(seed) -> None:
    rnd = random.Random(seed)
    pos = [rnd.choice(range(20)) for _ in range(40)]
    neg = [rnd.choice(range(15)) for _ in range(30)]
    assert auc(pos, neg) == pytest.approx(_brute(pos, neg))
