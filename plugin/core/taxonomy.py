"""The twin data system: 3 categories and 25 subcategories (profile TDS-1, section 3).

A service may publish its own taxonomy (landing link rel=describedby) as JSON of the
shape ``Taxonomy.to_dict()`` gives; anything it leaves out falls back to the default.
"""

# (code, English, Chinese)
CATEGORIES = (
    ("space", "Basic urban space", "城市基础空间"),
    ("management", "Management objects", "管理对象"),
    ("iot", "IoT sensing", "物联感知"),
)

# (category, code, English, Chinese)
SUBCATEGORIES = (
    ("space", "terrain", "Terrain and elevation", "地形地貌"),
    ("space", "imagery", "Imagery", "影像"),
    ("space", "buildings", "Buildings (footprints, heights, BIM)", "建筑"),
    ("space", "roads", "Roads and streets", "道路"),
    ("space", "water", "Rivers, lakes and coast", "水系"),
    ("space", "green", "Green space and vegetation", "绿地"),
    ("space", "underground", "Underground space", "地下空间"),
    ("space", "pipelines", "Utility pipelines", "管线"),
    ("space", "transit", "Rail transit", "轨道交通"),
    ("space", "boundaries", "Administrative boundaries and districts", "行政区划与片区"),
    ("management", "parcels", "Land parcels and land use", "地块与用地"),
    ("management", "planning-control", "Planning controls (height limits, view corridors)",
     "规划管控"),
    ("management", "projects", "Construction projects and design schemes", "建设项目与方案"),
    ("management", "public-facilities", "Public service facilities", "公共服务设施"),
    ("management", "energy", "Power charging, storage and supply", "电力充储放"),
    ("management", "water-affairs", "Water affairs (pumping stations, drainage, flood points)",
     "水务设施"),
    ("management", "emergency", "Emergency resources and shelters", "应急资源"),
    ("management", "population", "Population and grid units", "人口与网格"),
    ("management", "risk", "Hazard and risk zones, simulation results", "风险区与模拟成果"),
    ("iot", "water-level", "Water level gauges", "水位监测"),
    ("iot", "rainfall", "Rain gauges", "雨量监测"),
    ("iot", "video", "Video cameras", "视频监控"),
    ("iot", "environment", "Air and noise monitoring", "环境监测"),
    ("iot", "traffic", "Traffic flow detectors", "交通流监测"),
    ("iot", "energy-metering", "Energy meters and charger status", "能源计量"),
)

UNCLASSIFIED = "unclassified"
_UNCLASSIFIED_LABELS = {"en": "Unclassified", "zh": "未分类"}


def _lang(lang):
    # "zh", "zh_CN", "zh-Hans" all mean Chinese; everything else gets English.
    return "zh" if (lang or "").lower().startswith("zh") else "en"


def _labels_of(node):
    # A missing label falls back to English, then to the code itself.
    en = node.get("en") or node["code"]
    return en, node.get("zh") or en


class Taxonomy:
    """Codes, parents and bilingual labels of categories and subcategories."""

    def __init__(self, categories=CATEGORIES, subcategories=SUBCATEGORIES):
        self.labels = {UNCLASSIFIED: dict(_UNCLASSIFIED_LABELS)}
        self.categories = []
        self.parent = {}
        for code, en, zh in categories:
            self.categories.append(code)
            self.labels[code] = {"en": en, "zh": zh}
        self.children = {code: [] for code in self.categories}
        for cat, code, en, zh in subcategories:
            self.children.setdefault(cat, []).append(code)
            self.parent[code] = cat
            self.labels[code] = {"en": en, "zh": zh}

    @classmethod
    def default(cls):
        return cls()

    @classmethod
    def from_dict(cls, doc):
        """Read ``{"categories": [{"code", "en", "zh", "subcategories": [{"code", "en",
        "zh"}]}]}``; a malformed document yields the default taxonomy."""
        try:
            cats, subs = [], []
            for cat in doc["categories"]:
                cats.append((cat["code"], *_labels_of(cat)))
                for sub in cat.get("subcategories", []):
                    subs.append((cat["code"], sub["code"], *_labels_of(sub)))
        except (KeyError, TypeError):
            return cls.default()
        if not cats:
            return cls.default()
        return cls(cats, subs)

    def to_dict(self):
        return {"categories": [
            {"code": c, **self.labels[c],
             "subcategories": [{"code": s, **self.labels[s]} for s in self.children[c]]}
            for c in self.categories]}

    @property
    def subcategories(self):
        return [s for c in self.categories for s in self.children[c]]

    def label(self, code, lang="en"):
        """Label of a category or subcategory code; unknown codes label themselves."""
        labels = self.labels.get(code)
        return labels[_lang(lang)] if labels else code

    def category_of(self, subcategory):
        return self.parent.get(subcategory)


DEFAULT = Taxonomy.default()


def label(code, lang="en"):
    return DEFAULT.label(code, lang)
