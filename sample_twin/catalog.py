"""Collection metadata of the sample twin: titles, descriptions and the twin: keyword
tags of the Twin Data Service profile (docs: twin-service-profile.md, section 2)."""

VERSION_DATE = "2026-11-01"

# id -> (title, description, human keywords, category, subcategory, kind, role, extra tags)
COLLECTIONS = {
    "districts": ("Review districts", "Boundaries of the districts under review. 审查片区边界。",
                  ["districts", "boundaries", "片区"], "space", "boundaries", "vector", "districts", {}),
    "buildings": ("Buildings", "Building footprints with height, floors, use and GFA, linked to BIM "
                  "models. 建筑底面、高度、层数、用途与建筑面积。",
                  ["buildings", "BIM", "footprints", "建筑"], "space", "buildings", "vector",
                  "buildings", {}),
    "parcels": ("Land parcels", "Land parcels with land use and planning caps (FAR, height, green "
                "ratio). 地块、用地性质与规划指标。", ["parcels", "land use", "地块"],
                "management", "parcels", "vector", "parcels", {}),
    "roads": ("Roads", "Road centre lines with class and lanes. 道路中心线。", ["roads", "道路"],
              "space", "roads", "vector", "roads", {}),
    "water": ("Water bodies", "Lakes, rivers and the sea. 湖泊、河流与海域。", ["water", "水系"],
              "space", "water", "vector", "water", {}),
    "green": ("Green space", "Parks, waterfront green and greenways. 公园绿地。", ["green", "parks", "绿地"],
              "space", "green", "vector", "green", {}),
    "metro-stations": ("Metro stations", "Metro stations with daily capacity. 地铁站点。",
                       ["metro", "transit", "地铁"], "space", "transit", "vector", "metro-stations", {}),
    "ev-chargers": ("EV charging stations", "Public EV charging stations; capacity is the number of "
                    "connectors. 公共充电站。", ["EV", "charging", "充电桩"], "management", "energy",
                    "vector", "ev-chargers", {}),
    "facilities": ("Public service facilities", "Schools, hospitals and community facilities. "
                   "公共服务设施。", ["schools", "hospitals", "公共服务"], "management",
                   "public-facilities", "vector", "facilities", {}),
    "height-control": ("Height control zones", "Maximum building height by zone. 建筑限高分区。",
                       ["height limit", "限高"], "management", "planning-control", "vector",
                       "height-control", {}),
    "view-corridors": ("View corridors", "Protected view corridors from public viewpoints. 景观视廊。",
                       ["view corridor", "视廊"], "management", "planning-control", "vector",
                       "view-corridors", {}),
    "viewpoints": ("Viewpoints", "Public viewpoints of the view corridors. 观景点。",
                   ["viewpoints", "观景点"], "management", "planning-control", "vector",
                   "viewpoints", {}),
    "scheme-s1-a": ("Site S1 scheme A (towers)", "Design scheme A for development site S1: fewer, "
                    "taller towers. S1地块方案A：高层塔楼。", ["design scheme", "方案"], "management",
                    "projects", "scheme", None, {"scheme": "s1-a", "site": "s1"}),
    "scheme-s1-b": ("Site S1 scheme B (mid-rise)", "Design scheme B for development site S1: more, "
                    "lower buildings. S1地块方案B：多栋中高层。", ["design scheme", "方案"],
                    "management", "projects", "scheme", None, {"scheme": "s1-b", "site": "s1"}),
    "sites": ("Development sites", "Development sites with their planning caps (FAR, height). "
              "开发地块及其规划指标（容积率、限高）。", ["development site", "项目用地"],
              "management", "projects", "vector", "sites", {}),
    "dem": ("Digital elevation model", "Ground elevation (m, 1985 national height datum), 10 m cells. "
            "数字高程模型。", ["DEM", "terrain", "高程"], "space", "terrain", "raster", "dem", {}),
    "flood-depth-rp20": ("Flood depth, 20-year storm", "Simulated maximum water depth (m) for a "
                         "20-year return period rainstorm and surge. 20年一遇内涝水深。",
                         ["flood", "内涝"], "management", "risk", "raster", "flood-depth",
                         {"scenario": "rp20"}),
    "flood-depth-rp50": ("Flood depth, 50-year storm", "Simulated maximum water depth (m) for a "
                         "50-year return period rainstorm and surge. 50年一遇内涝水深。",
                         ["flood", "内涝"], "management", "risk", "raster", "flood-depth",
                         {"scenario": "rp50"}),
    "flood-depth-rp100": ("Flood depth, 100-year storm", "Simulated maximum water depth (m) for a "
                          "100-year return period rainstorm and surge. 100年一遇内涝水深。",
                          ["flood", "内涝"], "management", "risk", "raster", "flood-depth",
                          {"scenario": "rp100"}),
    "water-level-gauges": ("Water level gauges", "River, lake, tide and road ponding gauges with "
                           "their latest reading. 水位监测站。", ["water level", "sensors", "水位"],
                           "iot", "water-level", "sensors", "water-level-gauges", {}),
    "rain-gauges": ("Rain gauges", "Rain gauges with their latest hourly rainfall. 雨量站。",
                    ["rainfall", "sensors", "雨量"], "iot", "rainfall", "sensors", "rain-gauges", {}),
    "water-level-observations": ("Water level observations", "Hourly water level readings, last 7 "
                                 "days. 水位观测（小时）。", ["water level", "observations"], "iot",
                                 "water-level", "observations", None, {}),
    "rainfall-observations": ("Rainfall observations", "Hourly rainfall (mm), last 7 days. "
                              "雨量观测（小时）。", ["rainfall", "observations"], "iot", "rainfall",
                              "observations", None, {}),
    "poi-misc": ("Miscellaneous points of interest", "Kiosks and other small points of interest "
                 "(not classified). 其他兴趣点。", ["poi"], None, None, None, None, {}),
}

