"""A generated city-scale catalog: thousands of OGC API collection documents.

The real Shenzhen twin publishes 4,000+ data services across 3 categories, 25
subcategories and many districts; the sample service has 23. This builds documents of
the same shape as a real /collections answer at that scale (bilingual titles, long and
awkward descriptions, twin: tags of profile section 2, bboxes inside Shenzhen, coverage
links for rasters, ~3% untagged) for the scale tests and benchmarks. Stdlib only, and
deterministic for a seed.
"""

import random

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG_4490 = "http://www.opengis.net/def/crs/EPSG/0/4490"
EPSG_4547 = "http://www.opengis.net/def/crs/EPSG/0/4547"
COVERAGE_REL = "http://www.opengis.net/def/rel/ogc/1.0/coverage"
CITY_BBOX = (113.75, 22.45, 114.65, 22.85)
UNTAGGED_SHARE = 0.03

# (id, English, Chinese, lon, lat): review districts across the city's ten
# administrative districts; centres are approximate.
DISTRICTS = (
    ("xiangmihu", "Xiangmihu", "香蜜湖", 114.03, 22.55),
    ("futian-cbd", "Futian CBD", "福田中心区", 114.06, 22.535),
    ("huaqiangbei", "Huaqiangbei", "华强北", 114.085, 22.545),
    ("meilin", "Meilin", "梅林", 114.05, 22.57),
    ("shatou", "Shatou", "沙头", 114.03, 22.525),
    ("lianhua", "Lianhua", "莲花", 114.06, 22.555),
    ("houhai", "Houhai", "后海", 113.94, 22.52),
    ("shekou", "Shekou", "蛇口", 113.91, 22.49),
    ("qianhai", "Qianhai", "前海", 113.89, 22.53),
    ("xili", "Xili", "西丽", 113.95, 22.58),
    ("taoyuan", "Taoyuan", "桃源", 113.97, 22.56),
    ("yuehai", "Yuehai", "粤海", 113.94, 22.54),
    ("shahe", "Shahe", "沙河", 113.98, 22.54),
    ("dachong", "Dachong", "大冲", 113.95, 22.545),
    ("dongmen", "Dongmen", "东门", 114.12, 22.55),
    ("cuizhu", "Cuizhu", "翠竹", 114.13, 22.57),
    ("liantang", "Liantang", "莲塘", 114.17, 22.56),
    ("sungang", "Sungang", "笋岗", 114.11, 22.57),
    ("yantian-port", "Yantian Port", "盐田港", 114.27, 22.58),
    ("shatoujiao", "Shatoujiao", "沙头角", 114.23, 22.55),
    ("meisha", "Meisha", "梅沙", 114.30, 22.60),
    ("xixiang", "Xixiang", "西乡", 113.87, 22.58),
    ("fuyong", "Fuyong", "福永", 113.82, 22.67),
    ("shajing", "Shajing", "沙井", 113.82, 22.73),
    ("songgang", "Songgang", "松岗", 113.85, 22.77),
    ("shiyan", "Shiyan", "石岩", 113.93, 22.67),
    ("baoan-center", "Bao'an Centre", "宝安中心区", 113.88, 22.555),
    ("longhua-center", "Longhua Centre", "龙华中心区", 114.04, 22.66),
    ("minzhi", "Minzhi", "民治", 114.04, 22.62),
    ("dalang", "Dalang", "大浪", 114.01, 22.66),
    ("guanlan", "Guanlan", "观澜", 114.05, 22.73),
    ("bantian", "Bantian", "坂田", 114.07, 22.63),
    ("buji", "Buji", "布吉", 114.12, 22.61),
    ("henggang", "Henggang", "横岗", 114.21, 22.65),
    ("longgang-center", "Longgang Centre", "龙岗中心城", 114.25, 22.72),
    ("pingdi", "Pingdi", "坪地", 114.30, 22.76),
    ("pingshan-center", "Pingshan Centre", "坪山中心区", 114.35, 22.70),
    ("kengzi", "Kengzi", "坑梓", 114.38, 22.73),
    ("guangming-science-city", "Guangming Science City", "光明科学城", 113.93, 22.78),
    ("guangming-center", "Guangming Centre", "光明中心区", 113.94, 22.75),
    ("dapeng", "Dapeng", "大鹏", 114.48, 22.59),
    ("nanao", "Nan'ao", "南澳", 114.47, 22.53),
    ("xichong", "Xichong", "西涌", 114.55, 22.48),
)

