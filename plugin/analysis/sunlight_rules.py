"""The sunlight rules of GB 50180-2018 table 4.0.9 (住宅建筑日照标准).

Apart from the kernel so the Processing dialog can list them while the plugin loads,
without importing numpy.
"""

from dataclasses import dataclass

from .notes import N_


@dataclass(frozen=True)
class Rule:
    key: str
    label: str          # N_ template, shown translated
    day: str            # "dahan" / "dongzhi" (sun.standard_day) or "custom"
    start: float        # true solar time, hours
    end: float
    hours: float        # required sunlit hours


# GB 50180-2018 table 4.0.9 (住宅建筑日照标准), urban population in the city proper.
RULES = {r.key: r for r in (
    Rule("dahan_3h", N_("大寒日 ≥ 3 h, 08:00–16:00 (climate zone IV, ≥ 0.5 million people, e.g. "
                        "Shenzhen; zones I, II, III, VII under 0.5 million)"),
         "dahan", 8.0, 16.0, 3.0),
    Rule("dahan_2h", N_("大寒日 ≥ 2 h, 08:00–16:00 (climate zones I, II, III, VII, ≥ 0.5 million "
                        "people)"), "dahan", 8.0, 16.0, 2.0),
    Rule("dongzhi_1h", N_("冬至日 ≥ 1 h, 09:00–15:00 (climate zone IV under 0.5 million people; "
                          "zones V, VI)"), "dongzhi", 9.0, 15.0, 1.0),
)}
CUSTOM = "custom"
