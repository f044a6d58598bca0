"""Named geography of the sample (lon/lat, roughly where these places are in Shenzhen)."""

DISTRICTS = [
    {
        "district_id": "xiangmihu",
        "name": "Xiangmihu",
        "name_zh": "香蜜湖",
        "area": "Futian",
        "outline": [(114.0205, 22.5405), (114.0440, 22.5400), (114.0452, 22.5520),
                    (114.0428, 22.5598), (114.0290, 22.5602), (114.0212, 22.5560)],
        "angle": 3.0,  # street grid rotation (degrees)
        "share": 0.7,  # share of the default building count
    },
    {
        "district_id": "houhai",
        "name": "Houhai",
        "name_zh": "后海",
        "area": "Nanshan",
        "outline": [(113.9358, 22.5115), (113.9545, 22.5102), (113.9552, 22.5292),
                    (113.9400, 22.5300), (113.9352, 22.5225)],
        "angle": -2.0,
        "share": 0.3,
        # Only part of Houhai is in the sample (the northern two thirds).
        "built_part": [(113.9340, 22.5165), (113.9560, 22.5160), (113.9560, 22.5310),
                       (113.9340, 22.5310)],
    },
    {
        "district_id": "guangming-science-city",
        "name": "Guangming Science City",
        "name_zh": "光明科学城",
        "area": "Guangming",
        "outline": [(113.8900, 22.7600), (113.9300, 22.7620), (113.9282, 22.8000),
                    (113.8930, 22.7980)],
        "angle": 0.0,
        "share": 0.0,
    },
]

# Shenzhen Bay (sea) south and west of the city; coastline near Houhai.
SEA = [(113.880, 22.440), (113.880, 22.530), (113.9325, 22.5280), (113.9335, 22.5130),
       (113.9500, 22.5065), (113.9800, 22.5080), (114.0200, 22.5120), (114.0700, 22.5150),
       (114.1200, 22.5050), (114.1200, 22.440)]

LAKE = {"name": "Xiangmi Lake 香蜜湖", "centre": (114.0305, 22.5478), "radii": (330.0, 210.0),
        "rotation": 20.0}

RIVERS = [
    {"name": "Xinzhou River 新洲河", "line": [(114.0418, 22.5640), (114.0410, 22.5560),
                                             (114.0425, 22.5470), (114.0415, 22.5380),
                                             (114.0430, 22.5200), (114.0440, 22.5120)],
     "width": 32.0},
    {"name": "Houhai Drainage Channel 后海排洪渠", "line": [(113.9520, 22.5300), (113.9490, 22.5240),
                                                         (113.9440, 22.5195), (113.9385, 22.5150),
                                                         (113.9340, 22.5125)],
     "width": 18.0},
]

# Hills: (lon, lat, amplitude m, sigma m).
HILLS = [(114.0235, 22.5575, 32.0, 260.0), (114.0350, 22.5780, 110.0, 1300.0),
         (113.9950, 22.5380, 14.0, 700.0), (113.9300, 22.5500, 40.0, 900.0)]

PARKS = [
    {"name": "Xiangmi Park 香蜜公园", "type": "park",
     "ring": [(114.0215, 22.5535), (114.0262, 22.5533), (114.0268, 22.5590), (114.0222, 22.5588)]},
    {"name": "Shenzhen Bay Park 深圳湾公园", "type": "waterfront",
     "ring": [(113.9345, 22.5125), (113.9420, 22.5105), (113.9520, 22.5098), (113.9525, 22.5128),
              (113.9425, 22.5140), (113.9362, 22.5160)]},
    {"name": "Houhai Central Park 后海中心公园", "type": "park",
     "ring": [(113.9445, 22.5215), (113.9478, 22.5213), (113.9480, 22.5240), (113.9447, 22.5242)]},
]

# Arterial street names per district: (north-south names, east-west names).
STREET_NAMES = {
    "xiangmihu": (["Xiangmei Road 香梅路", "Xiangmihu Road 香蜜湖路", "Nonglin Road 农林路",
                   "Jingtian Road 景田路", "Xinzhou Road 新洲路"],
                  ["Shennan Boulevard 深南大道", "Qiaoxiang Road 侨香路", "Hongli West Road 红荔西路",
                   "Zizhu Road 紫竹路"]),
    "houhai": (["Houhai Boulevard 后海大道", "Keyuan Boulevard 科苑大道", "Haide 3rd Road 海德三道",
                "Wenxin Road 文心路"],
               ["Binhai Boulevard 滨海大道", "Chuangye Road 创业路", "Dengliang Road 登良路",
                "Haide 1st Road 海德一道"]),
}

METRO_STATIONS = [
    ("xiangmihu", "Xiangmi 香蜜", 114.0262, 22.5420, "interchange", 62000),
    ("xiangmihu", "Chegongmiao 车公庙", 114.0420, 22.5410, "interchange", 95000),
    ("xiangmihu", "Qiaoxiang 侨香", 114.0280, 22.5515, "metro", 28000),
    ("xiangmihu", "Xiangmei North 香梅北", 114.0350, 22.5585, "metro", 24000),
    ("xiangmihu", "Nonglin 农林", 114.0390, 22.5480, "metro", 31000),
    ("xiangmihu", "Jingtian 景田", 114.0430, 22.5560, "metro", 35000),
    ("houhai", "Houhai 后海", 113.9445, 22.5235, "interchange", 88000),
    ("houhai", "Dengliang 登良", 113.9380, 22.5190, "metro", 26000),
    ("houhai", "Keyuan 科苑", 113.9520, 22.5275, "metro", 30000),
]

VIEWPOINTS = [
    # On the lake's south shore, looking north over the water (60 m from the nearest building).
    ("vp-lake-south", "Xiangmi Lake south pavilion 香蜜湖南亭", 114.02996, 22.54571, 1.6,
     [("vc-lake-north", 10.0, 22.0, "max_elev_angle", 12.0)]),
    ("vp-park-hill", "Xiangmi Park hilltop 香蜜公园山顶", 114.0238, 22.5570, 1.6,
     [("vc-hill-east", 95.0, 18.0, "max_elev_angle", 8.0)]),
    ("vp-bay", "Shenzhen Bay Park lookout 深圳湾观景台", 113.9410, 22.5135, 1.6,
     [("vc-bay-northeast", 40.0, 16.0, "max_height", 120.0)]),
    ("vp-houhai-plaza", "Houhai Central Plaza 后海中心广场", 113.9460, 22.5230, 1.6, []),
]

# The development site (a cleared block) that both design schemes propose for.
SITE_S1 = {"site_id": "s1", "centre": (114.0365, 22.5445)}