# subcategory -> (category, [(English noun, Chinese noun, kind, role)]): the kinds of
# data a twin publishes under each of the 25 subcategories (profile section 3).
SUBJECTS = {
    "terrain": ("space", [("DEM 5 m", "数字高程模型", "raster", "dem"),
                          ("contours", "等高线", "vector", None),
                          ("slope analysis", "坡度分析", "raster", None)]),
    "imagery": ("space", [("aerial imagery", "航空影像", "raster", None),
                          ("satellite imagery", "卫星影像", "raster", None)]),
    "buildings": ("space", [("buildings", "建筑", "vector", "buildings"),
                            ("building footprints", "建筑底面", "vector", "buildings"),
                            ("BIM models", "BIM模型", "vector", None)]),
    "roads": ("space", [("roads", "道路", "vector", "roads"),
                        ("street centre lines", "道路中心线", "vector", "roads"),
                        ("bridges", "桥梁", "vector", None)]),
    "water": ("space", [("rivers and lakes", "河湖水系", "vector", "water"),
                        ("coastline", "海岸线", "vector", "water")]),
    "green": ("space", [("parks", "公园绿地", "vector", "green"),
                        ("street trees", "行道树", "vector", None),
                        ("greenways", "绿道", "vector", "green")]),
    "underground": ("space", [("underground space", "地下空间", "vector", None),
                              ("metro tunnels", "地铁隧道", "vector", None)]),
    "pipelines": ("space", [("pipelines", "管线", "vector", None),
                            ("drainage pipes", "排水管网", "vector", None),
                            ("gas pipelines", "燃气管线", "vector", None)]),
    "transit": ("space", [("metro stations", "地铁站点", "vector", "metro-stations"),
                          ("rail lines", "轨道线路", "vector", None)]),
    "boundaries": ("space", [("district boundaries", "片区边界", "vector", "districts"),
                             ("subdistrict boundaries", "街道边界", "vector", None)]),
    "parcels": ("management", [("land parcels", "地块", "vector", "parcels"),
                               ("land use", "用地现状", "vector", "parcels")]),
    "planning-control": ("management", [
        ("height control", "建筑限高", "vector", "height-control"),
        ("view corridors", "景观视廊", "vector", "view-corridors"),
        ("viewpoints", "观景点", "vector", "viewpoints")]),
    "projects": ("management", [("design scheme", "设计方案", "scheme", None),
                                ("construction projects", "建设项目", "vector", None)]),
    "public-facilities": ("management", [("schools", "学校", "vector", "facilities"),
                                         ("hospitals", "医院", "vector", "facilities"),
                                         ("community facilities", "社区设施", "vector",
                                          "facilities")]),
    "energy": ("management", [("EV chargers", "充电桩", "vector", "ev-chargers"),
                              ("substations", "变电站", "vector", None),
                              ("energy storage", "储能站", "vector", None)]),
    "water-affairs": ("management", [("pumping stations", "泵站", "vector", None),
                                     ("flood points", "内涝点", "vector", None),
                                     ("drainage outlets", "排水口", "vector", None)]),
    "emergency": ("management", [("emergency shelters", "应急避难场所", "vector", None),
                                 ("emergency supplies", "应急物资", "vector", None)]),
    "population": ("management", [("population grid", "人口网格", "vector", None),
                                  ("grid units", "网格单元", "vector", None)]),
    "risk": ("management", [("flood depth", "内涝水深", "raster", "flood-depth"),
                            ("landslide risk zones", "滑坡风险区", "vector", None),
                            ("heat island", "热岛分析", "raster", None)]),
    "water-level": ("iot", [("water level gauges", "水位监测站", "sensors", "water-level-gauges"),
                            ("water level observations", "水位观测", "observations", None)]),
    "rainfall": ("iot", [("rain gauges", "雨量站", "sensors", "rain-gauges"),
                         ("rainfall observations", "雨量观测", "observations", None)]),
    "video": ("iot", [("video cameras", "视频监控点", "sensors", None)]),
    "environment": ("iot", [("air quality stations", "空气质量监测站", "sensors", None),
                            ("noise monitors", "噪声监测", "sensors", None),
                            ("air quality observations", "空气质量观测", "observations", None)]),
    "traffic": ("iot", [("traffic detectors", "交通流检测器", "sensors", None),
                        ("traffic flow observations", "交通流观测", "observations", None)]),
    "energy-metering": ("iot", [("energy meters", "能源计量表", "sensors", None),
                                ("charger status", "充电桩状态", "observations", None)]),
}

SCENARIOS = ("rp20", "rp50", "rp100")
_AWKWARD = (
    'Pipes with diameter < 300 mm & "legacy" status are flagged; see <b>notes</b>.',
    "Values in 'draft' state & not yet approved (审批中) — use with care.",
    'Derived from the 2019 survey <ref id="S-19"> & later field checks.',
)
_FILLER = ("Compiled by the municipal twin platform from the planning, natural resources "
           "and water affairs bureaus; updated on a fixed cycle and checked against field "
           "surveys. 数据由城市数字孪生平台汇聚，按周期更新并经现场核查。 ")


