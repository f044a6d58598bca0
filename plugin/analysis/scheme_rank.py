"""The weighted rank of design schemes (方案比选排序), from the comparison table.

Each criterion is normalised across the schemes by min–max to a score in [0, 1] with
1 = best: GFA more is better, every other criterion less is better. When all schemes
have the same value (or only one has a value) every scheme scores 1 on it; a criterion no
scheme has a value for (e.g. the skyline without viewpoints) is left out of the score.
score = Σ w·s / Σ w over the criteria used; rank 1 = the highest score, equal scores
(within 1e-9) share a rank and the next rank skips (1, 1, 3).

No Qt and no QGIS here.
"""

import numpy as np

from .notes import Note

# criterion → +1 when more is better, −1 when less is better
CRITERIA = {"gfa": 1, "height": -1, "skyline": -1, "sunlight": -1, "flood": -1}
DEFAULT_WEIGHTS = {"gfa": 1.0, "height": 1.0, "skyline": 1.0, "sunlight": 1.0, "flood": 1.0}
_TIE = 1e-9


class RankInputError(ValueError):
    """Bad weights, as one sentence."""


def normalise(values, direction):
    """Scores in [0, 1] (1 = best) of one criterion; NaN where the value is NaN."""
    values = np.asarray(values, dtype=float)
    out = np.full(len(values), np.nan)
    known = np.isfinite(values)
    if not known.any():
        return out
    lo, hi = values[known].min(), values[known].max()
    if hi - lo <= _TIE * max(1.0, abs(hi)):
        out[known] = 1.0
        return out
    scaled = (values[known] - lo) / (hi - lo)
    out[known] = scaled if direction > 0 else 1.0 - scaled
    return out


def competition_rank(scores):
    """1 + the number of schemes with a strictly higher score (ties share a rank)."""
    scores = np.asarray(scores, dtype=float)
    return np.array([1 + int((scores > s + _TIE).sum()) for s in scores], dtype=np.int64)


def rank(values, weights=None):
    """``values``: criterion → one value per scheme. Returns (criterion → scores, score,
    rank). Weights must be ≥ 0 with at least one criterion in use above 0."""
    weights = dict(DEFAULT_WEIGHTS, **(weights or {}))
    if any(not np.isfinite(w) or w < 0 for w in weights.values()):
        raise RankInputError(Note("Weights must be numbers of 0 or more."))
    count = len(next(iter(values.values()))) if values else 0
    scores = {key: normalise(values[key], CRITERIA[key]) for key in CRITERIA if key in values}
    total = np.zeros(count)
    weight_sum = 0.0
    for key, s in scores.items():
        w = float(weights.get(key, 0.0))
        if w <= 0 or not np.isfinite(s).any():
            continue
        # A scheme without a value on a criterion others have scores 0 on it.
        total += w * np.nan_to_num(s, nan=0.0)
        weight_sum += w
    if weight_sum <= 0:
        raise RankInputError(Note("Give at least one weight above 0 for a criterion that "
                                  "was computed."))
    score = total / weight_sum
    return scores, score, competition_rank(score)


def criterion_values(table):
    """The value of each scheme (a row of the comparison table) on each criterion: NaN
    where the comparison did not compute it."""
    def col(name):
        return (table[name].to_numpy(dtype=float) if name in table.columns
                else np.full(len(table), np.nan))

    return {"gfa": col("gfa_m2"), "height": col("excess_total_m"),
            "skyline": col("skyline_mean_change_deg"),
            "sunlight": col("sunlight_points_lost") - col("sunlight_points_gained"),
            "flood": col("flood_gfa_exposed_m2")}


def rank_table(table, weights=None):
    """Adds s_<criterion>, score and rank columns to the comparison table; the names of
    the schemes ranked first."""
    scores, score, ranks = rank(criterion_values(table), weights)
    for key, values in scores.items():
        table["s_" + key] = values
    table["score"] = score
    table["rank"] = ranks
    return table.loc[table["rank"] == 1, "scheme"].tolist()