# Chinese collection titles, served beside the English ones (pygeoapi picks one by the
# request's lang= parameter or Accept-Language header). Kept out of the manifest, so the
# generated data need not change when a title does.
TITLES_ZH = {
    "districts": "审查片区",
    "buildings": "建筑",
    "parcels": "地块",
    "roads": "道路",
    "water": "水系",
    "green": "绿地",
    "metro-stations": "地铁站点",
    "ev-chargers": "电动汽车充电站",
    "facilities": "公共服务设施",
    "height-control": "建筑限高分区",
    "view-corridors": "景观视廊",
    "viewpoints": "观景点",
    "scheme-s1-a": "S1地块方案A（塔楼）",
    "scheme-s1-b": "S1地块方案B（中高层）",
    "sites": "开发地块",
    "dem": "数字高程模型",
    "flood-depth-rp20": "内涝水深（20年一遇）",
    "flood-depth-rp50": "内涝水深（50年一遇）",
    "flood-depth-rp100": "内涝水深（100年一遇）",
    "water-level-gauges": "水位监测站",
    "rain-gauges": "雨量站",
    "water-level-observations": "水位观测（逐时）",
    "rainfall-observations": "雨量观测（逐时）",
    "poi-misc": "其他兴趣点",
}


def title_languages(cid, title):
    """pygeoapi's language struct for a title: {"en": ..., "zh": ...}."""
    return {"en": title, "zh": TITLES_ZH.get(cid, title)}


def keywords(cid, districts):
    """Human keywords followed by the twin: tags; no tags for unclassified collections."""
    title, _desc, human, category, sub, kind, role, extra = COLLECTIONS[cid]
    kw = list(human)
    if category is None:
        return kw
    kw += [f"twin:category={category}", f"twin:subcategory={sub}"]
    kw += [f"twin:district={d}" for d in districts]
    kw.append(f"twin:kind={kind}")
    if role:
        kw.append(f"twin:role={role}")
    for key in ("scenario", "scheme", "site"):
        if key in extra:
            kw.append(f"twin:{key}={extra[key]}")
    kw.append(f"twin:version={VERSION_DATE}")
    return kw