def _bbox(rng, district_ids):
    if "*" in district_ids:
        return list(CITY_BBOX)
    centres = {d[0]: (d[3], d[4]) for d in DISTRICTS}
    xs = [centres[d][0] for d in district_ids]
    ys = [centres[d][1] for d in district_ids]
    pad = rng.uniform(0.005, 0.025)
    lo_x, lo_y, hi_x, hi_y = CITY_BBOX
    return [round(max(lo_x, min(xs) - pad), 5), round(max(lo_y, min(ys) - pad), 5),
            round(min(hi_x, max(xs) + pad), 5), round(min(hi_y, max(ys) + pad), 5)]


def _districts(rng):
    roll = rng.random()
    if roll < 0.10:
        return ["*"]
    count = 1 if roll < 0.85 else rng.choice((2, 3))
    return [d[0] for d in rng.sample(DISTRICTS, count)]


def _title(rng, district_ids, noun_en, noun_zh, year):
    names = {d[0]: (d[1], d[2]) for d in DISTRICTS}
    en, zh = names[district_ids[0]] if district_ids[0] != "*" else ("Shenzhen", "深圳市")
    style = rng.random()
    if style < 0.4:
        return "{} {} {} {}{}".format(en, noun_en, year, zh, noun_zh)
    if style < 0.7:
        return "{} {} ({})".format(en, noun_en, year)
    return "{}{}（{}年）".format(zh, noun_zh, year)


def _description(rng, noun_en, noun_zh):
    text = "{} ({}).".format(noun_en.capitalize(), noun_zh)
    roll = rng.random()
    if roll < 0.15:
        text += " " + rng.choice(_AWKWARD)
    elif roll < 0.25:
        text += " " + _FILLER * rng.randint(4, 12)  # a long one: 1-3 KB
    return text.strip()


def _links(base_url, cid, kind):
    here = "{}/collections/{}".format(base_url, cid)
    links = [
        {"rel": "self", "type": "application/json", "title": "This collection", "href": here},
        {"rel": "items", "type": "application/geo+json", "title": "Items",
         "href": here + "/items"},
    ]
    if kind == "raster":
        links.append({"rel": COVERAGE_REL, "type": "image/tiff; application=geotiff",
                      "title": "Coverage", "href": here + "/coverage?f=GTiff"})
    return links


def _collection(rng, index, base_url):
    sub = rng.choice(sorted(SUBJECTS))
    category, subjects = SUBJECTS[sub]
    noun_en, noun_zh, kind, role = rng.choice(subjects)
    districts = _districts(rng)
    year = rng.randint(2018, 2026)
    version = "{}-{:02d}-{:02d}".format(year, rng.randint(1, 12), rng.randint(1, 28))
    cid = "{}-{}-{:04d}".format(sub, "city" if districts == ["*"] else districts[0], index)
    keywords = [noun_en, noun_zh, sub]
    tagged = rng.random() >= UNTAGGED_SHARE
    if tagged:
        keywords += ["twin:category=" + category, "twin:subcategory=" + sub]
        keywords += ["twin:district=" + d for d in districts]
        keywords.append("twin:kind=" + kind)
        if role and rng.random() < 0.6:
            keywords.append("twin:role=" + role)
        if role == "flood-depth":
            keywords.append("twin:scenario=" + rng.choice(SCENARIOS))
        if kind == "scheme":
            site = "s{}".format(rng.randint(1, 60))
            keywords += ["twin:site=" + site,
                         "twin:scheme={}-{}".format(site, rng.choice("abc"))]
        keywords.append("twin:version=" + version)
    crs = [CRS84] if rng.random() < 0.3 else [CRS84, EPSG_4490, EPSG_4547]
    return {
        "id": cid,
        "title": _title(rng, districts, noun_en, noun_zh, year),
        "description": _description(rng, noun_en, noun_zh),
        "keywords": keywords,
        "extent": {"spatial": {"bbox": [_bbox(rng, districts)], "crs": CRS84}},
        "crs": crs,
        "storageCrs": crs[-1],
        "itemType": "feature",
        "links": _links(base_url, cid, kind),
    }


def collections(n=4000, seed=7, base_url=""):
    """``n`` collection documents, the same for the same seed.

    Links are ``{base_url}/collections/{id}...``; the default "" makes them
    root-relative, right for a server that serves the API at its root."""
    rng = random.Random(seed)
    return [_collection(rng, i, base_url.rstrip("/")) for i in range(n)]


def twin_tags(collection):
    """``{key: [values]}`` of a document's twin: keywords (for tests that need the
    generator's own view, independent of the plugin's parser)."""
    tags = {}
    for kw in collection.get("keywords", []):
        if kw.startswith("twin:"):
            key, _, value = kw[5:].partition("=")
            tags.setdefault(key, []).append(value)
    return tags
