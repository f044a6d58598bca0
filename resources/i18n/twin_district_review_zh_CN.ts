<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>TwinDistrictReview</name>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="70"/>
        <source>{} buildings had no flood data (outside the raster) in scenario {}; feature ids: {}.</source>
        <translation>情景 {1} 中有 {0} 栋建筑没有淹没数据（位于栅格范围外）；要素编号：{2}。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="72"/>
        <source>{} roads had no flood data (outside the raster) in scenario {}; feature ids: {}.</source>
        <translation>情景 {1} 中有 {0} 条道路没有淹没数据（位于栅格范围外）；要素编号：{2}。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="74"/>
        <source>{} stations had no flood data (outside the raster) in scenario {}; feature ids: {}.</source>
        <translation>情景 {1} 中有 {0} 个站点没有淹没数据（位于栅格范围外）；要素编号：{2}。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="76"/>
        <source>{} facilities had no flood data (outside the raster) in scenario {}; feature ids: {}.</source>
        <translation>情景 {1} 中有 {0} 个设施没有淹没数据（位于栅格范围外）；要素编号：{2}。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="81"/>
        <source>{} buildings are only partly covered by flood data in scenario {}; their depths use the covered part.</source>
        <translation>情景 {1} 中有 {0} 栋建筑仅部分被淹没数据覆盖；其水深按覆盖部分计算。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="83"/>
        <source>{} roads are only partly covered by flood data in scenario {}; their depths use the covered part.</source>
        <translation>情景 {1} 中有 {0} 条道路仅部分被淹没数据覆盖；其水深按覆盖部分计算。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="85"/>
        <source>{} facilities are only partly covered by flood data in scenario {}; their depths use the covered part.</source>
        <translation>情景 {1} 中有 {0} 个设施仅部分被淹没数据覆盖；其水深按覆盖部分计算。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="89"/>
        <location filename="../../plugin/analysis/indicators.py" line="218"/>
        <location filename="../../plugin/processing/district_indicators.py" line="164"/>
        <location filename="../../plugin/processing/sunlight_hours.py" line="180"/>
        <source>The buildings layer has no features.</source>
        <translation>建筑图层没有要素。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="90"/>
        <source>The roads layer has no features.</source>
        <translation>道路图层没有要素。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="91"/>
        <source>The stations layer has no features.</source>
        <translation>站点图层没有要素。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="92"/>
        <source>The facilities layer has no features.</source>
        <translation>设施图层没有要素。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="97"/>
        <location filename="../../plugin/analysis/indicators.py" line="261"/>
        <source>GFA source: {} from gfa, {} from footprint × floors, {} from footprint × round(height / 3 m), {} without gfa, floors or height (GFA 0).</source>
        <translation>建筑面积来源：{} 栋取自 gfa，{} 栋按基底面积 × 层数，{} 栋按基底面积 × round(高度 / 3 米)，{} 栋没有 gfa、层数或高度（建筑面积记为 0）。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="99"/>
        <source>The buildings have none of the fields gfa, floors or height; GFA affected is 0.</source>
        <translation>建筑没有 gfa、floors、height 中的任何字段；受影响建筑面积记为 0。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="101"/>
        <source>No exposure layer was given; only the impact areas are computed.</source>
        <translation>未提供暴露图层；仅计算影响范围。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="157"/>
        <source>Depth thresholds must be numbers of metres, for example 0.15,0.30,0.50,1.00.</source>
        <translation>水深阈值必须是以米为单位的数字，例如 0.15,0.30,0.50,1.00。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="160"/>
        <source>Give {} depth thresholds (one per class above dry), not {}.</source>
        <translation>请给出 {} 个水深阈值（无积水以上每级一个），而不是 {} 个。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="165"/>
        <source>Depth thresholds must be positive and strictly ascending, for example 0.15,0.30,0.50,1.00.</source>
        <translation>水深阈值必须为正数且严格递增，例如 0.15,0.30,0.50,1.00。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="223"/>
        <source>Give at least one flood-depth raster.</source>
        <translation>请至少提供一个淹没水深栅格。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="226"/>
        <source>Every flood scenario needs a name.</source>
        <translation>每个洪涝情景都需要名称。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="228"/>
        <source>Flood scenario names must be unique; got {}.</source>
        <translation>洪涝情景名称必须唯一；收到的是 {}。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="233"/>
        <source>The depth grid of scenario {} does not match its raster size.</source>
        <translation>情景 {} 的水深网格与其栅格大小不符。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="300"/>
        <location filename="../../plugin/analysis/indicators.py" line="235"/>
        <location filename="../../plugin/processing/fields.py" line="59"/>
        <location filename="../../plugin/processing/flood_impact.py" line="264"/>
        <source>The districts layer has no field '{}'.</source>
        <translation>片区图层没有字段“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/flood.py" line="366"/>
        <location filename="../../plugin/analysis/indicators.py" line="216"/>
        <location filename="../../plugin/processing/district_indicators.py" line="162"/>
        <location filename="../../plugin/processing/flood_impact.py" line="260"/>
        <source>The districts layer has no features.</source>
        <translation>片区图层没有要素。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/gauges.py" line="13"/>
        <source>The gauges layer has no features; no gauge readings are attached.</source>
        <translation>水位站图层没有要素；不附加监测读数。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/gauges.py" line="14"/>
        <source>The gauges have no field latest_value; no gauge readings are attached.</source>
        <translation>水位站没有 latest_value 字段；不附加监测读数。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/gauges.py" line="16"/>
        <source>The gauges have no field sensor_id; gauges are identified by their feature index.</source>
        <translation>水位站没有 sensor_id 字段；以要素序号标识水位站。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/gauges.py" line="18"/>
        <source>The gauges have no field warn_level or alarm_level; their state is unknown.</source>
        <translation>水位站没有 warn_level 或 alarm_level 字段；其状态未知。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="19"/>
        <source>{} invalid district geometries were repaired (make_valid).</source>
        <translation>{} 个无效的片区几何已修复（make_valid）。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="20"/>
        <source>{} district features without usable geometry were skipped.</source>
        <translation>{} 个没有可用几何的片区要素已跳过。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="21"/>
        <source>{} invalid building geometries were repaired (make_valid).</source>
        <translation>{} 个无效的建筑几何已修复（make_valid）。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="22"/>
        <source>{} building features without usable geometry were skipped.</source>
        <translation>{} 个没有可用几何的建筑要素已跳过。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="23"/>
        <source>{} invalid green-space geometries were repaired (make_valid).</source>
        <translation>{} 个无效的绿地几何已修复（make_valid）。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="24"/>
        <source>{} green-space features without usable geometry were skipped.</source>
        <translation>{} 个没有可用几何的绿地要素已跳过。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="25"/>
        <source>{} invalid metro station geometries were repaired (make_valid).</source>
        <translation>{} 个无效的地铁站几何已修复（make_valid）。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="26"/>
        <source>{} metro station features without usable geometry were skipped.</source>
        <translation>{} 个没有可用几何的地铁站要素已跳过。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="27"/>
        <source>{} invalid EV charger geometries were repaired (make_valid).</source>
        <translation>{} 个无效的充电桩几何已修复（make_valid）。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="28"/>
        <source>{} EV charger features without usable geometry were skipped.</source>
        <translation>{} 个没有可用几何的充电桩要素已跳过。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="29"/>
        <source>{} invalid facility geometries were repaired (make_valid).</source>
        <translation>{} 个无效的公共设施几何已修复（make_valid）。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="30"/>
        <source>{} facility features without usable geometry were skipped.</source>
        <translation>{} 个没有可用几何的公共设施要素已跳过。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="31"/>
        <source>{} invalid sensor geometries were repaired (make_valid).</source>
        <translation>{} 个无效的传感器几何已修复（make_valid）。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="32"/>
        <source>{} sensor features without usable geometry were skipped.</source>
        <translation>{} 个没有可用几何的传感器要素已跳过。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="33"/>
        <source>{} invalid road geometries were repaired (make_valid).</source>
        <translation>{} 个无效的道路几何已修复（make_valid）。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="34"/>
        <source>{} road features without usable geometry were skipped.</source>
        <translation>{} 个没有可用几何的道路要素已跳过。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="35"/>
        <source>{} invalid station geometries were repaired (make_valid).</source>
        <translation>{} 个无效的站点几何已修复（make_valid）。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="36"/>
        <source>{} station features without usable geometry were skipped.</source>
        <translation>{} 个没有可用几何的站点要素已跳过。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="37"/>
        <source>{} invalid gauge geometries were repaired (make_valid).</source>
        <translation>{} 个无效的水位站几何已修复（make_valid）。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="38"/>
        <source>{} gauge features without usable geometry were skipped.</source>
        <translation>{} 个没有可用几何的水位站要素已跳过。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="105"/>
        <source>The {} layer is in a geographic CRS ({}); transform it to a projected metric CRS first.</source>
        <translation>{} 图层使用地理坐标系（{}）；请先将其转换为以米为单位的投影坐标系。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/geometry.py" line="109"/>
        <source>All layers must be in the same CRS.</source>
        <translation>所有图层必须使用同一坐标系。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/indicators.py" line="79"/>
        <source>District ids in '{}' are not unique; rows follow the input order.</source>
        <translation>字段“{}”中的片区编号不唯一；各行按输入顺序排列。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/indicators.py" line="81"/>
        <source>No metro layer: metro coverage not computed.</source>
        <translation>没有地铁站图层：未计算地铁站覆盖率。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/indicators.py" line="82"/>
        <source>No charger layer: charger coverage not computed.</source>
        <translation>没有充电桩图层：未计算充电桩覆盖率。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/indicators.py" line="83"/>
        <source>No facility layer: facility coverage not computed.</source>
        <translation>没有公共设施图层：未计算公共设施覆盖率。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/indicators.py" line="220"/>
        <location filename="../../plugin/processing/district_indicators.py" line="167"/>
        <source>The buildings layer has none of the fields gfa, floors or height, so floor area cannot be computed.</source>
        <translation>建筑图层没有 gfa、floors、height 中的任何一个字段，无法计算建筑面积。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/indicators.py" line="225"/>
        <source>Distances must be positive numbers of metres.</source>
        <translation>距离必须是以米为单位的正数。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/indicators.py" line="294"/>
        <source>{} buildings have no height; they are left out of the height mean, maximum and bands.</source>
        <translation>{} 栋建筑没有高度，未计入平均高度、最大高度和高度分段。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/indicators.py" line="310"/>
        <source>The buildings have no 'use' field; the land-use mix is not computed.</source>
        <translation>建筑没有“use”字段，未计算用地功能混合度。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/indicators.py" line="323"/>
        <source>No green layer: green ratio not computed.</source>
        <translation>没有绿地图层：未计算绿地率。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/indicators.py" line="347"/>
        <source>No sensors layer: sensor counts not computed.</source>
        <translation>没有传感器图层：未统计传感器数量。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/indicators.py" line="365"/>
        <source>The sensors have no 'observed_property' or 'kind' field; only totals are counted.</source>
        <translation>传感器没有“observed_property”或“kind”字段，仅统计总数。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/indicators.py" line="379"/>
        <source>The sensors have no 'status' field; the online share is unknown.</source>
        <translation>传感器没有“status”字段，在线率未知。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/scheme_rank.py" line="54"/>
        <source>Weights must be numbers of 0 or more.</source>
        <translation>权重须为不小于 0 的数。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/scheme_rank.py" line="67"/>
        <source>Give at least one weight above 0 for a criterion that was computed.</source>
        <translation>请至少为一项已计算的指标给出大于 0 的权重。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/schemes.py" line="318"/>
        <location filename="../../plugin/processing/compare_schemes.py" line="214"/>
        <source>Give at least two design schemes to compare; got {}.</source>
        <translation>请至少给出两个设计方案进行比选；当前为 {} 个。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/schemes.py" line="352"/>
        <source>Best scheme by the weighted score: {}.</source>
        <translation>加权得分最优的方案：{}。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/schemes.py" line="354"/>
        <source>No sun track or no homes near the site: sunlight not compared.</source>
        <translation>无太阳轨迹或用地周边无住宅：未比较日照。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/shadows.py" line="129"/>
        <source>{} buildings without a positive height cast no shadow.</source>
        <translation>{} 栋建筑高度不为正值，不产生阴影。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/shadows.py" line="132"/>
        <source>Flat ground assumed: shadows fall on the plane of each building's base and pass through other buildings.</source>
        <translation>假定地面平坦：阴影落在各建筑基底所在的平面上，并穿过其他建筑。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/shadows.py" line="136"/>
        <source>The sun is below the horizon at {}: no shadows then.</source>
        <translation>{} 时太阳位于地平线以下：该时刻没有阴影。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/skyline.py" line="58"/>
        <source>The bin width must be more than 0° and at most 45°; got {}°.</source>
        <translation>方位角间隔必须大于 0° 且不超过 45°；当前为 {}°。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/skyline.py" line="72"/>
        <source>The field of view {}° to {}° holds no azimuth at a bin width of {}°.</source>
        <translation>方位角间隔为 {2}° 时，视野 {0}° 至 {1}° 内没有任何方位角。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/skyline.py" line="114"/>
        <source>{} buildings without a usable height are left out.</source>
        <translation>{} 栋建筑没有可用的高度，未参与计算。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/skyline.py" line="127"/>
        <source>The scheme adds {} buildings; {} existing buildings overlapped by its footprints are removed (site cleared).</source>
        <translation>方案新增 {} 栋建筑；与其基底重叠的 {} 栋现状建筑已移除（场地清理）。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/skyline.py" line="131"/>
        <source>{} scheme buildings without a usable height are left out.</source>
        <translation>{} 栋方案建筑没有可用的高度，未参与计算。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/skyline.py" line="216"/>
        <source>No building is in sight within {} m ({}).</source>
        <translation>{} m 范围内看不到任何建筑（{}）。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight.py" line="75"/>
        <source>A custom rule needs a date, a window start and end (true solar time) and the required hours.</source>
        <translation>自定义日照标准需要日期、有效日照时间带的起止时间（真太阳时）和要求的日照时数。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight.py" line="80"/>
        <source>Unknown sunlight rule '{}'.</source>
        <translation>未知的日照标准“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight.py" line="87"/>
        <source>The window must run forward within the day (0–24 h); got {}–{} h.</source>
        <translation>有效日照时间带必须在一天之内（0–24 h）且结束晚于开始；当前为 {}–{} h。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight.py" line="90"/>
        <source>The required hours must be between 0 and the window's length ({} h); got {} h.</source>
        <translation>要求的日照时数必须介于 0 与时间带长度（{} h）之间；当前为 {} h。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight.py" line="98"/>
        <source>The time step must be more than 0 and at most the window's length; got {} min.</source>
        <translation>时间步长必须大于 0 且不超过时间带长度；当前为 {} min。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight.py" line="237"/>
        <source>No sun track was given.</source>
        <translation>未提供太阳轨迹。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight.py" line="239"/>
        <source>The spacing must be more than 0 m; got {} m.</source>
        <translation>间距必须大于 0 m；当前为 {} m。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight.py" line="259"/>
        <source>The sun is below the horizon for {} of {} steps.</source>
        <translation>{1} 个时间步中有 {0} 个时间步太阳位于地平线以下。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight.py" line="264"/>
        <source>{} test points: {} comply ({:.1%}); minimum {:.0f} min, required {:.0f} min.</source>
        <translation>{} 个日照分析点：{} 个满足日照标准（{:.1%}）；最少 {:.0f} min，要求 {:.0f} min。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight.py" line="268"/>
        <source>Sunlit minutes are summed over the window; they need not be continuous (the longest continuous span is reported too).</source>
        <translation>日照分钟数在有效日照时间带内累计，不要求连续（同时给出最长连续日照时长）。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight.py" line="271"/>
        <source>{} of {} buildings comply at every test point.</source>
        <translation>{1} 栋建筑中有 {0} 栋的所有日照分析点均满足日照标准。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight_points.py" line="203"/>
        <source>{} buildings without a height above the sill got no test points.</source>
        <translation>{} 栋建筑的高度未超过窗台高度，未布置日照分析点。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight_points.py" line="208"/>
        <source>{} of {} walls face the sun during the window.</source>
        <translation>{1} 段外墙中有 {0} 段在有效日照时间带内朝向太阳。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight_points.py" line="225"/>
        <source>{} test points inside another building (shared walls) were dropped.</source>
        <translation>{} 个位于其他建筑内部（共用墙体）的日照分析点已剔除。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight_points.py" line="302"/>
        <source>{} grid points inside buildings were dropped.</source>
        <translation>{} 个位于建筑内部的网格点已剔除。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight_rules.py" line="24"/>
        <source>大寒日 ≥ 3 h, 08:00–16:00 (climate zone IV, ≥ 0.5 million people, e.g. Shenzhen; zones I, II, III, VII under 0.5 million)</source>
        <translation>大寒日 ≥ 3 h，08:00–16:00（Ⅳ 气候区城区常住人口 ≥ 50 万，如深圳；Ⅰ、Ⅱ、Ⅲ、Ⅶ 气候区 &lt; 50 万）</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight_rules.py" line="27"/>
        <source>大寒日 ≥ 2 h, 08:00–16:00 (climate zones I, II, III, VII, ≥ 0.5 million people)</source>
        <translation>大寒日 ≥ 2 h，08:00–16:00（Ⅰ、Ⅱ、Ⅲ、Ⅶ 气候区城区常住人口 ≥ 50 万）</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/sunlight_rules.py" line="29"/>
        <source>冬至日 ≥ 1 h, 09:00–15:00 (climate zone IV under 0.5 million people; zones V, VI)</source>
        <translation>冬至日 ≥ 1 h，09:00–15:00（Ⅳ 气候区城区常住人口 &lt; 50 万；Ⅴ、Ⅵ 气候区）</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/view_corridor.py" line="114"/>
        <source>Corridor {} has neither max_elev_angle nor max_height and is not checked.</source>
        <translation>视线通廊 {} 既没有 max_elev_angle 也没有 max_height，未检查。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/view_corridor.py" line="123"/>
        <source>Corridor {}: viewpoint {} is missing, so only its max_height limit is checked.</source>
        <translation>视线通廊 {}：缺少视点 {}，仅检查其 max_height 限高。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/view_corridor.py" line="126"/>
        <source>Corridor {}: viewpoint {} is missing, so the corridor is skipped.</source>
        <translation>视线通廊 {}：缺少视点 {}，已跳过该通廊。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/view_corridor.py" line="134"/>
        <source>{} buildings in corridors have no height and were not checked: {}.</source>
        <translation>视线通廊内有 {} 栋建筑没有高度，未检查：{}。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/view_corridor.py" line="169"/>
        <source>{} buildings have no ground elevation; they are taken as level with the viewpoint: {}.</source>
        <translation>{} 栋建筑没有地面高程，按与视点地面同高处理：{}。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/viewpoints.py" line="46"/>
        <source>{} viewpoints have no eye height; {} m is used: {}.</source>
        <translation>{} 个视点没有视高，采用 {} m：{}。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/viewpoints.py" line="57"/>
        <source>Viewpoint {} stands on the ground of the nearest building ({:.2f} m).</source>
        <translation>视点 {} 采用最近建筑的地面高程（{:.2f} m）。</translation>
    </message>
    <message>
        <location filename="../../plugin/analysis/viewpoints.py" line="61"/>
        <source>Viewpoint {}: no ground elevation known; 0 m is assumed.</source>
        <translation>视点 {}：地面高程未知，按 0 m 处理。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/auth_configs.py" line="40"/>
        <source>The QGIS authentication database is locked or unavailable, so the credentials were not saved; enter the master password and try again.</source>
        <translation>QGIS 认证数据库已锁定或不可用，凭据未保存；请输入主密码后重试。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/auth_configs.py" line="53"/>
        <source>QGIS could not store the authentication configuration '{}'.</source>
        <translation>QGIS 无法保存认证配置“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/auth_configs.py" line="68"/>
        <source>'{}' is not a valid HTTP header name.</source>
        <translation>“{}”不是有效的 HTTP 请求头名称。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/auth_configs.py" line="103"/>
        <source>The API key of this connection could not be read from the QGIS authentication database; enter the master password or check the configuration.</source>
        <translation>无法从 QGIS 认证数据库读取此连接的 API 密钥；请输入主密码或检查认证配置。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/auth_configs.py" line="112"/>
        <source>No authentication</source>
        <translation>无认证</translation>
    </message>
    <message>
        <location filename="../../plugin/core/auth_configs.py" line="116"/>
        <source>Missing authentication configuration ({})</source>
        <translation>认证配置缺失（{}）</translation>
    </message>
    <message>
        <location filename="../../plugin/core/auth_configs.py" line="117"/>
        <source>Basic</source>
        <translation>Basic 基本认证</translation>
    </message>
    <message>
        <location filename="../../plugin/core/auth_configs.py" line="117"/>
        <source>API key header</source>
        <translation>API 密钥请求头</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="166"/>
        <source>a reply for {}</source>
        <translation>{}的响应</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="169"/>
        <source>The twin service sent {} that is not a JSON object.</source>
        <translation>孪生数据服务返回的{}不是 JSON 对象。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="175"/>
        <source>the landing page</source>
        <translation>服务首页</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="192"/>
        <source>the conformance list</source>
        <translation>一致性类列表</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="217"/>
        <source>the collection list</source>
        <translation>数据集列表</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="220"/>
        <source>The twin service sent a collection list without collections.</source>
        <translation>孪生数据服务返回的数据集列表中没有数据集。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="234"/>
        <location filename="../../plugin/core/client.py" line="285"/>
        <location filename="../../plugin/core/client.py" line="301"/>
        <source>collection '{}'</source>
        <translation>数据集“{}”</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="245"/>
        <source>the taxonomy</source>
        <translation>数据分类体系</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="331"/>
        <location filename="../../plugin/core/client.py" line="447"/>
        <location filename="../../plugin/core/district_package.py" line="166"/>
        <location filename="../../plugin/core/district_package.py" line="293"/>
        <location filename="../../plugin/core/downloads.py" line="115"/>
        <location filename="../../plugin/core/downloads.py" line="125"/>
        <location filename="../../plugin/core/pull.py" line="51"/>
        <location filename="../../plugin/core/transport.py" line="146"/>
        <location filename="../../plugin/core/transport.py" line="204"/>
        <location filename="../../plugin/gui/catalog_actions.py" line="222"/>
        <source>The download was cancelled.</source>
        <translation>下载已取消。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="334"/>
        <source>The twin service repeated a page link for {}, so the download stopped instead of looping.</source>
        <translation>孪生数据服务为{}重复返回了同一分页链接，为避免循环，下载已停止。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="338"/>
        <source>The twin service sent more than {} pages for {}, so the download stopped.</source>
        <translation>孪生数据服务为{1}返回的分页超过 {0} 页，下载已停止。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="342"/>
        <source>a page</source>
        <translation>一页数据</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="346"/>
        <source>The twin service sent a page without features for {}.</source>
        <translation>孪生数据服务为{}返回的分页中没有要素列表。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="398"/>
        <source>Collection '{}' has no coverage on this twin service, so raster roles are unavailable from this service.</source>
        <translation>数据集“{}”在此孪生数据服务上没有栅格覆盖（coverage），无法从该服务获取栅格数据。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="416"/>
        <source>the validators of {}</source>
        <translation>{} 的 HTTP 校验信息</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="430"/>
        <source>coverage '{}'</source>
        <translation>栅格数据“{}”</translation>
    </message>
    <message>
        <location filename="../../plugin/core/client.py" line="437"/>
        <source>The twin service sent something other than a GeoTIFF for {}.</source>
        <translation>孪生数据服务为{}返回的不是 GeoTIFF 文件。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/connection_check.py" line="26"/>
        <source>coordinates in any offered CRS</source>
        <translation>可按服务提供的任一坐标系获取坐标</translation>
    </message>
    <message>
        <location filename="../../plugin/core/connection_check.py" line="27"/>
        <source>coordinates in WGS 84 only</source>
        <translation>仅提供 WGS 84 坐标</translation>
    </message>
    <message>
        <location filename="../../plugin/core/connection_check.py" line="28"/>
        <source>Connected to {}: {} collections, {} ({:.1f} s).</source>
        <translation>已连接到 {}：{} 个数据集，{}（{:.1f} 秒）。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/connection_check.py" line="33"/>
        <source>The server at {} is not an OGC API - Features service: {}.</source>
        <translation>{} 上的服务器不是 OGC API - Features 服务：{}。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/connection_check.py" line="46"/>
        <source>its address does not answer with an OGC API landing page</source>
        <translation>该地址没有返回 OGC API 服务首页</translation>
    </message>
    <message>
        <location filename="../../plugin/core/connection_check.py" line="49"/>
        <source>it does not declare OGC API - Features Core conformance</source>
        <translation>它没有声明符合 OGC API - Features Core 标准</translation>
    </message>
    <message>
        <location filename="../../plugin/core/connection_check.py" line="63"/>
        <source>Testing connection {}</source>
        <translation>正在测试连接 {}</translation>
    </message>
    <message>
        <location filename="../../plugin/core/district_package.py" line="72"/>
        <source>The district has no usable boundary.</source>
        <translation>片区没有可用的边界。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/district_package.py" line="96"/>
        <source>The service has no collection {}.</source>
        <translation>该服务中没有以下数据集：{}。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/district_package.py" line="105"/>
        <source>No collection of the service covers the district.</source>
        <translation>该服务没有覆盖此片区的数据集。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/district_package.py" line="134"/>
        <source>Could not write the package in {}: {}</source>
        <translation>无法在 {} 中写入离线包：{}</translation>
    </message>
    <message>
        <location filename="../../plugin/core/district_package.py" line="139"/>
        <source>There is not enough free disk space in {} for the package; the previous package, if any, is unchanged.</source>
        <translation>{} 的可用磁盘空间不足，无法写入离线包；原有离线包（如有）保持不变。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/district_package.py" line="144"/>
        <source>The folder {} cannot be written (read-only or no permission); choose another folder.</source>
        <translation>无法写入文件夹 {}（只读或没有权限），请选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/district_package.py" line="232"/>
        <source>{} features. </source>
        <translation>共 {} 个要素。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/district_package.py" line="233"/>
        <source>Collection {} of the twin service {}, fetched {} (snapshot version {}). {}Packaged for {} with a {} m margin.</source>
        <translation>数据集 {}，来自孪生数据服务 {}，获取时间 {}（快照版本 {}）。{}为片区“{}”打包，外扩距离 {} 米。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/district_package.py" line="245"/>
        <location filename="../../plugin/core/sensor_layer.py" line="179"/>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../../plugin/core/district_package.py" line="246"/>
        <location filename="../../plugin/core/sensor_layer.py" line="181"/>
        <source>Fetched {} from {}</source>
        <translation>于 {} 从 {} 获取</translation>
    </message>
    <message>
        <location filename="../../plugin/core/district_package.py" line="308"/>
        <source>Twin district package: {}</source>
        <translation>孪生片区离线包：{}</translation>
    </message>
    <message>
        <location filename="../../plugin/core/district_pull.py" line="15"/>
        <source>The service has no collection tagged as districts (twin:role=districts).</source>
        <translation>该服务没有标注为片区的数据集（twin:role=districts）。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/district_pull.py" line="24"/>
        <source>The service has no district '{}'.</source>
        <translation>该服务中没有片区“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/downloads.py" line="109"/>
        <source>None of the chosen collections can be downloaded.</source>
        <translation>所选数据集均无法下载。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/downloads.py" line="188"/>
        <source>The service sent a district without a usable boundary.</source>
        <translation>服务返回的片区没有可用的边界。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/offline_project.py" line="104"/>
        <source>The project must be saved in the same folder as its GeoPackage.</source>
        <translation>工程文件必须与其 GeoPackage 保存在同一文件夹中。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/offline_project.py" line="173"/>
        <source>Could not save the offline project {}.</source>
        <translation>无法保存离线工程 {}。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/offline_project.py" line="187"/>
        <source>The layer {} is missing from the package.</source>
        <translation>数据包中缺少图层“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/package_diff.py" line="144"/>
        <source>Could not read {} as a GeoPackage.</source>
        <translation>无法将 {} 作为 GeoPackage 读取。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/package_diff.py" line="531"/>
        <location filename="../../plugin/core/pull.py" line="96"/>
        <source>Could not write {} to {}.</source>
        <translation>无法将 {} 写入 {}。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/package_info.py" line="111"/>
        <source>{} has no GeoPackage beside it.</source>
        <translation>{} 旁边没有对应的 GeoPackage 文件。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/package_info.py" line="113"/>
        <source>The package {} does not exist.</source>
        <translation>离线包 {} 不存在。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/package_info.py" line="125"/>
        <location filename="../../plugin/core/package_info.py" line="138"/>
        <source>{} is not an offline district package made by Twin District Review.</source>
        <translation>{} 不是由“数字孪生片区审查”生成的片区离线包。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/package_refresh.py" line="91"/>
        <source>validators unchanged</source>
        <translation>HTTP 校验信息未变</translation>
    </message>
    <message>
        <location filename="../../plugin/core/package_refresh.py" line="94"/>
        <source>twin:version unchanged ({})</source>
        <translation>twin:version 未变（{}）</translation>
    </message>
    <message>
        <location filename="../../plugin/core/package_refresh.py" line="106"/>
        <source>The package {} does not record its district boundary, so it cannot be refreshed.</source>
        <translation>离线包 {} 没有记录片区边界，无法更新。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/package_refresh.py" line="123"/>
        <source>The refresh was cancelled.</source>
        <translation>更新已取消。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/package_refresh.py" line="127"/>
        <source>no longer on the service; kept</source>
        <translation>服务上已不存在，保留原图层</translation>
    </message>
    <message>
        <location filename="../../plugin/core/package_refresh.py" line="165"/>
        <source>raster values changed</source>
        <translation>栅格值有变化</translation>
    </message>
    <message>
        <location filename="../../plugin/core/package_refresh.py" line="171"/>
        <source>compared by content (no feature ids)</source>
        <translation>按内容比较（无要素 ID）</translation>
    </message>
    <message>
        <location filename="../../plugin/core/package_refresh.py" line="216"/>
        <source>Building changes ({})</source>
        <translation>建筑变化（{}）</translation>
    </message>
    <message>
        <location filename="../../plugin/core/package_refresh.py" line="218"/>
        <location filename="../../plugin/processing/package_inputs.py" line="44"/>
        <location filename="../../plugin/processing/review_district.py" line="114"/>
        <source>Review results</source>
        <translation>审查成果</translation>
    </message>
    <message>
        <location filename="../../plugin/core/project_layers.py" line="35"/>
        <source>None of the downloaded layers in {} could be opened.</source>
        <translation>{} 中已下载的图层均无法打开。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/project_layers.py" line="61"/>
        <source>{} is a raster, so it cannot be a live feature layer; download it instead.</source>
        <translation>“{}”是栅格数据，无法作为在线要素图层加载，请改为下载。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/project_layers.py" line="69"/>
        <source>QGIS could not open {} from {} as a live layer.</source>
        <translation>QGIS 无法将 {1} 的“{0}”作为在线图层打开。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/pull.py" line="100"/>
        <source>Could not save {} to {}: {}</source>
        <translation>无法将 {} 保存到 {}：{}</translation>
    </message>
    <message>
        <location filename="../../plugin/core/pull.py" line="137"/>
        <source>The downloaded layer {} could not be opened.</source>
        <translation>无法打开已下载的图层“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/pull.py" line="160"/>
        <source>Could not save the raster {} to {}: {}</source>
        <translation>无法将栅格 {} 保存到 {}：{}</translation>
    </message>
    <message>
        <location filename="../../plugin/core/sensor_layer.py" line="62"/>
        <source>The collection {} has no features with a sensor_id, so it cannot be a live sensors layer.</source>
        <translation>集合 {} 中没有带 sensor_id 的要素，无法作为实时传感器图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/sensor_layer.py" line="170"/>
        <source>the newest observation of each in {}</source>
        <translation>取自 {} 中各传感器的最新观测</translation>
    </message>
    <message>
        <location filename="../../plugin/core/sensor_layer.py" line="171"/>
        <source>the collection's own latest values</source>
        <translation>取自该集合自带的最新值</translation>
    </message>
    <message>
        <location filename="../../plugin/core/sensor_layer.py" line="172"/>
        <source>{} sensors of collection {} of the twin service {}, fetched {}. Readings: {}, refreshed while the layer is open.</source>
        <translation>孪生服务 {2} 的集合 {1} 中的 {0} 个传感器，获取于 {3}。读数：{4}，图层打开期间持续刷新。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/sensors.py" line="143"/>
        <source>{} observations in '{}' had no sensor id, time or numeric value and were skipped.</source>
        <translation>{} 条观测（{}）缺少传感器编号、时间或数值，已跳过。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/sensors.py" line="192"/>
        <source>The twin service sent {} features for '{}' but none is an observation with a sensor id, time and numeric value.</source>
        <translation>孪生数据服务发送了 {} 个要素（{}），但没有一条是带传感器编号、时间和数值的观测。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/series_task.py" line="48"/>
        <source>The twin service has no observations collection for the sensors in '{}'.</source>
        <translation>孪生数据服务中没有与“{}”中传感器对应的观测数据集合。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/series_task.py" line="148"/>
        <source>Fetching the time series of sensor {}</source>
        <translation>正在获取传感器 {} 的时间序列</translation>
    </message>
    <message>
        <location filename="../../plugin/core/tasks.py" line="133"/>
        <source>The task '{}' failed unexpectedly.</source>
        <translation>任务“{}”意外失败。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/tasks.py" line="156"/>
        <source>Loading the catalog of {}</source>
        <translation>正在加载 {} 的数据目录</translation>
    </message>
    <message>
        <location filename="../../plugin/core/tasks.py" line="176"/>
        <source>Downloading {} collections from {}</source>
        <translation>正在从 {1} 下载 {0} 个数据集</translation>
    </message>
    <message>
        <location filename="../../plugin/core/tasks.py" line="193"/>
        <source>The service has no collection '{}'.</source>
        <translation>该服务中没有数据集“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/tasks.py" line="236"/>
        <source>Opening {} live layers from {}</source>
        <translation>正在从 {1} 打开 {0} 个在线图层</translation>
    </message>
    <message>
        <location filename="../../plugin/core/tasks.py" line="246"/>
        <source>Opening the live layers was cancelled.</source>
        <translation>已取消打开在线图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/tasks.py" line="269"/>
        <source>Counting the features of {}</source>
        <translation>正在统计 {} 的要素数量</translation>
    </message>
    <message>
        <location filename="../../plugin/core/tasks.py" line="309"/>
        <source>Opening {} live sensor layers from {}</source>
        <translation>正在从 {1} 打开 {0} 个实时传感器图层</translation>
    </message>
    <message>
        <location filename="../../plugin/core/tasks.py" line="334"/>
        <source>{}: the latest observations could not be read, so the sensors show their own last values.</source>
        <translation>{}：无法读取最新观测，传感器显示其自带的最后读数。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/tasks.py" line="358"/>
        <source>Refreshing the sensor readings of {}</source>
        <translation>正在刷新 {} 的传感器读数</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="59"/>
        <source>a response</source>
        <translation>响应内容</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="60"/>
        <source>The twin service sent {} that is not valid JSON.</source>
        <translation>孪生数据服务返回的{}不是有效的 JSON。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="208"/>
        <source>The twin service did not answer within {} s.</source>
        <translation>孪生数据服务在 {} 秒内没有响应。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="219"/>
        <source>The proxy configured in QGIS refused or failed the connection to the twin service at {}.</source>
        <translation>QGIS 中配置的代理拒绝或未能建立到孪生数据服务 {} 的连接。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="222"/>
        <source>A secure connection to the twin service at {} could not be established (SSL).</source>
        <translation>无法与孪生数据服务 {} 建立安全连接（SSL）。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="225"/>
        <source>The twin service at {} could not be reached through the proxy set in QGIS ({}).</source>
        <translation>无法通过 QGIS 中设置的代理（{1}）访问孪生数据服务 {0}。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="228"/>
        <source>The twin service at {} could not be reached.</source>
        <translation>无法访问孪生数据服务 {}。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="232"/>
        <source>The connection to the twin service was lost while receiving {}.</source>
        <translation>接收{}时与孪生数据服务的连接中断。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="235"/>
        <source>The request to the twin service for {} failed.</source>
        <translation>向孪生数据服务请求{}失败。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="244"/>
        <source>The authentication configuration of this connection ({}) is not in the QGIS authentication database; choose another one.</source>
        <translation>此连接的认证配置（{}）不在 QGIS 认证数据库中，请另选一个。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="283"/>
        <source>QGIS could not apply the authentication configuration of this connection; enter the master password or check the configuration.</source>
        <translation>QGIS 无法应用此连接的认证配置；请输入主密码或检查认证配置。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="290"/>
        <source>The twin service refused the credentials of this connection for {} (HTTP 401); check its authentication configuration.</source>
        <translation>孪生数据服务拒绝了此连接访问{}的凭据（HTTP 401），请检查其认证配置。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="293"/>
        <source>The twin service needs a login for {} (HTTP 401): choose an authentication configuration for this connection.</source>
        <translation>访问{}需要登录孪生数据服务（HTTP 401）：请为此连接选择认证配置。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="296"/>
        <source>The credentials of this connection do not allow access to {} (HTTP 403).</source>
        <translation>此连接的凭据无权访问{}（HTTP 403）。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="299"/>
        <source>The twin service does not allow access to {} (HTTP 403) without a login: choose an authentication configuration for this connection.</source>
        <translation>未登录时孪生数据服务不允许访问{}（HTTP 403）：请为此连接选择认证配置。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="303"/>
        <source>The proxy set in QGIS needs a login (HTTP 407): enter it in QGIS's network options.</source>
        <translation>QGIS 中设置的代理需要登录（HTTP 407）：请在 QGIS 的网络选项中填写。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="306"/>
        <source>The twin service did not find {} (HTTP 404).</source>
        <translation>孪生数据服务上找不到{}（HTTP 404）。</translation>
    </message>
    <message>
        <location filename="../../plugin/core/transport.py" line="307"/>
        <source>The twin service answered HTTP {} for {}.</source>
        <translation>孪生数据服务对{1}的请求返回了 HTTP {0}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/browser.py" line="72"/>
        <source>Twin services</source>
        <translation>孪生数据服务</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/browser.py" line="75"/>
        <source>Stored twin data service connections</source>
        <translation>已保存的孪生数据服务连接</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/browser.py" line="181"/>
        <source>Use Add or Download in the Twin catalog dock for this raster.</source>
        <translation>此栅格请在“孪生数据目录”面板中使用“添加”或“下载”。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/browser.py" line="216"/>
        <location filename="../../plugin/gui/catalog_dock.py" line="132"/>
        <source>New connection…</source>
        <translation>新建连接…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/browser.py" line="219"/>
        <location filename="../../plugin/gui/catalog_dock.py" line="134"/>
        <source>Edit connection…</source>
        <translation>编辑连接…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/browser.py" line="220"/>
        <location filename="../../plugin/gui/browser.py" line="244"/>
        <location filename="../../plugin/gui/catalog_dock.py" line="136"/>
        <location filename="../../plugin/gui/catalog_dock.py" line="241"/>
        <source>Remove connection</source>
        <translation>删除连接</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/browser.py" line="221"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/browser.py" line="245"/>
        <source>Remove the twin service connection '{}'?</source>
        <translation>删除孪生数据服务连接“{}”？</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_actions.py" line="23"/>
        <location filename="../../plugin/gui/catalog_dock.py" line="71"/>
        <location filename="../../plugin/plugin_main.py" line="102"/>
        <source>Twin catalog</source>
        <translation>孪生数据目录</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_actions.py" line="83"/>
        <source>Download into a GeoPackage</source>
        <translation>下载到 GeoPackage</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_actions.py" line="84"/>
        <location filename="../../plugin/processing/package_district.py" line="78"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_actions.py" line="97"/>
        <source>Download for district</source>
        <translation>按片区下载</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_actions.py" line="98"/>
        <source>District to clip the collections to:</source>
        <translation>用于裁切数据集的片区：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_actions.py" line="127"/>
        <source>This version of QGIS cannot send this connection's API key with live layers; use Download instead.</source>
        <translation>此版本的 QGIS 无法在在线图层中发送该连接的 API 密钥，请改用下载。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_actions.py" line="188"/>
        <source>Downloaded {} collections ({} features) into {}.</source>
        <translation>已下载 {} 个数据集（{} 个要素）到 {}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="98"/>
        <source>Search titles, descriptions, keywords, ids</source>
        <translation>搜索标题、描述、关键词、ID</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="128"/>
        <source>Twin service connection</source>
        <translation>孪生数据服务连接</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="138"/>
        <source>Reload the catalog</source>
        <translation>重新加载数据目录</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="142"/>
        <source>Make offline…</source>
        <translation>离线打包…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="143"/>
        <source>Make offline: package the filter's district into a GeoPackage and a project (the selected collections, or every collection tagged for the district)</source>
        <translation>离线打包：把筛选的片区打包为一个 GeoPackage 和一个工程（所选数据集，未选择时为该片区标注的全部数据集）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="151"/>
        <source>Review report…</source>
        <translation>审查报告…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="152"/>
        <source>District review report: review the open project's district package and write the report as HTML and PDF</source>
        <translation>片区审查报告：审查当前项目的片区数据包，并输出 HTML 和 PDF 报告</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="165"/>
        <source>All districts</source>
        <translation>全部片区</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="168"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="168"/>
        <location filename="../../plugin/gui/metadata_html.py" line="24"/>
        <location filename="../../plugin/gui/metadata_html.py" line="30"/>
        <source>Vector</source>
        <translation>矢量</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="169"/>
        <location filename="../../plugin/gui/metadata_html.py" line="25"/>
        <source>Raster</source>
        <translation>栅格</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="169"/>
        <location filename="../../plugin/gui/metadata_html.py" line="26"/>
        <location filename="../../plugin/processing/district_indicators.py" line="191"/>
        <source>Sensors</source>
        <translation>传感器</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="170"/>
        <location filename="../../plugin/gui/metadata_html.py" line="96"/>
        <location filename="../../plugin/processing/skyline.py" line="245"/>
        <location filename="../../plugin/report/scheme_report.py" line="57"/>
        <source>Scheme</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="174"/>
        <source>Map extent</source>
        <translation>地图范围</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="175"/>
        <source>Show only collections inside the map view</source>
        <translation>只显示当前地图视图范围内的数据集</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="186"/>
        <source>Add live layer</source>
        <translation>添加在线图层</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="187"/>
        <source>Stream the selected collections from the service (rasters are fetched once and added)</source>
        <translation>从服务在线加载所选数据集（栅格数据下载一次后添加）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="190"/>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="191"/>
        <source>Download the selected collections into a GeoPackage and add them</source>
        <translation>将所选数据集下载到 GeoPackage 并添加到地图</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="195"/>
        <source>For district…</source>
        <translation>按片区下载…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="196"/>
        <source>Download the selected collections clipped to one district</source>
        <translation>按某一片区裁切下载所选数据集</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="242"/>
        <source>Remove the connection “{}”?</source>
        <translation>删除连接“{}”？</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="262"/>
        <source>Add a connection to a twin data service to start.</source>
        <translation>请先添加一个孪生数据服务连接。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="268"/>
        <source>Loading the catalog of {}…</source>
        <translation>正在加载 {} 的数据目录…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/catalog_dock.py" line="359"/>
        <source>{} of {} collections shown</source>
        <translation>显示 {} / {} 个数据集</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="46"/>
        <source>Edit Twin Service Connection</source>
        <translation>编辑孪生数据服务连接</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="47"/>
        <source>New Twin Service Connection</source>
        <translation>新建孪生数据服务连接</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="54"/>
        <source>API key header…</source>
        <translation>API 密钥请求头…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="58"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="69"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="70"/>
        <source>URL</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="71"/>
        <location filename="../../plugin/gui/package_html.py" line="104"/>
        <location filename="../../plugin/processing/base.py" line="75"/>
        <source>Authentication</source>
        <translation>认证配置</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="94"/>
        <source>Store key and use it</source>
        <translation>保存密钥并使用</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="97"/>
        <source>Header</source>
        <translation>请求头</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="98"/>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="112"/>
        <source>Enter the API key first.</source>
        <translation>请先输入 API 密钥。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="115"/>
        <source>{} API key</source>
        <translation>{} API 密钥</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="125"/>
        <source>The key is stored in the QGIS authentication database as '{}'.</source>
        <translation>密钥已保存到 QGIS 认证数据库，名称为“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="135"/>
        <source>The QGIS authentication database is locked; enter the master password to use this connection's credentials.</source>
        <translation>QGIS 认证数据库已锁定；请输入主密码以使用此连接的凭据。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="147"/>
        <source>Testing {}…</source>
        <translation>正在测试 {}…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="185"/>
        <source>Enter a name for the connection.</source>
        <translation>请输入连接名称。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="188"/>
        <source>Enter the service URL, starting with http:// or https://.</source>
        <translation>请输入以 http:// 或 https:// 开头的服务地址。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/connection_dialog.py" line="192"/>
        <source>A connection called '{}' exists already; choose another name.</source>
        <translation>已存在名为“{}”的连接，请换一个名称。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="27"/>
        <source>Sensor observations</source>
        <translation>传感器观测</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="28"/>
        <source>Design scheme</source>
        <translation>设计方案</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="42"/>
        <source>City-wide</source>
        <translation>全市</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="67"/>
        <location filename="../../plugin/gui/metadata_html.py" line="93"/>
        <location filename="../../plugin/gui/metadata_html.py" line="95"/>
        <location filename="../../plugin/gui/package_html.py" line="97"/>
        <location filename="../../plugin/gui/package_html.py" line="119"/>
        <location filename="../../plugin/gui/package_html.py" line="154"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="78"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="80"/>
        <location filename="../../plugin/report/summary.py" line="46"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="82"/>
        <location filename="../../plugin/gui/metadata_html.py" line="84"/>
        <source>Category</source>
        <translation>大类</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="86"/>
        <source>Subcategory</source>
        <translation>小类</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="88"/>
        <location filename="../../plugin/processing/district_indicators.py" line="110"/>
        <location filename="../../plugin/processing/district_indicators.py" line="184"/>
        <location filename="../../plugin/processing/flood_impact.py" line="186"/>
        <location filename="../../plugin/processing/flood_impact.py" line="277"/>
        <source>Districts</source>
        <translation>片区</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="88"/>
        <source>not tagged</source>
        <translation>未标注</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="89"/>
        <source>Extent</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="91"/>
        <location filename="../../plugin/gui/package_html.py" line="101"/>
        <source>CRS</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="94"/>
        <location filename="../../plugin/gui/package_html.py" line="112"/>
        <location filename="../../plugin/report/district_report.py" line="225"/>
        <source>Features</source>
        <translation>要素数</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="95"/>
        <location filename="../../plugin/gui/package_html.py" line="112"/>
        <location filename="../../plugin/report/district_report.py" line="224"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="96"/>
        <location filename="../../plugin/report/scheme_report.py" line="66"/>
        <source>Scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="97"/>
        <location filename="../../plugin/processing/scheme_io.py" line="86"/>
        <source>Site</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/metadata_html.py" line="102"/>
        <source>Links</source>
        <translation>链接</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="73"/>
        <source>The packaging algorithm is not available; is the Processing plugin enabled?</source>
        <translation>打包算法不可用；处理（Processing）插件是否已启用？</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="89"/>
        <source>The report algorithm is not available; is the Processing plugin enabled?</source>
        <translation>报告算法不可用；是否已启用 Processing 插件？</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="104"/>
        <location filename="../../plugin/plugin_main.py" line="44"/>
        <source>Twin District Review</source>
        <translation>数字孪生片区审查</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="105"/>
        <source>Review report written: {}</source>
        <translation>审查报告已生成：{}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="106"/>
        <source>Open report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="115"/>
        <source>Open the offline project {}?</source>
        <translation>打开离线工程 {}？</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="117"/>
        <source>Open the offline project {}? Unsaved changes to the current project will be lost.</source>
        <translation>打开离线工程 {}？当前工程未保存的修改将会丢失。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="119"/>
        <location filename="../../plugin/gui/package_actions.py" line="341"/>
        <source>Offline district package</source>
        <translation>片区离线包</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="164"/>
        <source>Choose an offline district package</source>
        <translation>选择片区离线包</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="166"/>
        <source>Offline district packages (*.gpkg *.qgz)</source>
        <translation>片区离线包 (*.gpkg *.qgz)</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="201"/>
        <source>Package district for offline use…</source>
        <translation>打包片区供离线使用…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="203"/>
        <source>Refresh district package…</source>
        <translation>更新片区离线包…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="205"/>
        <source>Package info…</source>
        <translation>离线包信息…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="207"/>
        <source>District review report…</source>
        <translation>片区审查报告…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="252"/>
        <source>The refresh algorithm is not available; is the Processing plugin enabled?</source>
        <translation>更新算法不可用；处理（Processing）插件是否已启用？</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="261"/>
        <source>Refreshing {}…</source>
        <translation>正在更新 {}…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="262"/>
        <source>Checking {} for changes on the service…</source>
        <translation>正在检查服务上 {} 的变化…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="276"/>
        <source>Twin district package</source>
        <translation>孪生片区离线包</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="280"/>
        <location filename="../../plugin/gui/time_series_dialog.py" line="204"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="295"/>
        <source>The refresh of {} was cancelled.</source>
        <translation>{} 的更新已取消。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="299"/>
        <source>The refresh of {} failed; the Processing log has the details.</source>
        <translation>{} 的更新失败；详情见处理（Processing）日志。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="307"/>
        <source>The refresh of {} reported no readable changes.</source>
        <translation>{} 的更新没有给出可读取的变化清单。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_actions.py" line="342"/>
        <source>The open project's package was refreshed. Reopen the project to show new and removed layers too? (No reloads the current layers and keeps unsaved changes.)</source>
        <translation>当前工程的离线包已更新。是否重新打开工程，以便同时显示新增和移除的图层？（选“否”则只重新加载现有图层，并保留未保存的修改。）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="85"/>
        <location filename="../../plugin/gui/package_html.py" line="104"/>
        <location filename="../../plugin/gui/package_html.py" line="131"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="86"/>
        <source>{} snapshots, the latest {}</source>
        <translation>{} 个快照，最新为 {}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="95"/>
        <location filename="../../plugin/processing/district_report.py" line="168"/>
        <source>District</source>
        <translation>片区</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="96"/>
        <location filename="../../plugin/report/summary.py" line="122"/>
        <source>Service</source>
        <translation>服务端</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="97"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="98"/>
        <source>Last refreshed</source>
        <translation>上次更新</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="98"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="100"/>
        <source>Margin</source>
        <translation>外扩距离</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="100"/>
        <source>{} m</source>
        <translation>{} 米</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="102"/>
        <location filename="../../plugin/gui/package_html.py" line="213"/>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="102"/>
        <source>{} layers, {} features</source>
        <translation>{} 个图层，{} 个要素</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="105"/>
        <source>Snapshots</source>
        <translation>快照</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="106"/>
        <location filename="../../plugin/processing/package_district.py" line="79"/>
        <location filename="../../plugin/processing/refresh_package.py" line="72"/>
        <location filename="../../plugin/processing/review_district.py" line="53"/>
        <location filename="../../plugin/processing/review_district.py" line="127"/>
        <source>GeoPackage</source>
        <translation>GeoPackage</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="112"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="112"/>
        <location filename="../../plugin/report/district_report.py" line="224"/>
        <source>Collection</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="113"/>
        <source>Fetched (UTC)</source>
        <translation>获取时间（UTC）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="113"/>
        <source>Fetched</source>
        <translation>获取时间</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="113"/>
        <source>ETag / Last-Modified</source>
        <translation>ETag / Last-Modified</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="114"/>
        <source>Query URL</source>
        <translation>查询 URL</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="122"/>
        <source>{} of the {} the service matched</source>
        <translation>服务匹配 {1} 个，已取得 {0} 个</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="203"/>
        <source>This package holds no layers.</source>
        <translation>此离线包中没有图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="212"/>
        <location filename="../../plugin/gui/package_html.py" line="222"/>
        <source>Offline district package {}</source>
        <translation>片区离线包 {}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_html.py" line="214"/>
        <source>Times are local ({}); hover over a shortened value to see all of it.</source>
        <translation>时间为本地时间（{}）；将鼠标悬停在被截短的值上可查看完整内容。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_info_dialog.py" line="22"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_info_dialog.py" line="31"/>
        <source>Package info — {}</source>
        <translation>离线包信息 — {}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_info_dialog.py" line="38"/>
        <source>Copy as text</source>
        <translation>复制为文本</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_info_dialog.py" line="39"/>
        <source>Copy the package's details, with full URLs and times, as tab-separated text</source>
        <translation>以制表符分隔的文本复制离线包详情（含完整 URL 和时间）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/package_info_dialog.py" line="42"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="39"/>
        <location filename="../../plugin/processing/refresh_package.py" line="21"/>
        <source>changed</source>
        <translation>有变化</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="40"/>
        <location filename="../../plugin/processing/refresh_package.py" line="22"/>
        <source>unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="41"/>
        <location filename="../../plugin/processing/refresh_package.py" line="23"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="42"/>
        <source>new layer</source>
        <translation>新图层</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="43"/>
        <location filename="../../plugin/processing/refresh_package.py" line="25"/>
        <source>gone from the service</source>
        <translation>服务上已不存在</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="63"/>
        <source>The package is up to date: no layer changed on the service.</source>
        <translation>离线包已是最新：服务上没有图层发生变化。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="64"/>
        <source>{} of {} layers changed: {} features added, {} removed, {} changed.</source>
        <translation>{1} 个图层中有 {0} 个变化：新增 {2} 个要素，删除 {3} 个，修改 {4} 个。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="73"/>
        <source>The previous version is kept as the snapshot {}.</source>
        <translation>原版本已保留为快照 {}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="74"/>
        <source>The package was refreshed in place.</source>
        <translation>离线包已就地更新。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="77"/>
        <source>Buildings: {} new, {} demolished, {} with a new height, {} otherwise changed (layer “Building changes”).</source>
        <translation>建筑：新建 {} 栋，拆除 {} 栋，高度变化 {} 栋，其他变化 {} 栋（见“建筑变化”图层）。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="82"/>
        <source>Applying keeps the current version as a snapshot in the package's snapshots folder, so it can be compared or restored.</source>
        <translation>应用时，当前版本会作为快照保存在离线包的 snapshots 文件夹中，便于对比或恢复。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="96"/>
        <source>Refresh district package — {}</source>
        <translation>更新片区离线包 — {}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="112"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="113"/>
        <source>Write these changes into the package</source>
        <translation>将这些变化写入离线包</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="126"/>
        <location filename="../../plugin/report/district_report.py" line="224"/>
        <location filename="../../plugin/report/summary.py" line="46"/>
        <location filename="../../plugin/report/summary.py" line="122"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="126"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="126"/>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="126"/>
        <source>Removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="126"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/refresh_dialog.py" line="127"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/sensor_watch.py" line="54"/>
        <source>Sensor refresh interval</source>
        <translation>传感器刷新间隔</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/sensor_watch.py" line="55"/>
        <source>Seconds between refreshes of the live sensors layers:</source>
        <translation>实时传感器图层两次刷新之间的秒数：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/sensor_watch.py" line="60"/>
        <location filename="../../plugin/gui/sensor_watch.py" line="207"/>
        <source>Twin sensors</source>
        <translation>孪生传感器</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/sensor_watch.py" line="60"/>
        <source>Live sensors layers now refresh every {} s ({} running).</source>
        <translation>实时传感器图层现在每 {} 秒刷新一次（{} 个正在运行）。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/sensor_watch.py" line="174"/>
        <source>The readings of {} are current again.</source>
        <translation>{} 的读数已恢复为最新。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/sensor_watch.py" line="187"/>
        <source>{} could not be refreshed ({}); it kept the readings of {}.</source>
        <translation>{} 无法刷新（{}）；保留了 {} 的读数。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/sensor_watch.py" line="215"/>
        <source>{} ({}) is in alarm: {} {} at {}, alarm level {} {}.</source>
        <translation>{0}（{1}）处于报警状态：{4} 时为 {2} {3}，报警阈值 {5} {6}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="59"/>
        <source>Last 6 h</source>
        <translation>最近 6 小时</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="59"/>
        <source>Last 24 h</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="59"/>
        <source>Last 3 days</source>
        <translation>最近 3 天</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="60"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="60"/>
        <source>All observations</source>
        <translation>全部观测</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="64"/>
        <source>normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="64"/>
        <source>warning</source>
        <translation>警戒</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="64"/>
        <source>alarm</source>
        <translation>报警</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="65"/>
        <source>state unknown</source>
        <translation>状态未知</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="70"/>
        <source>Water level</source>
        <translation>水位</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="70"/>
        <source>Water depth</source>
        <translation>积水深度</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="71"/>
        <source>Precipitation</source>
        <translation>降雨量</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="102"/>
        <source>Sensor {} has no observations on the twin service.</source>
        <translation>孪生数据服务中没有传感器 {} 的观测数据。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="110"/>
        <source>All {} readings, {} to {} (local time, {}); the newest, {}, is {}.</source>
        <translation>全部 {} 条读数，{} 至 {}（当地时间，{}）；最新读数 {}，状态为{}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="113"/>
        <source>{} of data, to the newest reading at {} (local time, {}): {} readings; the newest, {}, is {}.</source>
        <translation>截至最新读数 {1}（当地时间，{2}）的{0}数据：{3} 条读数；最新读数 {4}，状态为{5}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="129"/>
        <source>Reading</source>
        <translation>读数</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="129"/>
        <source>Warning</source>
        <translation>警戒</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="129"/>
        <source>Alarm</source>
        <translation>报警</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="130"/>
        <source>Time (local, {})</source>
        <translation>时间（当地，{}）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="184"/>
        <source>Sensor time series — {} ({})</source>
        <translation>传感器时间序列 — {}（{}）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="195"/>
        <source>Period:</source>
        <translation>时段：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="220"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="221"/>
        <source>Save chart…</source>
        <translation>保存图表…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="247"/>
        <source>Fetching the observations of sensor {}…</source>
        <translation>正在获取传感器 {} 的观测数据…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="259"/>
        <location filename="../../plugin/gui/time_series_dialog.py" line="272"/>
        <source>Fetching was cancelled.</source>
        <translation>获取已取消。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="312"/>
        <source>Export the time series as CSV</source>
        <translation>将时间序列导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="313"/>
        <location filename="../../plugin/processing/district_indicators.py" line="136"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="319"/>
        <source>Save the chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="320"/>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="341"/>
        <source>{} could not be written: {}.</source>
        <translation>无法写入 {}：{}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="344"/>
        <source>Saved {}.</source>
        <translation>已保存 {}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="356"/>
        <source>Sensor time series</source>
        <translation>传感器时间序列</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="364"/>
        <source>Select a sensor on a sensors layer (one with sensor_id and latest_value fields) and make that layer active, then choose Sensor time series again.</source>
        <translation>请在传感器图层（含 sensor_id 和 latest_value 字段）上选择一个传感器并将该图层设为当前图层，然后再次选择“传感器时间序列”。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="370"/>
        <source>Select one sensor on the layer {} first, then choose Sensor time series again.</source>
        <translation>请先在图层 {} 上选择一个传感器，然后再次选择“传感器时间序列”。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/time_series_dialog.py" line="375"/>
        <source>The layer {} does not say which twin service it came from, so the time series cannot be fetched.</source>
        <translation>图层 {} 未记录其来源的孪生数据服务，因此无法获取时间序列。</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin_main.py" line="46"/>
        <source>Review a district from a twin service…</source>
        <translation>从孪生数据服务审查片区…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin_main.py" line="48"/>
        <source>District indicators…</source>
        <translation>片区指标…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin_main.py" line="50"/>
        <source>Flood and waterlogging impact…</source>
        <translation>洪涝影响…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin_main.py" line="52"/>
        <source>Compare design schemes…</source>
        <translation>设计方案比选…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin_main.py" line="58"/>
        <source>Sensor time series…</source>
        <translation>传感器时间序列…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin_main.py" line="61"/>
        <source>Sensor refresh interval…</source>
        <translation>传感器刷新间隔…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin_main.py" line="72"/>
        <source>Skyline profile…</source>
        <translation>天际线轮廓…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin_main.py" line="73"/>
        <source>View corridor check…</source>
        <translation>视线通廊检查…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin_main.py" line="74"/>
        <source>Height control check…</source>
        <translation>高度控制检查…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin_main.py" line="75"/>
        <source>Sunlight hours…</source>
        <translation>日照时数分析…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin_main.py" line="76"/>
        <source>Building shadows…</source>
        <translation>建筑阴影…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin_main.py" line="77"/>
        <source>Sun position…</source>
        <translation>太阳位置…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin_main.py" line="81"/>
        <location filename="../../plugin/plugin_main.py" line="90"/>
        <source>Skyline and sunlight</source>
        <translation>天际线与日照</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin_main.py" line="142"/>
        <source>&amp;Twin District Review</source>
        <translation>数字孪生片区审查(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/base.py" line="44"/>
        <source>District review</source>
        <translation>片区审查</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/base.py" line="72"/>
        <source>Twin service URL (OGC API - Features landing page)</source>
        <translation>孪生数据服务地址（OGC API - Features 服务首页）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/base.py" line="83"/>
        <source>Year of the sunlight standard day</source>
        <translation>日照标准日所在年份</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/base.py" line="89"/>
        <source>Review report (HTML)</source>
        <translation>审查报告（HTML）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/base.py" line="90"/>
        <source>Review report (PDF)</source>
        <translation>审查报告（PDF）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/base.py" line="92"/>
        <source>Review report figures and parameters (JSON)</source>
        <translation>审查报告数据与参数（JSON）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/base.py" line="98"/>
        <source>Analysis CRS (metres)</source>
        <translation>分析坐标系（单位为米）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/base.py" line="136"/>
        <source>Offline packages</source>
        <translation>离线包</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/base.py" line="149"/>
        <source>Give the twin service URL.</source>
        <translation>请填写孪生数据服务地址。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="78"/>
        <source>Compare design schemes</source>
        <translation>设计方案比选</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="81"/>
        <source>scheme,design,compare,rank,FAR,GFA,skyline,sunlight,flood,方案比选,容积率,建筑密度</source>
        <translation>方案,设计,比选,排名,容积率,建筑面积,天际线,日照,洪涝,方案比选,容积率,建筑密度</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="85"/>
        <source>&lt;p&gt;Compare design schemes (方案比选): two or more schemes for one site, side by side, each figure computed as the single tool computes it.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Form.&lt;/b&gt; GFA per building: the gfa field, else footprint × floors, else footprint × round(height / 3 m). FAR = GFA / site area; density (建筑密度) = footprint area / site area (both empty without a site); max and mean building height.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Compliance.&lt;/b&gt; Height control as 'Height control check' (parcels and zones, the strictest cap); separately the site's own height cap and FAR cap; view corridors as 'View corridor check' (with the viewpoints).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Skyline.&lt;/b&gt; As 'Skyline profile' with the scheme, from each viewpoint: the existing buildings the scheme overlaps are removed; mean change of the skyline angle (°) and the scheme buildings rising above the existing skyline.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Sunlight.&lt;/b&gt; As 'Sunlight hours' with the scheme as obstruction, on the homes (the use field's values) within the site's bounding box grown by the neighbour distance (default 500 m, beyond which a 250 m tower's winter shadow rarely reaches), without and with each scheme on the standard day of the rule and year (the log gives the date): test points and homes that lose or gain compliance.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Flood.&lt;/b&gt; As 'Flood and waterlogging impact' with the scheme as buildings: per scenario (one raster each) the scheme buildings affected (class from the max depth ≥ 0.15 m), their GFA, max and mean depth; the worst scenario is the one with the most GFA affected.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Ground.&lt;/b&gt; A building without ground elevation stands on the DEM at its centroid, else on 0 m; viewpoints on the DEM, else on the nearest building's ground.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Rank.&lt;/b&gt; Criteria: GFA (more is better), height (sum over the buildings of the largest excess over any cap, m), skyline (mean change, °), sunlight (points lost − gained), flood (GFA affected in the worst scenario); each normalised across the schemes by min–max to 0–1 with 1 = best (all equal: all 1; a criterion not computed is left out). Score = Σ weight × score / Σ weight; rank 1 = highest score, equal scores share a rank. Weights default to 1 each.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Outputs.&lt;/b&gt; The comparison table (one row per scheme), the skyline table (scheme × viewpoint), the flood table (scheme × scenario), the buildings failing a check (per scheme), the sunlight test points changing state, bar charts (PNG and SVG), the number of schemes and the best scheme.&lt;/p&gt;</source>
        <translation>&lt;p&gt;设计方案比选：同一用地的两个及以上方案并列比较，每项数值均按对应单项工具的方法计算。&lt;/p&gt;&lt;p&gt;&lt;b&gt;形态。&lt;/b&gt;每栋建筑的建筑面积：取 gfa 字段，否则为基底面积 × 层数，否则为基底面积 × round(高度 / 3 m)。容积率 = 建筑面积 / 用地面积；建筑密度 = 基底面积 / 用地面积（无用地时均留空）；建筑最大与平均高度。&lt;/p&gt;&lt;p&gt;&lt;b&gt;合规。&lt;/b&gt;高度控制同“高度控制检查”（地块与分区，取最严格的限高）；另行检查用地自身的限高与容积率上限；视线通廊同“视线通廊检查”（结合视点）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;天际线。&lt;/b&gt;同“天际线轮廓”加入方案，从每个视点：移除方案覆盖的现状建筑；天际线仰角的平均变化（°）以及高出现状天际线的方案建筑。&lt;/p&gt;&lt;p&gt;&lt;b&gt;日照。&lt;/b&gt;同“日照时数分析”以方案为遮挡物，对用地外包框按周边范围扩展后（默认 500 米，250 米高塔楼的冬季阴影很少超出此范围）的住宅（用途字段的取值），在所选标准与年份的标准日分别计算无方案与有各方案的情况（日志中给出日期）：由达标变为不达标或反之的分析点与住宅。&lt;/p&gt;&lt;p&gt;&lt;b&gt;洪涝。&lt;/b&gt;同“洪涝影响”以方案为建筑：每个情景（各一个栅格）受影响的方案建筑（按最大水深 ≥ 0.15 米分级）、其建筑面积、最大与平均水深；受影响建筑面积最大的情景为最不利情景。&lt;/p&gt;&lt;p&gt;&lt;b&gt;地面。&lt;/b&gt;无地面高程的建筑取其形心处的数字高程模型值，否则为 0 米；视点取数字高程模型值，否则取最近建筑的地面高程。&lt;/p&gt;&lt;p&gt;&lt;b&gt;排名。&lt;/b&gt;指标：建筑面积（越大越好）、高度（各建筑超出任一限高的最大值之和，米）、天际线（平均变化，°）、日照（失去达标的分析点数 − 新增达标的分析点数）、洪涝（最不利情景受影响建筑面积）；各指标在方案之间按最小–最大值归一化到 0–1，1 为最优（全部相同时均为 1；未计算的指标不参与）。得分 = Σ 权重 × 指标得分 / Σ 权重；排名 1 为得分最高，得分相同则排名相同。各权重默认为 1。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出。&lt;/b&gt;比选表（每个方案一行）、天际线表（方案 × 视点）、洪涝表（方案 × 情景）、未通过检查的建筑（按方案）、日照达标状态改变的分析点、柱状图（PNG 和 SVG）、方案数量和最优方案。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="126"/>
        <source>Design schemes (two or more polygon layers with heights)</source>
        <translation>设计方案（两个及以上带高度的面图层）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="129"/>
        <source>Scheme name field (empty: layer name)</source>
        <translation>方案名称字段（留空：用图层名）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="131"/>
        <location filename="../../plugin/processing/height_control.py" line="82"/>
        <location filename="../../plugin/processing/shadows.py" line="103"/>
        <location filename="../../plugin/processing/skyline.py" line="114"/>
        <location filename="../../plugin/processing/sunlight_hours.py" line="119"/>
        <location filename="../../plugin/processing/view_corridor.py" line="97"/>
        <source>Height field (m above ground)</source>
        <translation>高度字段（离地高度，m）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="132"/>
        <location filename="../../plugin/processing/sunlight_hours.py" line="120"/>
        <source>Floors field</source>
        <translation>层数字段</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="133"/>
        <source>GFA field (m²)</source>
        <translation>建筑面积字段（m²）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="134"/>
        <location filename="../../plugin/processing/skyline.py" line="115"/>
        <location filename="../../plugin/processing/sunlight_hours.py" line="121"/>
        <location filename="../../plugin/processing/view_corridor.py" line="98"/>
        <source>Ground elevation field (m)</source>
        <translation>地面高程字段（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="135"/>
        <source>Building id field</source>
        <translation>建筑编号字段</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="138"/>
        <source>Site (far_cap, height_cap)</source>
        <translation>项目用地（far_cap、height_cap）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="140"/>
        <source>Site id field</source>
        <translation>用地编号字段</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="141"/>
        <source>Site FAR cap field</source>
        <translation>用地容积率上限字段</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="142"/>
        <source>Site height cap field (m)</source>
        <translation>用地限高字段（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="145"/>
        <source>Existing buildings (skyline and sunlight)</source>
        <translation>现状建筑（天际线与日照）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="148"/>
        <location filename="../../plugin/processing/sunlight_hours.py" line="122"/>
        <source>Use field</source>
        <translation>用途字段</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="150"/>
        <source>Uses that are homes (comma separated)</source>
        <translation>属于住宅的用途（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="153"/>
        <location filename="../../plugin/processing/height_control.py" line="84"/>
        <source>Parcels (height_cap)</source>
        <translation>地块（height_cap）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="154"/>
        <location filename="../../plugin/processing/height_control.py" line="85"/>
        <source>Parcel height cap field (m)</source>
        <translation>地块限高字段（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="155"/>
        <location filename="../../plugin/processing/height_control.py" line="88"/>
        <source>Height-control zones (max_height)</source>
        <translation>高度控制分区（max_height）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="156"/>
        <location filename="../../plugin/processing/height_control.py" line="89"/>
        <source>Zone maximum height field (m)</source>
        <translation>分区最大高度字段（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="161"/>
        <location filename="../../plugin/processing/skyline.py" line="104"/>
        <location filename="../../plugin/processing/view_corridor.py" line="92"/>
        <source>Viewpoints (viewpoint_id, eye_height)</source>
        <translation>视点（viewpoint_id、eye_height）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="164"/>
        <location filename="../../plugin/processing/scheme_io.py" line="120"/>
        <location filename="../../plugin/processing/view_corridor.py" line="154"/>
        <source>View corridors</source>
        <translation>视线通廊</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="166"/>
        <source>DEM (viewpoint and building ground)</source>
        <translation>数字高程模型（视点与建筑地面高程）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="168"/>
        <source>Flood depth rasters (one per scenario)</source>
        <translation>内涝水深栅格（每个情景一个）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="171"/>
        <source>Neighbour distance for sunlight (m)</source>
        <translation>日照分析的周边范围（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="174"/>
        <source>Sunlight rule (GB 50180-2018 table 4.0.9)</source>
        <translation>日照标准（GB 50180-2018 表 4.0.9）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="177"/>
        <location filename="../../plugin/processing/sunlight_hours.py" line="139"/>
        <source>Year (of the standard day)</source>
        <translation>年份（日照标准日所在年份）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="180"/>
        <source>Skyline azimuth bin width (°)</source>
        <translation>天际线方位角间隔（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="183"/>
        <source>Weight: GFA</source>
        <translation>权重：建筑面积</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="183"/>
        <source>Weight: height control</source>
        <translation>权重：高度控制</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="184"/>
        <source>Weight: skyline change</source>
        <translation>权重：天际线变化</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="184"/>
        <source>Weight: sunlight lost</source>
        <translation>权重：日照损失</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="185"/>
        <source>Weight: flood exposure</source>
        <translation>权重：洪涝暴露</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="190"/>
        <location filename="../../plugin/processing/review_schemes.py" line="91"/>
        <location filename="../../plugin/processing/review_schemes.py" line="104"/>
        <source>Scheme comparison</source>
        <translation>方案比选</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="192"/>
        <location filename="../../plugin/report/scheme_report.py" line="113"/>
        <source>Skyline change per viewpoint</source>
        <translation>各视点的天际线变化</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="194"/>
        <location filename="../../plugin/report/scheme_report.py" line="114"/>
        <source>Flood exposure per scenario</source>
        <translation>各情景的洪涝暴露</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="196"/>
        <source>Scheme buildings failing a check</source>
        <translation>未通过检查的方案建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="198"/>
        <source>Sunlight test points changing state</source>
        <translation>日照达标状态改变的分析点</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="203"/>
        <source>Charts folder (PNG and SVG)</source>
        <translation>图表文件夹（PNG 和 SVG）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="204"/>
        <source>Schemes compared</source>
        <translation>参与比选的方案数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="205"/>
        <source>Best scheme</source>
        <translation>最优方案</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="219"/>
        <source>The scheme {} has no height field '{}'.</source>
        <translation>方案 {} 没有高度字段“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="222"/>
        <source>The scheme {} has no buildings.</source>
        <translation>方案 {} 没有建筑。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="227"/>
        <source>Give at least one weight above 0.</source>
        <translation>请至少给出一个大于 0 的权重。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="234"/>
        <location filename="../../plugin/processing/height_control.py" line="119"/>
        <location filename="../../plugin/processing/shadows.py" line="138"/>
        <location filename="../../plugin/processing/view_corridor.py" line="132"/>
        <source>The buildings layer has no height field '{}'.</source>
        <translation>建筑图层没有高度字段“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/compare_schemes.py" line="256"/>
        <source>Sunlight: {}, {:g}–{:g} h true solar time, at least {:g} h, on {} homes near the site.</source>
        <translation>日照：{}，真太阳时 {:g}–{:g} 时，至少 {:g} 小时，用地周边 {} 栋住宅。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="48"/>
        <source>Distances must be positive numbers of metres separated by commas, e.g. 500,800; got '{}'.</source>
        <translation>距离须为以逗号分隔的正数（单位：米），例如 500,800；当前输入为“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="72"/>
        <location filename="../../plugin/processing/district_indicators.py" line="133"/>
        <location filename="../../plugin/processing/review_district.py" line="113"/>
        <source>District indicators</source>
        <translation>片区指标</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="75"/>
        <source>district,indicators,FAR,density,green ratio,land use,coverage,片区指标,容积率,建筑密度,绿地率</source>
        <translation>片区,指标,片区指标,容积率,建筑密度,绿地率,用地,覆盖率,district,indicators,FAR,density,green ratio,land use,coverage</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="79"/>
        <source>&lt;p&gt;Indicators per district polygon (片区指标): land area, buildings, gross floor area, floor-area ratio (容积率), building density (建筑密度), green ratio (绿地率), heights, land-use mix, coverage by metro stations, EV chargers and facilities, and sensors.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; All layers are transformed to the analysis CRS (metres, default EPSG:4547). A building split by a district boundary counts by the share of its footprint inside: its count, footprint and GFA are scaled by that share. GFA is &lt;i&gt;gfa&lt;/i&gt; when present, else footprint × &lt;i&gt;floors&lt;/i&gt;, else footprint × round(&lt;i&gt;height&lt;/i&gt; / 3 m); the log says how many buildings used each. FAR = GFA / land area; density = footprint / land area; green ratio = area of the union of green polygons inside the district / land area (overlaps count once). Height bands: ≤24, 24–50, 50–100, 100–250, &amp;gt;250 m. Land-use mix: share of GFA by &lt;i&gt;use&lt;/i&gt; and its Shannon entropy −Σ p ln p (natural log). Coverage: a building is covered when its footprint is within the distance (straight line) of a point, as a share of buildings and of GFA. Sensors: points inside, by &lt;i&gt;observed_property&lt;/i&gt; (or &lt;i&gt;kind&lt;/i&gt;), and the share with status online.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output fields&lt;/b&gt; (units): land_area_m2, footprint_m2, gfa_m2, green_m2 (m²); building_count and h_0_24 … h_250_plus (buildings, fractional where split); far, density, green_ratio, use_share_&amp;lt;use&amp;gt;, &amp;lt;metro|charger|facility&amp;gt;_cov_&amp;lt;distance&amp;gt;_bldg / _gfa, sensors_online_share (0–1); height_mean_m, height_max_m (m); use_entropy (nats); sensors_total, sensors_&amp;lt;kind&amp;gt; (count). Fields of a missing optional layer are left out.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Assumptions.&lt;/b&gt; Straight-line distance, not walking distance; heights are above ground; 3 m per storey when only a height is known.&lt;/p&gt;</source>
        <translation>&lt;p&gt;按片区多边形计算片区指标：用地面积、建筑数量、总建筑面积、容积率、建筑密度、绿地率、建筑高度、用地混合度，地铁站点、电动汽车充电站和公共服务设施的覆盖率，以及传感器情况。&lt;/p&gt;&lt;p&gt;&lt;b&gt;计算方法。&lt;/b&gt;所有图层先转换到分析坐标系（单位为米，默认 EPSG:4547）。被片区边界切分的建筑按其基底位于片区内的比例计入：数量、基底面积和建筑面积均按该比例折算。建筑面积优先取 &lt;i&gt;gfa&lt;/i&gt;；没有时取基底面积 × &lt;i&gt;floors&lt;/i&gt;；再没有时取基底面积 × round(&lt;i&gt;height&lt;/i&gt; / 3 m)；日志会说明各种方式分别用于多少栋建筑。容积率 = 总建筑面积 / 用地面积；建筑密度 = 基底面积 / 用地面积；绿地率 = 片区内绿地多边形合并后的面积 / 用地面积（重叠部分只计一次）。高度分段：≤24、24–50、50–100、100–250、&amp;gt;250 m。用地混合度：按 &lt;i&gt;use&lt;/i&gt; 统计的建筑面积占比及其香农熵 −Σ p ln p（自然对数）。覆盖率：建筑基底与某一站点的直线距离在给定距离以内即视为被覆盖，分别按建筑数量和建筑面积计算占比。传感器：片区内的点位，按 &lt;i&gt;observed_property&lt;/i&gt;（或 &lt;i&gt;kind&lt;/i&gt;）分类计数，以及状态为 online 的占比。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出字段&lt;/b&gt;（单位）：land_area_m2、footprint_m2、gfa_m2、green_m2（m²）；building_count 与 h_0_24 … h_250_plus（建筑数量，被切分的建筑计为小数）；far、density、green_ratio、use_share_&amp;lt;use&amp;gt;、&amp;lt;metro|charger|facility&amp;gt;_cov_&amp;lt;distance&amp;gt;_bldg / _gfa、sensors_online_share（0–1）；height_mean_m、height_max_m（m）；use_entropy（nat）；sensors_total、sensors_&amp;lt;kind&amp;gt;（个数）。未提供的可选图层不输出相应字段。&lt;/p&gt;&lt;p&gt;&lt;b&gt;假设。&lt;/b&gt;采用直线距离而非步行距离；高度为地面以上高度；只有高度时按每层 3 m 估算层数。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="112"/>
        <location filename="../../plugin/processing/flood_impact.py" line="188"/>
        <source>District id field (empty: feature id)</source>
        <translation>片区编号字段（留空则用要素 ID）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="116"/>
        <source>Buildings (gfa, floors, height, use)</source>
        <translation>建筑（gfa、floors、height、use 字段）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="118"/>
        <location filename="../../plugin/processing/district_indicators.py" line="189"/>
        <source>Green space</source>
        <translation>绿地</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="120"/>
        <location filename="../../plugin/processing/district_indicators.py" line="189"/>
        <source>Metro stations</source>
        <translation>地铁站点</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="122"/>
        <location filename="../../plugin/processing/district_indicators.py" line="190"/>
        <source>EV chargers</source>
        <translation>电动汽车充电站</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="124"/>
        <location filename="../../plugin/processing/district_indicators.py" line="191"/>
        <location filename="../../plugin/processing/flood_impact.py" line="183"/>
        <location filename="../../plugin/processing/flood_impact.py" line="277"/>
        <source>Facilities</source>
        <translation>公共服务设施</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="127"/>
        <source>Sensors (observed_property, status)</source>
        <translation>传感器（observed_property、status 字段）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="129"/>
        <source>Coverage distances (m, comma separated)</source>
        <translation>覆盖距离（米，逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="135"/>
        <source>Indicator table (CSV)</source>
        <translation>指标表（CSV）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="171"/>
        <source>The buildings have no field 'use'; the land-use mix is left out.</source>
        <translation>建筑图层没有“use”字段，不计算用地混合度。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="185"/>
        <location filename="../../plugin/processing/flood_impact.py" line="275"/>
        <location filename="../../plugin/processing/height_control.py" line="134"/>
        <location filename="../../plugin/processing/height_control.py" line="135"/>
        <location filename="../../plugin/processing/scheme_io.py" line="111"/>
        <location filename="../../plugin/processing/scheme_io.py" line="114"/>
        <location filename="../../plugin/processing/shadows.py" line="101"/>
        <location filename="../../plugin/processing/shadows.py" line="202"/>
        <location filename="../../plugin/processing/skyline.py" line="112"/>
        <location filename="../../plugin/processing/skyline.py" line="245"/>
        <location filename="../../plugin/processing/sunlight_hours.py" line="215"/>
        <location filename="../../plugin/processing/view_corridor.py" line="144"/>
        <location filename="../../plugin/report/scheme_report.py" line="18"/>
        <source>Buildings</source>
        <translation>建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="198"/>
        <source>{} has no features.</source>
        <translation>“{}”图层没有要素。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="209"/>
        <source>Computing indicators for {} districts and {} buildings…</source>
        <translation>正在计算 {} 个片区、{} 栋建筑的指标…</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_indicators.py" line="262"/>
        <source>The districts' field {} is replaced by the indicator of that name.</source>
        <translation>片区图层的字段 {} 已被同名指标替换。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="37"/>
        <source>District review report (HTML and PDF)</source>
        <translation>片区审查报告（HTML 和 PDF）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="40"/>
        <source>Reviews an offline district package (made by 'Review a district' or 'Package district for offline use') and writes the review report as HTML and PDF, in the QGIS language (English or Chinese).

The review runs the same steps as 'Review a district' on the package's layers: district indicators, flood impact per scenario, height control, view corridors, the skyline from each viewpoint, sunlight on homes, and the comparison of the design schemes. Their layers are written into the package and added to its project.

The report has an overview map, flood maps per scenario, a sunlight map and a map of the height and corridor findings (drawn by QGIS from the package's project, with legend, scale bar and north arrow), the skyline charts, the tables, the data sources with their provenance (service, collection, version, fetched at) and the parameters used. A section whose inputs the package lacks says so. The same package and parameters give the same figures: they are also written as JSON beside the report.</source>
        <translation>审查一个离线片区数据包（由“从孪生数据服务审查片区”或“打包片区供离线使用”生成），并按 QGIS 界面语言（中文或英文）输出 HTML 和 PDF 审查报告。

审查在数据包的图层上运行与“从孪生数据服务审查片区”相同的步骤：片区指标、各情景洪涝影响、高度控制、视线通廊、各视点天际线、住宅日照以及设计方案比选。其结果图层写入数据包并加入其项目。

报告包括概况图、各情景洪涝图、日照图和限高与通廊检查结果图（由 QGIS 依据数据包项目绘制，含图例、比例尺和指北针），以及天际线图表、各类表格、带来源信息的数据来源（数据服务、数据集、版本、获取时间）和所用参数。数据包缺少输入的章节会注明。相同的数据包和参数得到相同的结果：这些结果也以 JSON 写在报告旁边。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="59"/>
        <source>District package (.gpkg or .qgz)</source>
        <translation>片区数据包（.gpkg 或 .qgz）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="60"/>
        <source>District packages (*.gpkg *.qgz)</source>
        <translation>片区数据包 (*.gpkg *.qgz)</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="63"/>
        <source>Report folder</source>
        <translation>报告文件夹</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="104"/>
        <location filename="../../plugin/processing/review_district.py" line="119"/>
        <source>Twin district review: {}</source>
        <translation>数字孪生片区审查：{}</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="120"/>
        <source>Drawing the report's maps…</source>
        <translation>正在绘制报告地图…</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="131"/>
        <location filename="../../plugin/report/district_report.py" line="70"/>
        <source>District review report: {}</source>
        <translation>片区审查报告：{}</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="133"/>
        <source>The PDF's fonts cannot draw {} characters ({}); install the Noto CJK fonts (fonts-noto-cjk).</source>
        <translation>PDF 字体无法显示 {} 个字符（{}）；请安装 Noto CJK 字体（fonts-noto-cjk）。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="143"/>
        <source>Report: {} ({} PDF pages).</source>
        <translation>报告：{}（PDF 共 {} 页）。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="167"/>
        <source>District package</source>
        <translation>片区数据包</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="169"/>
        <source>Twin service</source>
        <translation>孪生数据服务</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="170"/>
        <source>Packaged at (UTC)</source>
        <translation>打包时间（UTC）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="177"/>
        <source>Sunlight rule (GB 50180-2018)</source>
        <translation>日照标准（GB 50180-2018）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="179"/>
        <source>Sunlight standard day</source>
        <translation>日照标准日</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="182"/>
        <source>Flood depth classes (m)</source>
        <translation>内涝水深分级（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="184"/>
        <source>Scheme comparison: weights</source>
        <translation>方案比选：权重</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="185"/>
        <source>Scheme comparison: sunlight on homes within (m)</source>
        <translation>方案比选：日照分析的住宅范围（米）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="189"/>
        <source>Report language</source>
        <translation>报告语言</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="190"/>
        <source>QGIS version</source>
        <translation>QGIS 版本</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/district_report.py" line="191"/>
        <source>Plugin version</source>
        <translation>插件版本</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/fields.py" line="35"/>
        <source>{}: no field {}; feature ids are used.</source>
        <translation>{}：没有字段 {}，改用要素 ID。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/fields.py" line="37"/>
        <source>The {} layer has no field '{}'.</source>
        <translation>{}图层没有字段“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/fields.py" line="42"/>
        <source>DEM</source>
        <translation>DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/fields.py" line="42"/>
        <source>ground_elev of the nearest building</source>
        <translation>最近建筑的 ground_elev</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/fields.py" line="43"/>
        <source>no DEM and no building ground elevation: 0 m</source>
        <translation>无 DEM 且建筑无地面高程：0 m</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/fields.py" line="55"/>
        <source>The districts have no field district_id; feature ids identify them instead.</source>
        <translation>片区图层没有 district_id 字段，改用要素 ID 标识片区。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/fields.py" line="68"/>
        <source>parcels</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/fields.py" line="69"/>
        <source>height-control zones</source>
        <translation>高度控制分区</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/fields.py" line="75"/>
        <source>The {} layer has no height cap field '{}'.</source>
        <translation>{}图层没有限高字段“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="53"/>
        <source>Thresholds must be four increasing positive depths in metres separated by commas, e.g. 0.15,0.30,0.50,1.00; got '{}'.</source>
        <translation>阈值须为四个递增的正水深（米），以逗号分隔，例如 0.15,0.30,0.50,1.00；收到的是“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="123"/>
        <location filename="../../plugin/report/flood_report.py" line="91"/>
        <source>Flood and waterlogging impact</source>
        <translation>洪涝影响</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="126"/>
        <source>flood,waterlogging,inundation,depth,exposure,scenario,return period,洪涝,内涝,淹没,水深,影响</source>
        <translation>flood,waterlogging,inundation,depth,exposure,scenario,return period,洪涝,内涝,淹没,水深,影响,暴露,情景,重现期</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="130"/>
        <source>&lt;p&gt;Flood and waterlogging impact (洪涝影响) of one or more flood-depth rasters (scenarios, e.g. return periods rp20, rp50, rp100) on buildings, roads, metro stations and entrances, and facilities, per district and side by side.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; All layers are transformed to the analysis CRS (metres, default EPSG:4547); a raster in another CRS is warped in memory (nearest neighbour) and the log says so. Only the part of each raster around the inputs is read (the impact areas cover that part). Polygons: coverage-weighted mean depth (each cell weighted by the area of the cell the footprint covers), maximum depth and the flooded share of the footprint. Lines: flooded length and maximum depth along the line. Points: depth of the cell holding the point. Depth classes from the thresholds (default 0.15, 0.30, 0.50, 1.00 m; a depth equal to a threshold is in the class above): dry, minor, moderate, severe, extreme. Polygons and lines are classed by their maximum depth (water at one corner reaches entrances and basements). A feature is affected from the first threshold up. GFA is &lt;i&gt;gfa&lt;/i&gt;, else footprint × &lt;i&gt;floors&lt;/i&gt;, else footprint × round(&lt;i&gt;height&lt;/i&gt; / 3 m), else 0; the log says how many used each. A building or road split by a district boundary counts by its share inside. Impact areas: the cells at or above each class's threshold, dissolved, per scenario (nested: minor contains moderate, and so on). With gauges, each affected feature gets the nearest water-level gauge's latest reading and its state (normal, warn, alarm).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Outputs&lt;/b&gt; (units): per scenario &amp;lt;scenario&amp;gt;_mean, _max, _depth (m), _wet_share (0–1), _wet_len (m), _class (0 dry … 4 extreme, −1 no data); gfa_m2 (m²); worst_class, and flood_class (its name) with worst_scenario (the first scenario reaching it): the layers are styled by flood_class; gauge_id, gauge_value (m), gauge_state, gauge_distance_m (m). The summary has one row per district and scenario (counts by class, split by share inside; gfa_affected_m2 in m²; road_length_affected_m in m; impact_&amp;lt;class&amp;gt;_m2 in m²); the comparison has one row per measure and one column per scenario, over all features; the log prints it.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Input.&lt;/b&gt; Invalid geometries are repaired (make_valid) and features without a usable geometry are left out, whatever the Processing setting for invalid features; the log counts both.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Assumptions.&lt;/b&gt; Cells outside a raster are unknown (no data), not dry; nodata cells inside a raster are dry unless you clear that option (flood models write depths below their minimum as nodata). Depths are water above ground; no defences or building thresholds are modelled.&lt;/p&gt;</source>
        <translation>&lt;p&gt;一个或多个淹没水深栅格（情景，例如重现期 rp20、rp50、rp100）对建筑、道路、地铁站及出入口和设施的洪涝影响（洪涝影响），按片区统计并逐情景并列比较。&lt;/p&gt;&lt;p&gt;&lt;b&gt;方法。&lt;/b&gt;所有图层均转换到分析坐标系（米，默认 EPSG:4547）；其他坐标系的栅格在内存中重投影（最邻近法），日志中会说明。每个栅格只读取输入范围附近的部分（影响范围也只覆盖该部分）。面：覆盖加权平均水深（每个栅格单元按其被建筑轮廓覆盖的面积加权）、最大水深和轮廓受淹比例。线：受淹长度和沿线最大水深。点：点所在栅格单元的水深。按阈值（默认 0.15、0.30、0.50、1.00 米；水深等于阈值时归入较高一级）分为：无积水、轻微、中等、严重、极严重。面和线按最大水深分级（一角积水即可能到达出入口和地下室）。水深达到第一个阈值即为受影响。建筑面积取 &lt;i&gt;gfa&lt;/i&gt;，否则为 基底面积 × &lt;i&gt;floors&lt;/i&gt;，否则为 基底面积 × round(&lt;i&gt;height&lt;/i&gt; / 3 米)，否则为 0；日志中给出各方式的建筑数量。被片区边界分割的建筑或道路按其在片区内的比例计入。影响范围：每个情景中水深达到各级阈值的栅格单元，融合成面（嵌套：轻微范围包含中等范围，依此类推）。提供水位站时，每个受影响要素附上最近水位站的最新读数及其状态（正常、预警、告警）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出&lt;/b&gt;（单位）：每个情景的 &amp;lt;scenario&amp;gt;_mean、_max、_depth（米）、_wet_share（0–1）、_wet_len（米）、_class（0 无积水 … 4 极严重，−1 无数据）；gfa_m2（平方米）；worst_class，以及 flood_class（其名称）和 worst_scenario（最先达到该级别的情景）：图层按 flood_class 设置样式；gauge_id、gauge_value（米）、gauge_state、gauge_distance_m（米）。汇总表每个片区和情景一行（各级数量，按片区内比例计；gfa_affected_m2 单位为平方米；road_length_affected_m 单位为米；impact_&amp;lt;class&amp;gt;_m2 单位为平方米）；比较表每个指标一行、每个情景一列，统计全部要素；日志中会打印比较表。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输入。&lt;/b&gt;无论 Processing 中无效要素的设置如何，无效几何都会被修复（make_valid），没有可用几何的要素会被排除；日志中给出两者的数量。&lt;/p&gt;&lt;p&gt;&lt;b&gt;假设。&lt;/b&gt;栅格范围以外的单元视为未知（无数据），而非无积水；栅格范围内的 nodata 单元视为无积水，除非取消该选项（洪水模型通常把低于最小水深的值写为 nodata）。水深为地面以上的水深；未考虑防洪设施和建筑门槛。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="172"/>
        <source>Flood depth rasters (one per scenario, m)</source>
        <translation>淹没水深栅格（每个情景一个，米）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="175"/>
        <source>Buildings (gfa, floors, height)</source>
        <translation>建筑（gfa、floors、height）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="178"/>
        <location filename="../../plugin/processing/flood_impact.py" line="275"/>
        <source>Roads</source>
        <translation>道路</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="180"/>
        <location filename="../../plugin/processing/flood_impact.py" line="276"/>
        <source>Metro stations and entrances</source>
        <translation>地铁站及出入口</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="192"/>
        <source>Water level gauges (latest_value, warn_level, alarm_level)</source>
        <translation>水位站（latest_value、warn_level、alarm_level）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="195"/>
        <source>Depth class thresholds (m, comma separated)</source>
        <translation>水深分级阈值（米，逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="198"/>
        <source>Raster nodata inside the raster means dry</source>
        <translation>栅格范围内的 nodata 视为无积水</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="201"/>
        <source>Buildings flood exposure</source>
        <translation>建筑洪涝暴露</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="203"/>
        <source>Roads flood exposure</source>
        <translation>道路洪涝暴露</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="205"/>
        <source>Stations flood exposure</source>
        <translation>站点洪涝暴露</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="207"/>
        <source>Facilities flood exposure</source>
        <translation>设施洪涝暴露</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="213"/>
        <location filename="../../plugin/processing/review_steps.py" line="109"/>
        <source>Flood impact areas</source>
        <translation>洪涝影响范围</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="215"/>
        <source>Flood impact summary</source>
        <translation>洪涝影响汇总</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="217"/>
        <location filename="../../plugin/report/flood_report.py" line="96"/>
        <source>Flood scenario comparison</source>
        <translation>洪涝情景比较</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="219"/>
        <location filename="../../plugin/processing/review_district.py" line="57"/>
        <source>Flood impact report (HTML)</source>
        <translation>洪涝影响报告（HTML）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="219"/>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="228"/>
        <source>Give at least one flood depth raster.</source>
        <translation>请至少提供一个淹没水深栅格。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="231"/>
        <source>The layer {} is not a valid raster.</source>
        <translation>图层 {} 不是有效的栅格。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="255"/>
        <source>The exposure layers given have no features, so there is nothing to assess.</source>
        <translation>所给的暴露图层都没有要素，无可评估的对象。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="278"/>
        <source>Water level gauges</source>
        <translation>水位站</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="304"/>
        <source>None of the features of the exposure layers has a usable geometry.</source>
        <translation>暴露图层的要素都没有可用的几何。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="312"/>
        <source>Flood raster {}: transformed from {} to {} (nearest neighbour, {:.1f} m cells) for metric analysis.</source>
        <translation>淹没栅格 {}：已从 {} 转换到 {}（最邻近法，单元 {:.1f} 米）以进行米制分析。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="316"/>
        <source>Scenario {}: raster {}, {} × {} cells read.</source>
        <translation>情景 {}：栅格 {}，读取 {} × {} 个单元。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="327"/>
        <source>Computing flood impact for {} scenarios…</source>
        <translation>正在计算 {} 个情景的洪涝影响…</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="361"/>
        <source>Scenarios compared:</source>
        <translation>情景比较：</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/flood_impact.py" line="420"/>
        <source>The field {} of the input is replaced by the output field of that name.</source>
        <translation>输入的字段 {} 被同名输出字段替换。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="48"/>
        <location filename="../../plugin/processing/review_form.py" line="37"/>
        <source>Height control check</source>
        <translation>高度控制检查</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="51"/>
        <source>height,cap,limit,parcel,zone,scheme,高度控制,限高,地块</source>
        <translation>高度控制,限高,地块,管控分区,方案,超高,height,cap,limit,parcel,zone,scheme</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="54"/>
        <source>&lt;p&gt;Height control check (高度控制): the buildings (existing, or a design scheme's) that are taller than the parcel's height cap or the height-control zone's maximum height, with the excess in metres.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; All layers are transformed to the analysis CRS (metres, default EPSG:4547). A parcel or zone governs a building when the footprint overlaps it with positive area; overlaps under the minimum overlap (default 0.5 m²) are slivers from shared or redrawn boundaries and do not count, so a building that only touches a zone along its edge is not governed by it. Of all the caps governing a building the strictest (lowest) applies, whichever layer it comes from; on a tie the parcel is named first. Excess = height − cap (m); the building exceeds when the excess is above 0. A null cap is no cap.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Outputs.&lt;/b&gt; The exceeding buildings (whole footprints), styled by excess: building_id, height_m, cap_m, cap_source (parcel or zone), control_id, control_name, cap_set_by (every control at that cap), parcel_cap_m / parcel_id and zone_cap_m / zone_id (the strictest of each), controls (how many govern it), excess_m. The log and the output values count all buildings: checked, exceeding, the maximum excess (m), and those without a height or without any cap, which are named in the log and not checked.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Assumptions.&lt;/b&gt; Height is the building's height above ground (m), compared with caps in metres above ground; a building's parts all share its height.&lt;/p&gt;</source>
        <translation>&lt;p&gt;高度控制检查（高度控制）：找出高于地块限高或高度控制分区最大高度的建筑（或设计方案中的建筑），并给出超出的米数。&lt;/p&gt;&lt;p&gt;&lt;b&gt;方法。&lt;/b&gt;所有图层均转换到分析坐标系（单位为米，默认 EPSG:4547）。建筑基底与地块或分区的重叠面积为正时，该地块或分区即对该建筑起管控作用；重叠面积小于最小重叠面积（默认 0.5 m²）的部分视为共用或重绘边界产生的碎片，不计入，因此仅沿边缘与分区相接的建筑不受其管控。在管控某建筑的所有限高中，取最严格（最低）者，无论其来自哪个图层；数值相同时优先列出地块。超高 = 高度 − 限高（m）；超高大于 0 即为超出。限高为空表示不设限高。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出。&lt;/b&gt;超出限高的建筑（完整基底），按超高分级显示样式：building_id、height_m、cap_m、cap_source（parcel 或 zone）、control_id、control_name、cap_set_by（取该限高值的所有管控对象）、parcel_cap_m / parcel_id 和 zone_cap_m / zone_id（各自最严格者）、controls（管控该建筑的对象数）、excess_m。日志和输出值统计全部建筑：已检查数、超出数、最大超高（m），以及无高度或无任何限高的建筑数；后两类建筑会在日志中列出，且不参与检查。&lt;/p&gt;&lt;p&gt;&lt;b&gt;假设。&lt;/b&gt;高度为建筑离地高度（m），与以离地米数表示的限高比较；建筑的各部分高度相同。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="80"/>
        <location filename="../../plugin/processing/view_corridor.py" line="95"/>
        <source>Buildings or design scheme</source>
        <translation>建筑或设计方案</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="83"/>
        <location filename="../../plugin/processing/shadows.py" line="104"/>
        <location filename="../../plugin/processing/skyline.py" line="116"/>
        <location filename="../../plugin/processing/sunlight_hours.py" line="123"/>
        <location filename="../../plugin/processing/view_corridor.py" line="99"/>
        <source>Building id field (empty: feature id)</source>
        <translation>建筑编号字段（留空则用要素 ID）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="87"/>
        <source>Parcel id field</source>
        <translation>地块编号字段</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="90"/>
        <source>Zone id field</source>
        <translation>分区编号字段</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="91"/>
        <source>Zone name field</source>
        <translation>分区名称字段</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="97"/>
        <source>Minimum overlap for a control to apply (m²)</source>
        <translation>管控生效的最小重叠面积（m²）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="101"/>
        <source>Buildings exceeding the height control</source>
        <translation>超出高度控制的建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="103"/>
        <source>Buildings checked</source>
        <translation>已检查建筑数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="104"/>
        <source>Buildings exceeding</source>
        <translation>超高建筑数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="105"/>
        <location filename="../../plugin/processing/view_corridor.py" line="117"/>
        <source>Maximum excess (m)</source>
        <translation>最大超高（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="106"/>
        <source>Buildings without height</source>
        <translation>无高度建筑数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="107"/>
        <source>Buildings without any height cap</source>
        <translation>无任何限高的建筑数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="116"/>
        <source>Give the buildings or design scheme layer.</source>
        <translation>请提供建筑或设计方案图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="123"/>
        <source>Give parcels with a height cap, height-control zones, or both.</source>
        <translation>请提供带限高的地块、高度控制分区，或两者都提供。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="142"/>
        <source>Parcels</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="145"/>
        <source>Height-control zones</source>
        <translation>高度控制分区</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="159"/>
        <source>{}: {} features, {} with a cap ({}).</source>
        <translation>{}：{} 个要素，其中 {} 个设有限高（字段 {}）。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="172"/>
        <source>{} buildings: {} checked, {} exceed their height cap (by up to {:.2f} m), {} without height, {} without any cap.</source>
        <translation>{} 栋建筑：已检查 {} 栋，{} 栋超出限高（最多超出 {:.2f} m），{} 栋无高度，{} 栋无任何限高。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="190"/>
        <source>parcel</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="190"/>
        <source>zone</source>
        <translation>分区</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="204"/>
        <source>  {}: {:.1f} m, cap {:.1f} m ({} {}), {:.2f} m over.</source>
        <translation>  {}：{:.1f} m，限高 {:.1f} m（{} {}），超出 {:.2f} m。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/height_control.py" line="210"/>
        <source>  … and {} more (see the output layer).</source>
        <translation>  …另有 {} 栋（见输出图层）。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/layer_io.py" line="36"/>
        <source>This tool needs the Python packages shapely and geopandas in QGIS's Python (on Debian or Ubuntu: the python3-geopandas package); {}.</source>
        <translation>此工具需要在 QGIS 的 Python 环境中安装 shapely 和 geopandas（Debian 或 Ubuntu：安装 python3-geopandas 软件包）；{}。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/layer_io.py" line="58"/>
        <source>The analysis CRS is not valid.</source>
        <translation>分析坐标系无效。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/layer_io.py" line="61"/>
        <source>The analysis CRS {} is not in metres; choose a projected CRS such as EPSG:4547.</source>
        <translation>分析坐标系 {} 的单位不是米，请选择投影坐标系，例如 EPSG:4547。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/layer_io.py" line="104"/>
        <source>{}: transforming from {} to {} for metric analysis.</source>
        <translation>{}：为按米计算，正在从 {} 转换到 {}。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/layer_io.py" line="107"/>
        <source>{}: the layer has no CRS; assuming {}.</source>
        <translation>{}：图层未设置坐标系，按 {} 处理。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/layer_io.py" line="158"/>
        <source>{}: {} features could not be transformed and were skipped.</source>
        <translation>{}：{} 个要素无法进行坐标转换，已跳过。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/layer_io.py" line="161"/>
        <source>{}: {} invalid geometries were repaired.</source>
        <translation>{}：已修复 {} 个无效几何。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/layer_io.py" line="164"/>
        <source>{}: {} features without usable geometry are left out.</source>
        <translation>{}：{} 个要素没有可用的几何，未参与计算。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="41"/>
        <source>Package district for offline use</source>
        <translation>打包片区供离线使用</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="44"/>
        <source>Pulls the collections of a twin data service (OGC API - Features) for one district into one GeoPackage, vectors and rasters, and writes a QGIS project (.qgz) beside it that opens without network: relative paths, layers grouped by category, styles by role, buildings extruded by height over the DEM terrain for the 3D view, project CRS EPSG:4547.

District: a district id of the service's districts collection, or a polygon layer (its selected features when 'Selected features only' is ticked).
Collections: comma-separated ids; empty means every collection tagged for the district (twin:district) and the city-wide ones.
Margin: whole features that touch the district grown by this many metres are kept (never cut), so skyline and shadow reviews see the neighbours; rasters are cut to the grown district's bounding box.

Each layer's metadata records the service, the query, when it was fetched, the twin:version and the HTTP validators; 'Refresh district package' uses them.
Safe to interrupt: the package is replaced only when complete, and running again with the same choices resumes where the interrupted run stopped.</source>
        <translation>将孪生数据服务（OGC API - Features）中某一片区的数据集（矢量和栅格）下载到同一个 GeoPackage 中，并在其旁生成无需网络即可打开的 QGIS 工程（.qgz）：使用相对路径，图层按大类分组，按数据角色配置样式，三维视图中建筑按高度在 DEM 地形上拉伸，工程坐标系为 EPSG:4547。

片区：服务片区数据集中的片区编号，或一个面图层（勾选“仅选中的要素”时只使用其选中的要素）。
数据集：以逗号分隔的数据集 ID；留空表示标注属于该片区（twin:district）的全部数据集以及全市范围的数据集。
外扩距离：与按此距离（米）外扩后的片区相交的要素完整保留（不裁切），以便天际线和日照阴影审查能看到周边建筑；栅格按外扩后片区的外包矩形裁切。

每个图层的元数据记录了服务、查询、获取时间、twin:version 和 HTTP 校验信息（ETag / Last-Modified），供“更新片区离线包”使用。
可随时中断：离线包只在完整生成后才替换原文件；以相同选项再次运行会从中断处继续。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="65"/>
        <location filename="../../plugin/processing/review_district.py" line="48"/>
        <source>District id (twin:district tag)</source>
        <translation>片区编号（twin:district 标签）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="67"/>
        <source>Or a district polygon</source>
        <translation>或片区多边形图层</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="70"/>
        <source>Collections (comma-separated ids; empty: all tagged for the district)</source>
        <translation>数据集（以逗号分隔的 ID；留空则为标注属于该片区的全部数据集）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="73"/>
        <source>Margin around the district</source>
        <translation>片区外扩距离</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="77"/>
        <source>Package (GeoPackage; the project is written beside it)</source>
        <translation>离线包（GeoPackage；工程文件保存在其旁边）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="80"/>
        <location filename="../../plugin/processing/refresh_package.py" line="73"/>
        <location filename="../../plugin/processing/review_district.py" line="52"/>
        <source>Offline project (.qgz)</source>
        <translation>离线工程（.qgz）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="81"/>
        <source>Layers packaged</source>
        <translation>已打包图层数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="82"/>
        <source>Features packaged</source>
        <translation>已打包要素数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="83"/>
        <source>Collections reused from an interrupted run</source>
        <translation>沿用中断运行结果的数据集数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="94"/>
        <source>Give a district id or a district polygon.</source>
        <translation>请填写片区编号或选择片区多边形图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="107"/>
        <source>Resumed: {} collections were already complete from an interrupted run.</source>
        <translation>已继续上次中断的运行：其中 {} 个数据集已下载完成。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="110"/>
        <location filename="../../plugin/report/summary.py" line="123"/>
        <source>raster</source>
        <translation>栅格</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="110"/>
        <source>{} features</source>
        <translation>{} 个要素</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="114"/>
        <source>Packaged {} layers, {} features in {:.1f} s: {}</source>
        <translation>已打包 {} 个图层、{} 个要素，用时 {:.1f} 秒：{}</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="136"/>
        <source>The district polygon layer has no polygon.</source>
        <translation>片区多边形图层中没有多边形。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_district.py" line="143"/>
        <source>The district polygon could not be transformed to longitude/latitude; check its CRS.</source>
        <translation>无法将片区多边形转换为经纬度坐标，请检查其坐标系。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/package_inputs.py" line="57"/>
        <source>{} was skipped: {}</source>
        <translation>已跳过{}：{}</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/provider.py" line="38"/>
        <location filename="../../plugin/processing/review_district.py" line="126"/>
        <source>Twin district review</source>
        <translation>数字孪生片区审查</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/raster_io.py" line="42"/>
        <source>The raster layer {} is not a file GDAL can read (provider {}).</source>
        <translation>栅格图层 {} 不是 GDAL 可读取的文件（数据提供者 {}）。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/raster_io.py" line="56"/>
        <source>The raster {} cannot be opened: {}.</source>
        <translation>无法打开栅格 {}：{}。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/raster_io.py" line="59"/>
        <source>The raster {} has no band to read.</source>
        <translation>栅格 {} 没有可读取的波段。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/raster_io.py" line="84"/>
        <source>The part of raster {} covering the inputs has {} × {} cells, more than this tool reads at once; clip the inputs to a smaller area.</source>
        <translation>栅格 {} 覆盖输入范围的部分有 {} × {} 个单元，超过本工具一次可读取的数量；请将输入裁剪到更小的范围。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/raster_io.py" line="137"/>
        <source>The raster {} cannot be transformed to the analysis CRS.</source>
        <translation>无法将栅格 {} 转换到分析坐标系。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/raster_io.py" line="165"/>
        <source>The raster {} cannot be transformed to the analysis CRS: {}.</source>
        <translation>无法将栅格 {} 转换到分析坐标系：{}。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="24"/>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="41"/>
        <source>Refresh district package</source>
        <translation>更新片区离线包</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="44"/>
        <source>Re-pulls an offline district package from the twin service it came from and reports, per layer, the features added, removed and changed (matched by the service's feature id).

A collection is skipped when it is unchanged: its twin:version is the same and the service confirms the recorded ETag / Last-Modified (a conditional request); without validators the twin:version decides; with neither it is re-pulled and compared. 'Re-pull everything' ignores them.
With 'Apply' off, nothing in the package changes: the changes are only reported (and what was pulled is kept, so applying afterwards is quick).
Applying keeps the previous package under snapshots/, replaces the package only when complete, adds a 'Building changes' layer (new, demolished, height changed) and adds new layers to the project, keeping your own changes to it.</source>
        <translation>从片区离线包的来源孪生数据服务重新下载数据，并逐图层报告新增、删除和修改的要素（按服务端的要素 ID 匹配）。

数据集未变化时跳过：其 twin:version 相同，且服务确认所记录的 ETag / Last-Modified 仍然有效（条件请求）；没有 HTTP 校验信息时以 twin:version 为准；两者都没有时重新下载并比较。勾选“全部重新下载”时忽略这些判断。
不勾选“应用”时，离线包不做任何改动，只报告变化（已下载的数据会保留，之后再应用会很快）。
应用时，原离线包作为快照保存在 snapshots/ 下，新离线包完整生成后才替换原文件，同时添加“建筑变化”图层（新建、拆除、高度变化），并把新图层加入工程，保留您对工程所做的修改。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="60"/>
        <source>Package (.gpkg or its .qgz)</source>
        <translation>离线包（.gpkg 或对应的 .qgz）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="61"/>
        <source>District package (*.gpkg *.qgz)</source>
        <translation>片区离线包 (*.gpkg *.qgz)</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="63"/>
        <source>Authentication (default: the package's)</source>
        <translation>认证配置（默认使用离线包记录的认证配置）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="65"/>
        <source>Apply the changes to the package</source>
        <translation>将变化应用到离线包</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="67"/>
        <source>Re-pull everything, even collections reported unchanged</source>
        <translation>全部重新下载，包括判定为未变化的数据集</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="70"/>
        <source>Changes (JSON)</source>
        <translation>变化清单（JSON）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="70"/>
        <source>JSON (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="74"/>
        <source>Features added</source>
        <translation>新增要素数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="74"/>
        <source>Features removed</source>
        <translation>删除要素数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="75"/>
        <source>Features changed</source>
        <translation>修改要素数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="76"/>
        <source>Collections skipped as unchanged</source>
        <translation>因未变化而跳过的数据集数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="91"/>
        <source>Package of {} from {}, last refreshed {}.</source>
        <translation>片区“{}”的离线包，来自 {}，上次更新于 {}。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="97"/>
        <source>{}: {} (+{} −{} ~{}) {}</source>
        <translation>{}：{}（+{} −{} ~{}）{}</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="101"/>
        <source>Applied; the previous version is kept as {}.</source>
        <translation>已应用；原版本已保留为快照 {}。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/refresh_package.py" line="104"/>
        <source>Not applied: the package is unchanged.</source>
        <translation>未应用：离线包保持不变。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_district.py" line="31"/>
        <source>Review a district from a twin service</source>
        <translation>从孪生数据服务审查片区</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_district.py" line="34"/>
        <source>Reads the catalog of a twin data service (OGC API - Features), pulls every collection tagged for the district (its twin:district tag, and city-wide ones) into an offline district package, as 'Package district for offline use' does with a 300 m margin (whole features; vectors reprojected to EPSG:4547; rasters from OGC API - Coverages), computes the district indicators, adds them to the package's project and writes a summary as CSV and HTML.

Feature counts are the service's own: every page is followed to its end.
Works offline afterwards, and can be refreshed with 'Refresh district package'.</source>
        <translation>读取孪生数据服务（OGC API - Features）的数据目录，按“打包片区供离线使用”的方式、以 300 米外扩距离，将标注属于该片区的全部数据集（带该片区的 twin:district 标签，以及全市范围的数据集）下载到片区离线包中（保留完整要素；矢量数据投影到 EPSG:4547；栅格数据通过 OGC API - Coverages 获取），计算片区指标并加入离线包的工程，同时生成 CSV 和 HTML 格式的审查摘要。

要素数量以服务端为准：每个分页都会读取到最后一页。
完成后可离线使用，并可通过“更新片区离线包”进行更新。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_district.py" line="51"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_district.py" line="54"/>
        <source>Summary (CSV)</source>
        <translation>审查摘要（CSV）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_district.py" line="55"/>
        <source>Summary (HTML)</source>
        <translation>审查摘要（HTML）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_district.py" line="56"/>
        <source>Layers pulled</source>
        <translation>已下载图层数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_district.py" line="76"/>
        <source>Catalog: {} collections, {} tagged for '{}'.</source>
        <translation>数据目录：共 {} 个数据集，其中 {} 个标注属于片区“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_district.py" line="85"/>
        <source>Pulled {}: raster in {:.1f} s.</source>
        <translation>已下载 {}：栅格，用时 {:.1f} 秒。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_district.py" line="88"/>
        <source>Pulled {}: {} features in {:.1f} s.</source>
        <translation>已下载 {}：{} 个要素，用时 {:.1f} 秒。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_district.py" line="127"/>
        <source>Project</source>
        <translation>工程文件</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="22"/>
        <source>No buildings: form and sunlight checks skipped.</source>
        <translation>没有建筑：已跳过空间形态与日照检查。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="35"/>
        <source>No parcels or height-control zones: height control skipped.</source>
        <translation>没有地块或高度控制分区：已跳过高度控制检查。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="44"/>
        <source>Buildings above their height control</source>
        <translation>超出高度控制的建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="45"/>
        <location filename="../../plugin/processing/review_form.py" line="107"/>
        <source>of {}</source>
        <translation>共 {} 栋</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="47"/>
        <source>Largest excess over the height control</source>
        <translation>最大超高</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="49"/>
        <source>Buildings above height control</source>
        <translation>超出高度控制的建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="55"/>
        <source>No view corridors or viewpoints: view corridor check skipped.</source>
        <translation>没有视线通廊或视点：已跳过视线通廊检查。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="61"/>
        <location filename="../../plugin/processing/view_corridor.py" line="48"/>
        <source>View corridor check</source>
        <translation>视线通廊检查</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="64"/>
        <location filename="../../plugin/report/scheme_report.py" line="33"/>
        <source>Buildings breaking a view corridor</source>
        <translation>突破视线通廊的建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="65"/>
        <source>Buildings breaking view corridors</source>
        <translation>突破视线通廊的建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="71"/>
        <source>No viewpoints: skyline skipped.</source>
        <translation>没有视点：已跳过天际线分析。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="79"/>
        <location filename="../../plugin/processing/skyline.py" line="63"/>
        <location filename="../../plugin/processing/skyline.py" line="137"/>
        <source>Skyline profile</source>
        <translation>天际线轮廓</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="86"/>
        <source>Skyline from {}: mean angle</source>
        <translation>{}的天际线：平均仰角</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="88"/>
        <source>Skyline from {}: sky above {:.0f}°</source>
        <translation>{}的天际线：天空比例（参考角 {:.0f}°）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="90"/>
        <location filename="../../plugin/processing/skyline.py" line="141"/>
        <source>Skyline buildings</source>
        <translation>天际线建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="91"/>
        <location filename="../../plugin/processing/scheme_io.py" line="286"/>
        <location filename="../../plugin/processing/skyline.py" line="139"/>
        <source>Skyline</source>
        <translation>天际线</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="99"/>
        <location filename="../../plugin/processing/sunlight_hours.py" line="72"/>
        <source>Sunlight hours</source>
        <translation>日照时数分析</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="102"/>
        <source>Sunlight test points on homes (大寒日 ≥ 3 h)</source>
        <translation>住宅日照分析点（大寒日 ≥ 3 h）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="104"/>
        <location filename="../../plugin/report/district_report.py" line="161"/>
        <source>Test points with enough sunlight</source>
        <translation>满足日照标准的分析点</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="106"/>
        <location filename="../../plugin/report/district_report.py" line="159"/>
        <source>Homes with a test point short of sunlight</source>
        <translation>有分析点不满足日照标准的住宅</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="108"/>
        <location filename="../../plugin/processing/sunlight_hours.py" line="167"/>
        <source>Sunlight per building</source>
        <translation>逐栋建筑日照</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_form.py" line="109"/>
        <location filename="../../plugin/processing/sunlight_hours.py" line="165"/>
        <source>Sunlight test points</source>
        <translation>日照分析点</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_schemes.py" line="29"/>
        <source>No design schemes in the package: scheme comparison skipped.</source>
        <translation>数据包中没有设计方案：跳过方案比选。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_schemes.py" line="37"/>
        <source>Site {}: only one design scheme, nothing to compare.</source>
        <translation>用地 {}：只有一个设计方案，无需比选。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_schemes.py" line="96"/>
        <source>Design schemes compared for site {}</source>
        <translation>用地 {} 参与比选的设计方案数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_schemes.py" line="98"/>
        <source>Best scheme (weighted score)</source>
        <translation>最优方案（加权得分）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_schemes.py" line="100"/>
        <source>Scheme {}: rank, FAR, buildings failing a height or corridor check</source>
        <translation>方案 {}：排名、容积率、未通过限高或通廊检查的建筑数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_schemes.py" line="105"/>
        <source>Scheme skyline change</source>
        <translation>方案天际线变化</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_schemes.py" line="106"/>
        <source>Scheme flood exposure</source>
        <translation>方案洪涝暴露</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_schemes.py" line="107"/>
        <source>Sunlight points a scheme changes</source>
        <translation>方案改变日照的分析点</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_schemes.py" line="110"/>
        <source>Scheme {}: buildings failing a check</source>
        <translation>方案 {}：未通过检查的建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_schemes.py" line="115"/>
        <source>Sunlight compared on the homes within {:g} m of the site (大寒日 ≥ 3 h); weights 1 each.</source>
        <translation>日照比较范围为用地周边 {:g} 米内的住宅（大寒日 ≥ 3 小时）；各项权重均为 1。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_schemes.py" line="118"/>
        <source>No site polygon in the package: FAR and density are not computed.</source>
        <translation>数据包中没有项目用地：未计算容积率和建筑密度。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_steps.py" line="91"/>
        <source>No flood scenarios or buildings: flood impact skipped.</source>
        <translation>没有洪涝情景或建筑：已跳过洪涝影响分析。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_steps.py" line="107"/>
        <source>Flood impact</source>
        <translation>洪涝影响分析</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_steps.py" line="110"/>
        <source>Buildings by flood class</source>
        <translation>按淹没等级的建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_steps.py" line="113"/>
        <source>Roads by flood class</source>
        <translation>按淹没等级的道路</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_steps.py" line="124"/>
        <source>No districts or buildings layer: indicators skipped.</source>
        <translation>缺少片区或建筑图层，已跳过指标计算。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_steps.py" line="148"/>
        <source>District indicators were skipped: {}</source>
        <translation>已跳过片区指标计算：{}</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/review_steps.py" line="154"/>
        <source>The district has no indicators: is it in the districts layer?</source>
        <translation>该片区没有指标：它是否在片区图层中？</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="47"/>
        <location filename="../../plugin/processing/sunlight_hours.py" line="310"/>
        <source>{}: {} features without ground elevation stand on {:.2f} m.</source>
        <translation>{}：{} 个要素没有地面高程，其地面高程取 {:.2f} m。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="83"/>
        <source>No site: FAR and density are left empty.</source>
        <translation>无项目用地：容积率和建筑密度留空。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="93"/>
        <source>The schemes do not overlap the site; its area is used for FAR and density all the same.</source>
        <translation>方案与用地不重叠；仍按该用地面积计算容积率和建筑密度。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="96"/>
        <source>The site layer has {} features; the one the schemes overlap most is used.</source>
        <translation>用地图层有 {} 个要素；采用与方案重叠最多的一个。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="172"/>
        <location filename="../../plugin/processing/skyline.py" line="272"/>
        <location filename="../../plugin/processing/view_corridor.py" line="195"/>
        <source>Viewpoints</source>
        <translation>视点</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="277"/>
        <source>GFA (m²)</source>
        <translation>建筑面积（m²）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="277"/>
        <source>FAR</source>
        <translation>容积率</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="278"/>
        <source>Maximum height (m)</source>
        <translation>最大高度（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="279"/>
        <source>Excess over height caps (m)</source>
        <translation>超出限高（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="280"/>
        <source>Mean skyline change (°)</source>
        <translation>天际线平均变化（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="281"/>
        <source>Sunlight test points lost</source>
        <translation>失去日照达标的分析点</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="282"/>
        <source>GFA affected by flooding, worst scenario (m²)</source>
        <translation>受淹建筑面积，最不利情景（m²）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="286"/>
        <source>GFA</source>
        <translation>建筑面积</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="286"/>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="287"/>
        <source>Sunlight</source>
        <translation>日照</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="287"/>
        <source>Flood</source>
        <translation>洪涝</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="287"/>
        <location filename="../../plugin/processing/scheme_io.py" line="302"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="302"/>
        <source>Scheme scores (1 = best)</source>
        <translation>方案得分（1 = 最优）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/scheme_io.py" line="321"/>
        <source>{}: rank {} (score {:.2f}); GFA {:,.0f} m², FAR {}, max height {:.1f} m, {} buildings failing a height or corridor check.</source>
        <translation>{}：排名 {}（得分 {:.2f}）；建筑面积 {:,.0f} m²，容积率 {}，最大高度 {:.1f} m，{} 栋建筑未通过限高或通廊检查。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="68"/>
        <location filename="../../plugin/processing/shadows.py" line="128"/>
        <source>Building shadows</source>
        <translation>建筑阴影</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="71"/>
        <source>shadow,sun,building,height,大寒,冬至,阴影,日照</source>
        <translation>阴影,日照,太阳,建筑,高度,大寒,冬至,shadow,sun,building,height</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="74"/>
        <source>&lt;p&gt;Building shadows (建筑阴影) on the ground at chosen instants of one day: 大寒日, 冬至日 or a date.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; Each building is a prism: its footprint raised to its height (m above ground). At each instant the sun's azimuth and elevation (within 0.01° of the NREL Solar Position Algorithm) are computed at the centre of the buildings; the shadow is the footprint swept along the shadow vector, of length height / tan(elevation), pointing away from the sun (azimuth + 180°). The sweep is exact (the union of the footprint, its translate and every edge's parallelogram) and includes the footprint itself.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Instants.&lt;/b&gt; A comma-separated list of times (HH:MM), read as true solar time (真太阳时 = local mean time + equation of time) or as local civil time in the chosen time zone; left empty, every step (default 60 min) from the start to the end hour (default 08:00–16:00, the 大寒日 window of GB 50180-2018) in true solar time. Instants with the sun below the horizon give no shadows (logged).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Outputs.&lt;/b&gt; Polygons in the analysis CRS (default EPSG:4547): time as given, time_basis, true_solar_time, local_time, azimuth and elevation (degrees), building_id, height (m), shadow_len (m, from the building) and area_m2 (m²); or, dissolved, one polygon per instant (building_id empty, shadow_len of the tallest building).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Assumptions.&lt;/b&gt; Flat, horizontal ground: each shadow lies on the plane of its building's base and is drawn through other buildings. Buildings without a positive height cast none (counted in the log). Sun angles vary by about 0.01° per kilometre, so one position serves a district.&lt;/p&gt;</source>
        <translation>&lt;p&gt;建筑阴影：某一天选定时刻建筑在地面上的阴影，日期可选大寒日、冬至日或指定日期。&lt;/p&gt;&lt;p&gt;&lt;b&gt;方法。&lt;/b&gt;每栋建筑视为棱柱体：基底拉伸至其高度（离地高度，m）。在每个时刻，于建筑群中心计算太阳方位角和高度角（与 NREL 太阳位置算法相差不超过 0.01°）；阴影为基底沿阴影矢量扫掠形成的区域，矢量长度为 高度 / tan(高度角)，方向背离太阳（方位角 + 180°）。扫掠计算是精确的（基底、基底平移结果及每条边扫出的平行四边形的并集），并包含基底本身。&lt;/p&gt;&lt;p&gt;&lt;b&gt;时刻。&lt;/b&gt;以逗号分隔的时刻列表（HH:MM），按真太阳时（真太阳时 = 地方平太阳时 + 时差）或所选时区的当地时间解读；留空时，按真太阳时从起始小时到结束小时（默认 08:00–16:00，即 GB 50180-2018 规定的大寒日有效日照时间带）每隔一个步长（默认 60 min）取一个时刻。太阳位于地平线以下的时刻不产生阴影（记入日志）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出。&lt;/b&gt;分析坐标系（默认 EPSG:4547）中的多边形：time（输入的时刻）、time_basis、true_solar_time、local_time、azimuth 和 elevation（度）、building_id、height（m）、shadow_len（m，自建筑起算）和 area_m2（m²）；若选择融合，则每个时刻一个多边形（building_id 为空，shadow_len 取最高建筑的值）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;假设。&lt;/b&gt;地面平坦、水平：每个阴影位于其建筑基底所在的平面上，并穿过其他建筑绘制。高度不为正值的建筑不产生阴影（在日志中计数）。太阳角度每公里约变化 0.01°，因此一个片区采用同一太阳位置。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="108"/>
        <source>Times (HH:MM, comma separated; empty: every step from the start to the end hour)</source>
        <translation>时刻（HH:MM，逗号分隔；留空则从起始小时到结束小时按步长逐一取值）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="111"/>
        <source>The times are</source>
        <translation>时刻的时间基准</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="112"/>
        <source>True solar time</source>
        <translation>真太阳时</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="112"/>
        <source>Local civil time (the time zone above)</source>
        <translation>当地时间（上方所选时区）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="114"/>
        <source>Start hour (true solar time)</source>
        <translation>起始小时（真太阳时）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="116"/>
        <source>End hour (true solar time)</source>
        <translation>结束小时（真太阳时）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="122"/>
        <source>Step between instants (minutes)</source>
        <translation>时刻间隔（分钟）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="125"/>
        <source>Dissolve the shadows of each instant</source>
        <translation>融合每个时刻的阴影</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="149"/>
        <source>Give the times as HH:MM separated by commas, e.g. 08:00,12:00,16:00; got '{}'.</source>
        <translation>请按 HH:MM 格式填写时刻，以逗号分隔，例如 08:00,12:00,16:00；当前输入为“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="158"/>
        <source>The end hour ({}) is before the start hour ({}).</source>
        <translation>结束小时（{}）早于起始小时（{}）。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="195"/>
        <source>Buildings: no field {}; feature ids are used.</source>
        <translation>建筑：没有字段 {}，改用要素 ID。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="207"/>
        <source>The buildings layer has no feature with a usable polygon.</source>
        <translation>建筑图层中没有带可用多边形的要素。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="220"/>
        <source>{}: {} instants at {:.5f}°E, {:.5f}°N; {} buildings.</source>
        <translation>{}：{} 个时刻，位置为东经 {:.5f}°、北纬 {:.5f}°；{} 栋建筑。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/shadows.py" line="223"/>
        <source>{} (true solar {}, local {}): azimuth {:.2f}°, elevation {:.2f}°.</source>
        <translation>{}（真太阳时 {}，当地时间 {}）：方位角 {:.2f}°，高度角 {:.2f}°。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="66"/>
        <source>skyline,viewpoint,elevation angle,sky,scheme,天际线,视点,天空</source>
        <translation>天际线,视点,仰角,天空,方案,skyline,viewpoint,elevation angle,sky,scheme</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="69"/>
        <source>&lt;p&gt;Skyline profile (天际线审视) from one or more viewpoints: for every azimuth the highest elevation angle of any building, the building setting it and its distance; the skyline as 3D lines, the buildings forming it, metrics and a chart (PNG and SVG) per viewpoint.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; Azimuths every bin width (default 0.1°) clockwise from north, optionally only a field of view from → to (clockwise). Buildings are prisms: footprint up to ground_elev + height (m). For each azimuth a horizontal ray from the eye (viewpoint ground + eye height) is intersected exactly with every footprint edge within the maximum distance (default 5000 m); the angle is atan((top − eye) / distance) at the edge where the ray enters a building. Viewpoint ground: the DEM under the viewpoint; without a DEM, the ground_elev of the nearest building, else 0 m (the log says which). A building without ground_elev stands on the DEM at its centroid, else on 0 m.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Metrics.&lt;/b&gt; The skyline angle of an azimuth is max(0°, highest building angle): the flat horizon is 0°. Mean and max angle over the azimuths with a building, and over all azimuths (skyline angle, sky = 0°); sky ratio: the share of azimuths where no building rises above the reference angle (default 5°); the number of distinct buildings setting the skyline.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Scheme.&lt;/b&gt; The scheme's buildings (same height fields) are added and the existing buildings their footprints overlap by more than 1 m² are removed (site cleared; the log counts them). Change per azimuth = scheme − existing skyline angle (°); a scheme building rises above the existing skyline where it sets the scheme profile higher than the existing skyline angle (role scheme_above).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Outputs.&lt;/b&gt; Profile: one row per viewpoint and azimuth (angle °, distance_m m). Skyline: LineStringZ at the hit points, z = the building's top (m), broken where only sky is seen. Skyline buildings: footprints with the azimuths and share each sets, per scenario. Metrics: one row per viewpoint and scenario; the output values are the first viewpoint's.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Assumptions.&lt;/b&gt; Flat roofs at the building's top; no terrain or trees block the view; the earth's curvature is ignored (≈ 2 m at 5 km).&lt;/p&gt;</source>
        <translation>&lt;p&gt;天际线轮廓（天际线审视）：从一个或多个视点出发，求每个方位角上所有建筑的最大仰角、形成该仰角的建筑及其距离；输出三维天际线、构成天际线的建筑、各项指标，以及每个视点的图表（PNG 和 SVG）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;方法。&lt;/b&gt;自正北顺时针按方位角间隔（默认 0.1°）逐一取方位角，也可只取从起始方位角到终止方位角（顺时针）的视野范围。建筑视为棱柱体：基底向上至 ground_elev + height（m）。对每个方位角，从视点人眼处（视点地面 + 视高）发出一条水平射线，与最大距离（默认 5000 m）内的每条基底边精确求交；仰角为射线进入建筑处的 atan((顶部高程 − 视点高程) / 距离)。视点地面：取视点处的 DEM 值；无 DEM 时取最近建筑的 ground_elev，否则取 0 m（日志中会注明采用哪种）。没有 ground_elev 的建筑取其质心处的 DEM 值，否则取 0 m。&lt;/p&gt;&lt;p&gt;&lt;b&gt;指标。&lt;/b&gt;某方位角的天际线仰角为 max(0°, 最高建筑仰角)：平坦地平线为 0°。分别统计有建筑的方位角上以及全部方位角上（按天际线仰角计，天空为 0°）的平均仰角和最大仰角；天空比例：没有建筑高出参考角（默认 5°）的方位角所占比例；以及构成天际线的不同建筑数量。&lt;/p&gt;&lt;p&gt;&lt;b&gt;方案。&lt;/b&gt;加入方案建筑（高度字段相同），并移除与其基底重叠面积超过 1 m² 的现状建筑（场地清理；日志中给出数量）。各方位角的变化 = 方案天际线仰角 − 现状天际线仰角（°）；若某方案建筑使方案轮廓高于现状天际线仰角，即视为该建筑高出现状天际线（role 为 scheme_above）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出。&lt;/b&gt;天际线轮廓：每个视点、每个方位角一行（angle，单位 °；distance_m，单位 m）。天际线：由各交点连成的 LineStringZ，z = 建筑顶部高程（m），仅见天空处断开。天际线建筑：按情景给出各建筑基底及其所构成天际线的方位角和所占比例。指标：每个视点、每个情景一行；输出值为第一个视点的结果。&lt;/p&gt;&lt;p&gt;&lt;b&gt;假设。&lt;/b&gt;屋顶平坦，位于建筑顶部；地形和树木不遮挡视线；忽略地球曲率（5 km 处约 2 m）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="107"/>
        <source>Or a viewpoint clicked on the map</source>
        <translation>或在地图上点击选取视点</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="109"/>
        <source>Eye height above ground (m; where a viewpoint has none)</source>
        <translation>视高（离地，m；用于未设视高的视点）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="119"/>
        <source>Design scheme buildings</source>
        <translation>设计方案建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="121"/>
        <source>DEM (viewpoint ground)</source>
        <translation>DEM（视点地面高程）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="122"/>
        <source>Azimuth bin width (°)</source>
        <translation>方位角间隔（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="123"/>
        <source>Reference angle for the sky ratio (°)</source>
        <translation>天空比例的参考角（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="125"/>
        <source>Maximum distance (m)</source>
        <translation>最大距离（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="130"/>
        <source>Field of view from azimuth (°)</source>
        <translation>视野起始方位角（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="131"/>
        <source>Field of view to azimuth (°, clockwise)</source>
        <translation>视野终止方位角（°，顺时针）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="144"/>
        <source>Skyline metrics</source>
        <translation>天际线指标</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="146"/>
        <source>Skyline charts folder (PNG and SVG)</source>
        <translation>天际线图表文件夹（PNG 和 SVG）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="155"/>
        <source>Give the buildings layer.</source>
        <translation>请提供建筑图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="159"/>
        <source>Give a viewpoints layer or click a viewpoint on the map.</source>
        <translation>请提供视点图层，或在地图上点击选取视点。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="162"/>
        <source>The viewpoints layer has no features.</source>
        <translation>视点图层没有要素。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="165"/>
        <location filename="../../plugin/processing/sunlight_hours.py" line="183"/>
        <source>buildings</source>
        <translation>建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="165"/>
        <source>scheme</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="167"/>
        <location filename="../../plugin/processing/sunlight_hours.py" line="186"/>
        <source>The {} layer has no height field '{}'.</source>
        <translation>{}图层没有高度字段“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="255"/>
        <source>the DEM at the centroid</source>
        <translation>质心处的 DEM 值</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="255"/>
        <source>0 m</source>
        <translation>0 m</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="257"/>
        <source>{}: {} features without {} stand on {}.</source>
        <translation>{}：{} 个要素没有 {}，其地面高程取{}。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="289"/>
        <source>the clicked point ({:.0f}, {:.0f})</source>
        <translation>点击位置（{:.0f}, {:.0f}）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="292"/>
        <source>No viewpoint has a usable position.</source>
        <translation>没有位置可用的视点。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="314"/>
        <source>Viewpoint {} stands inside building {}, whose walls hide the view.</source>
        <translation>视点 {} 位于建筑 {} 内部，其墙体会遮挡视线。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="317"/>
        <source>Viewpoint {}: ground {:.2f} m ({}), eye height {:.2f} m, eye at {:.2f} m.</source>
        <translation>视点 {}：地面 {:.2f} m（{}），视高 {:.2f} m，视点高程 {:.2f} m。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="323"/>
        <source>{} ({}): mean angle {:.2f}° (all azimuths {:.2f}°), max {:.2f}°, sky ratio {:.1%} above {:g}°, {} distinct buildings.</source>
        <translation>{}（{}）：平均仰角 {:.2f}°（全部方位角 {:.2f}°），最大 {:.2f}°，天空比例 {:.1%}（参考角 {:g}°），构成天际线的建筑 {} 栋。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="332"/>
        <source>{}: the scheme changes the skyline by {:+.2f}° to {:+.2f}°; {} scheme buildings rise above the existing skyline at {} azimuths.</source>
        <translation>{}：方案使天际线变化 {:+.2f}° 至 {:+.2f}°；有 {} 栋方案建筑高出现状天际线，涉及 {} 个方位角。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="338"/>
        <source>  {} (top {:.1f} m): above the existing skyline at {} azimuths, by up to {:.2f}°.</source>
        <translation>  {}（顶部 {:.1f} m）：在 {} 个方位角上高出现状天际线，最多高出 {:.2f}°。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="357"/>
        <source>Skyline from {}</source>
        <translation>{}的天际线</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="360"/>
        <source>Existing</source>
        <translation>现状</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="360"/>
        <source>With scheme</source>
        <translation>方案实施后</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="361"/>
        <source>Reference {}°</source>
        <translation>参考角 {}°</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="361"/>
        <source>Azimuth</source>
        <translation>方位角</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="362"/>
        <source>Elevation angle (°)</source>
        <translation>仰角（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="363"/>
        <source>N</source>
        <translation>北</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="363"/>
        <source>NE</source>
        <translation>东北</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="363"/>
        <source>E</source>
        <translation>东</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="363"/>
        <source>SE</source>
        <translation>东南</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="363"/>
        <source>S</source>
        <translation>南</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="364"/>
        <source>SW</source>
        <translation>西南</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="364"/>
        <source>W</source>
        <translation>西</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/skyline.py" line="364"/>
        <source>NW</source>
        <translation>西北</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="30"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="30"/>
        <source>Great Cold day (大寒日, solar longitude 300°, ~20 January)</source>
        <translation>大寒日（太阳视黄经 300°，约 1 月 20 日）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="31"/>
        <source>Winter solstice (冬至日, solar longitude 270°, ~21 December)</source>
        <translation>冬至日（太阳视黄经 270°，约 12 月 21 日）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="32"/>
        <source>The date given below</source>
        <translation>下方指定的日期</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="34"/>
        <source>Year (for 大寒日 / 冬至日)</source>
        <translation>年份（用于大寒日 / 冬至日）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="37"/>
        <source>Date (YYYY-MM-DD, when the day is a given date)</source>
        <translation>日期（YYYY-MM-DD，选择指定日期时填写）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="39"/>
        <source>Time zone of local civil time (hours from UTC)</source>
        <translation>当地时间的时区（相对 UTC 的小时数）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="56"/>
        <source>Give the date as YYYY-MM-DD, e.g. 2026-01-20; got '{}'.</source>
        <translation>请按 YYYY-MM-DD 格式填写日期，例如 2026-01-20；当前输入为“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="87"/>
        <source>Sun position</source>
        <translation>太阳位置</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="90"/>
        <source>sun,solar,azimuth,elevation,true solar time,大寒,冬至,太阳位置,真太阳时</source>
        <translation>太阳位置,真太阳时,大寒,冬至,方位角,高度角,sun,solar,azimuth,elevation,true solar time</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="94"/>
        <source>&lt;p&gt;Sun position (太阳位置) over one day at a place: local civil time, true solar time, solar azimuth and elevation every time step while the sun is above the horizon.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; The sun's apparent position from the VSOP87 theory (larger terms), nutation, aberration, apparent sidereal time and topocentric parallax (Meeus, Astronomical Algorithms, as the NREL Solar Position Algorithm); elevation includes atmospheric refraction (1013.25 hPa, 12 °C). Within 0.003° of NREL SPA in azimuth and 0.001° in elevation (measured over a year). Steps run on true solar time (真太阳时 = local mean time + equation of time) from 00:00; each row also gives the civil time in the chosen time zone (default UTC+8, Beijing time).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Days.&lt;/b&gt; 大寒日 (Great Cold) and 冬至日 (winter solstice) are the civil days, in that time zone, on which the sun's apparent longitude reaches 300° and 270° in the chosen year, computed astronomically.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Outputs.&lt;/b&gt; A table: local_time, true_solar_time, azimuth (degrees clockwise from north), elevation (degrees above the horizon); and the date and the first and last step with the sun above the horizon (local civil time). The location may be in any CRS; it is converted to longitude and latitude.&lt;/p&gt;</source>
        <translation>&lt;p&gt;太阳位置：某地一天内太阳位于地平线以上期间，按时间步长逐一给出当地时间、真太阳时、太阳方位角和高度角。&lt;/p&gt;&lt;p&gt;&lt;b&gt;方法。&lt;/b&gt;太阳视位置依据 VSOP87 理论（主要项）计算，并考虑章动、光行差、视恒星时和站心视差（Meeus《天文算法》，与 NREL 太阳位置算法相同）；高度角含大气折射修正（1013.25 hPa，12 °C）。与 NREL SPA 相比，方位角偏差在 0.003° 以内，高度角偏差在 0.001° 以内（按全年测算）。时间步按真太阳时（真太阳时 = 地方平太阳时 + 时差）自 00:00 起算；每行同时给出所选时区的当地时间（默认 UTC+8，北京时间）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;日期。&lt;/b&gt;大寒日和冬至日分别是所选年份中太阳视黄经达到 300° 和 270° 的那一天（按该时区的日期计），通过天文计算求得。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出。&lt;/b&gt;一张表：local_time、true_solar_time、azimuth（自正北顺时针的度数）、elevation（地平线以上的度数）；以及日期和太阳位于地平线以上的第一个与最后一个时间步（当地时间）。位置可采用任意坐标系，会转换为经纬度。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="115"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="118"/>
        <source>Time step (minutes)</source>
        <translation>时间步长（分钟）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="121"/>
        <source>Sun positions</source>
        <translation>太阳位置表</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="122"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="124"/>
        <source>First step with the sun above the horizon</source>
        <translation>太阳位于地平线以上的第一个时间步</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="126"/>
        <source>Last step with the sun above the horizon</source>
        <translation>太阳位于地平线以上的最后一个时间步</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="137"/>
        <source>The location ({:.4f}, {:.4f}) is not a longitude and latitude; check its CRS.</source>
        <translation>位置（{:.4f}, {:.4f}）不是有效的经纬度，请检查其坐标系。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="147"/>
        <source>{}: sun position at {:.5f}°E, {:.5f}°N every {} min, {} steps above the horizon.</source>
        <translation>{}：东经 {:.5f}°、北纬 {:.5f}° 处的太阳位置，每 {} min 一步，其中 {} 步太阳位于地平线以上。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="166"/>
        <source>The sun stays below the horizon on {}.</source>
        <translation>{} 全天太阳都位于地平线以下。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sun_position.py" line="169"/>
        <source>Sun above the horizon from {} to {} (local time); highest elevation {:.2f}°.</source>
        <translation>太阳在 {} 至 {}（当地时间）位于地平线以上；最大高度角 {:.2f}°。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="75"/>
        <source>sunlight,sun,shadow,daylight,window,residential,GB 50180,日照,大寒,冬至,日照时数</source>
        <translation>日照,大寒,冬至,日照时数,日照标准,阴影,窗户,住宅,sunlight,sun,shadow,daylight,window,residential,GB 50180</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="79"/>
        <source>&lt;p&gt;Sunlight hours (日照分析): minutes of direct sun at the windows of homes within the effective window of a standard day, and compliance with GB 50180-2018 table 4.0.9 (default: Shenzhen, climate zone IV large city, 大寒日 at least 3 h between 08:00 and 16:00 true solar time).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Test points.&lt;/b&gt; On every wall of the buildings whose use is one of the given values (default residential) that faces the sun at some moment of the window: one point per window spacing (default 3 m) centred along the wall, one at the middle of a shorter wall, 5 cm outside it, at the sill height (default 0.9 m) above the building's ground; with every floor, one per floor (floor height = height / floors, else 3 m). Only buildings inside the extent (if given) get points; all buildings block. Points inside another building (shared walls) are dropped. Grid mode: points at the cell centres of a grid over the given areas, at the sill height above the ground, without the facade test.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; Every step (default 1 min), at the middle of the step, the sun (NREL SPA, apparent elevation) counts when it is above the horizon, in front of the wall (within 90° of its outward normal) and no building's top is above the line to the sun: the highest elevation angle of the buildings along the horizontal ray towards the sun (exact for prisms: footprint up to ground_elev + height) is compared with the sun's elevation. Sun positions are computed once for the centre of the buildings: across a district they differ by a few hundredths of a degree at the same true solar time. Obstructions (e.g. a design scheme) are added to the buildings as blockers only. Compliance: sunlit minutes ≥ required hours × 60, summed over the window (the sunlit time need not be continuous; the longest continuous span is reported). A custom date, window or required hours override the rule's.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Outputs.&lt;/b&gt; Test points (3D): minutes, hours, longest_min (min), compliant, building, facade, floor, normal (°). Buildings: points, worst_min, mean_min, share_compliant (0–1), compliant (all points), floors and floors_compliant. Facades (walls): min_min, share_compliant, compliant. Values: number of points, share compliant, buildings tested and failing.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Assumptions.&lt;/b&gt; Flat roofs, no terrain, trees or balconies; a building without ground_elev stands on the median ground of the others (the log says so).&lt;/p&gt;</source>
        <translation>&lt;p&gt;日照分析：计算住宅窗户在日照标准日有效日照时间带内的直射日照分钟数，并按 GB 50180-2018 表 4.0.9 判断是否满足日照标准（默认：深圳，Ⅳ 气候区大城市，大寒日真太阳时 08:00 至 16:00 之间不少于 3 h）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;日照分析点。&lt;/b&gt;对用途属于给定值（默认 residential）的建筑，在时间带内某一时刻朝向太阳的每段外墙上布点：沿墙居中、每隔一个窗户间距（默认 3 m）布置一个点，较短的墙在中点布置一个点；点位于墙外 5 cm、建筑地面以上窗台高度（默认 0.9 m）处；若选择每层布点，则每层一个（层高 = 高度 / 层数，无层数时取 3 m）。若给定范围，仅范围内的建筑布点；所有建筑都参与遮挡。位于其他建筑内部（共用墙体）的点会被剔除。网格模式：在给定区域上的网格单元中心、地面以上窗台高度处布点，不做立面朝向判断。&lt;/p&gt;&lt;p&gt;&lt;b&gt;方法。&lt;/b&gt;每个时间步（默认 1 min）取步长中点时刻，当太阳（NREL SPA，视高度角）位于地平线以上、位于外墙前方（与外墙外法线夹角在 90° 以内），且没有建筑顶部高于指向太阳的视线时，计为有日照：将朝向太阳的水平射线上各建筑的最大仰角（对棱柱体精确：基底向上至 ground_elev + height）与太阳高度角比较。太阳位置按建筑群中心只计算一次：在同一真太阳时，片区内各处相差仅百分之几度。遮挡物（如设计方案）仅作为遮挡体加入建筑中。是否满足：在时间带内累计的日照分钟数 ≥ 要求的日照时数 × 60（日照不要求连续；同时给出最长连续日照时长）。自定义的日期、时间带或日照时数将覆盖所选日照标准中的相应值。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出。&lt;/b&gt;日照分析点（三维）：minutes、hours、longest_min（min）、compliant、building、facade、floor、normal（°）。建筑：points、worst_min、mean_min、share_compliant（0–1）、compliant（全部点满足）、floors 和 floors_compliant。立面（外墙）：min_min、share_compliant、compliant。输出值：分析点数量、满足比例、参与分析的建筑数和不满足的建筑数。&lt;/p&gt;&lt;p&gt;&lt;b&gt;假设。&lt;/b&gt;屋顶平坦，不考虑地形、树木和阳台；没有 ground_elev 的建筑取其他建筑地面高程的中位数（日志中会注明）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="117"/>
        <source>Buildings (height, floors, use, ground_elev)</source>
        <translation>建筑（height、floors、use、ground_elev）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="126"/>
        <source>Uses that get test points (comma separated)</source>
        <translation>布置日照分析点的建筑用途（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="129"/>
        <source>Only buildings in this extent get test points</source>
        <translation>仅此范围内的建筑布置日照分析点</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="132"/>
        <source>Additional obstructions (e.g. a design scheme)</source>
        <translation>附加遮挡物（如设计方案）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="135"/>
        <source>Rule (GB 50180-2018 table 4.0.9)</source>
        <translation>日照标准（GB 50180-2018 表 4.0.9）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="137"/>
        <source>Custom: the date, window and hours below</source>
        <translation>自定义：采用下方的日期、时间带和日照时数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="142"/>
        <source>Custom date (YYYY-MM-DD)</source>
        <translation>自定义日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="144"/>
        <source>Window start (true solar time, h)</source>
        <translation>有效日照时间带起始（真太阳时，h）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="145"/>
        <source>Window end (true solar time, h)</source>
        <translation>有效日照时间带结束（真太阳时，h）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="146"/>
        <source>Required sunlight (h)</source>
        <translation>要求的日照时数（h）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="151"/>
        <source>Time step (min)</source>
        <translation>时间步长（min）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="152"/>
        <source>Window spacing along walls (m)</source>
        <translation>沿外墙的窗户间距（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="153"/>
        <source>Sill height above the floor (m; grid: above ground)</source>
        <translation>窗台距楼面高度（m；网格模式：距地面）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="155"/>
        <source>Grid spacing (m)</source>
        <translation>网格间距（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="159"/>
        <source>A test point on every floor</source>
        <translation>每层布置日照分析点</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="161"/>
        <source>Grid mode: areas (instead of facade points)</source>
        <translation>网格模式：分析区域（代替立面分析点）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="170"/>
        <source>Sunlight per facade</source>
        <translation>逐立面日照</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="184"/>
        <source>obstructions</source>
        <translation>遮挡物</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="195"/>
        <source>The custom date must be written YYYY-MM-DD; got '{}'.</source>
        <translation>自定义日期必须写作 YYYY-MM-DD；当前输入为“{}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="201"/>
        <source>The custom rule needs a date, a window start and end and the required hours.</source>
        <translation>自定义日照标准需要日期、有效日照时间带起止时间和要求的日照时数。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="221"/>
        <source>Obstructions</source>
        <translation>遮挡物</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="233"/>
        <source>{}: {:g}–{:g} h true solar time, {} steps of {:g} min, at least {:g} h required; sun at {:.4f}° E, {:.4f}° N.</source>
        <translation>{}：真太阳时 {:g}–{:g} h，共 {} 个时间步，每步 {:g} min，要求至少 {:g} h；太阳位置按东经 {:.4f}°、北纬 {:.4f}° 计算。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="239"/>
        <source>Grid areas</source>
        <translation>网格分析区域</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/sunlight_hours.py" line="269"/>
        <source>No test points: no building with one of the uses given (in the extent, if any) has a wall facing the sun, or no grid cell lies in the areas.</source>
        <translation>没有日照分析点：具有所给用途的建筑（若设定了范围，则为范围内的建筑）都没有朝向太阳的外墙，或分析区域内没有网格单元。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="51"/>
        <source>view corridor,viewpoint,elevation angle,height,scheme,视线通廊,视点,仰角</source>
        <translation>视线通廊,视点,仰角,高度,方案,view corridor,viewpoint,elevation angle,height,scheme</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="55"/>
        <source>&lt;p&gt;View corridor check (视线通廊): the buildings (existing, or a design scheme's) that rise into a protected view corridor above its allowed elevation angle or height.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; All layers are transformed to the analysis CRS (metres, default EPSG:4547). Corridors: polygons with corridor_id, viewpoint_id, max_elev_angle (° above the horizontal from the eye) and/or max_height (m above the building's ground). A building is checked on its part inside the corridor (overlaps under the minimum overlap, default 0.5 m², are boundary slivers and do not count). Height rule: it exceeds when height &gt; max_height. Angle rule: the eye is at the viewpoint's ground + eye_height (default 1.6 m where null); the building is a prism up to ground_elev + height, so it is seen highest at the point of its in-corridor part nearest to the viewpoint, at distance d; angle = atan((top − eye) / d), and it exceeds when the angle is above max_elev_angle. The allowed height there is eye + d · tan(max_elev_angle) − ground_elev; excess = height − allowed height (m).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Ground.&lt;/b&gt; The viewpoint's ground is the DEM under it; without a DEM (or outside it) the ground_elev of the nearest building, else 0 m. A building without ground_elev stands on the DEM at its centroid; without a DEM it is taken as level with the viewpoint. The log says which was used.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Outputs.&lt;/b&gt; One feature per building, corridor and rule exceeded; its geometry is the part of the building inside the corridor (not the whole footprint), styled by rule: building_id, corridor_id, viewpoint_id, rule (elev_angle or max_height), height_m, ground_m, top_m, distance_m, angle_deg, allowed_angle_deg, max_height_m, allowed_height_m, excess_m. The output values count the building–corridor pairs checked, the buildings exceeding, the violations and the maximum excess (m).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Notes.&lt;/b&gt; A corridor whose viewpoint is missing is reported in the log; only its max_height limit is checked. Flat roofs; terrain and trees do not hide buildings; the earth's curvature is ignored.&lt;/p&gt;</source>
        <translation>&lt;p&gt;视线通廊检查：找出在受保护的视线通廊内高度超过允许仰角或允许高度的建筑（或设计方案中的建筑）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;方法。&lt;/b&gt;所有图层均转换到分析坐标系（单位为米，默认 EPSG:4547）。视线通廊：带有 corridor_id、viewpoint_id、max_elev_angle（自视点水平面起算的仰角，°）和/或 max_height（距建筑地面的高度，m）的多边形。对建筑位于通廊内的部分进行检查（重叠面积小于最小重叠面积（默认 0.5 m²）的部分视为边界碎片，不计入）。高度规则：height &gt; max_height 即为超出。仰角规则：视点高程 = 视点地面 + eye_height（为空时默认 1.6 m）；建筑视为向上至 ground_elev + height 的棱柱体，因此其通廊内部分距视点最近之处（距离 d）看起来最高；仰角 = atan((顶部高程 − 视点高程) / d)，仰角大于 max_elev_angle 即为超出。该处允许高度 = 视点高程 + d · tan(max_elev_angle) − ground_elev；超高 = 高度 − 允许高度（m）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;地面。&lt;/b&gt;视点地面取其所在位置的 DEM 值；无 DEM（或位于 DEM 范围外）时取最近建筑的 ground_elev，否则取 0 m。没有 ground_elev 的建筑取其质心处的 DEM 值；无 DEM 时按与视点地面同高处理。日志中会注明所采用的方式。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出。&lt;/b&gt;每个超出的“建筑–通廊–规则”组合输出一个要素；其几何为建筑位于通廊内的部分（而非完整基底），按规则显示样式：building_id、corridor_id、viewpoint_id、rule（elev_angle 或 max_height）、height_m、ground_m、top_m、distance_m、angle_deg、allowed_angle_deg、max_height_m、allowed_height_m、excess_m。输出值统计已检查的建筑–通廊对数、超出的建筑数、违规项数和最大超高（m）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;说明。&lt;/b&gt;缺少视点的视线通廊会在日志中报告，仅检查其 max_height 限高。屋顶视为平顶；地形和树木不遮挡建筑；忽略地球曲率。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="89"/>
        <source>View corridors (corridor_id, viewpoint_id, max_elev_angle, max_height)</source>
        <translation>视线通廊（corridor_id、viewpoint_id、max_elev_angle、max_height）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="102"/>
        <source>DEM (ground of viewpoints and of buildings without one)</source>
        <translation>DEM（视点及无地面高程建筑的地面）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="105"/>
        <source>Eye height above ground where a viewpoint has none (m)</source>
        <translation>视点未设视高时采用的视高（离地，m）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="108"/>
        <source>Minimum overlap with a corridor (m²)</source>
        <translation>与视线通廊的最小重叠面积（m²）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="112"/>
        <source>Buildings exceeding view corridors</source>
        <translation>超出视线通廊管控的建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="114"/>
        <source>Building–corridor pairs checked</source>
        <translation>已检查的建筑–通廊对数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="115"/>
        <source>Buildings exceeding a corridor</source>
        <translation>超出视线通廊管控的建筑数</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="116"/>
        <source>Violations (building, corridor, rule)</source>
        <translation>违规项数（建筑、通廊、规则）</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="125"/>
        <source>Give the view corridors and the buildings.</source>
        <translation>请提供视线通廊和建筑图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="128"/>
        <source>The corridors layer has neither a max_elev_angle nor a max_height field.</source>
        <translation>视线通廊图层既没有 max_elev_angle 字段，也没有 max_height 字段。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="165"/>
        <source>{} buildings without ground elevation stand on the DEM at their centroid.</source>
        <translation>{} 栋没有地面高程的建筑取其质心处的 DEM 值。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="204"/>
        <source>No DEM: each viewpoint stands on the ground of the nearest building (0 m when none has one).</source>
        <translation>没有 DEM：各视点采用最近建筑的地面高程（均无时取 0 m）。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="213"/>
        <source>Viewpoint {}: ground {:.2f} m ({}), eye at {:.2f} m.</source>
        <translation>视点 {}：地面 {:.2f} m（{}），视点高程 {:.2f} m。</translation>
    </message>
    <message>
        <location filename="../../plugin/processing/view_corridor.py" line="221"/>
        <source>Corridor {}: {} buildings checked, {} exceed (by up to {:.2f} m).</source>
        <translation>视线通廊 {}：已检查 {} 栋建筑，{} 栋超出（最多超出 {:.2f} m）。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="74"/>
        <source>District {} · generated {} · service {}</source>
        <translation>片区 {} · 生成于 {} · 数据服务 {}</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="91"/>
        <source>The map could not be drawn: its layers are not in the project.</source>
        <translation>无法绘制地图：项目中没有相应图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="100"/>
        <source>1. District overview</source>
        <translation>1. 片区概况</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="103"/>
        <location filename="../../plugin/report/summary.py" line="90"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="103"/>
        <location filename="../../plugin/report/district_report.py" line="157"/>
        <location filename="../../plugin/report/district_report.py" line="231"/>
        <location filename="../../plugin/report/summary.py" line="90"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="103"/>
        <location filename="../../plugin/report/district_report.py" line="115"/>
        <location filename="../../plugin/report/summary.py" line="90"/>
        <location filename="../../plugin/report/summary.py" line="99"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="106"/>
        <source>District indicators are not available: the package has no districts or buildings layer.</source>
        <translation>片区指标不可用：数据包中没有片区或建筑图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="114"/>
        <source>Key findings</source>
        <translation>主要结论</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="115"/>
        <location filename="../../plugin/report/summary.py" line="98"/>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="115"/>
        <location filename="../../plugin/report/summary.py" line="99"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="120"/>
        <source>2. Flood and waterlogging impact</source>
        <translation>2. 洪涝影响</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="122"/>
        <source>Flood impact is not available: the package has no flood depth rasters (or no buildings).</source>
        <translation>洪涝影响不可用：数据包中没有内涝水深栅格（或没有建筑）。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="127"/>
        <location filename="../../plugin/report/district_report.py" line="157"/>
        <location filename="../../plugin/report/flood_report.py" line="37"/>
        <location filename="../../plugin/report/scheme_report.py" line="93"/>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="129"/>
        <source>Scenario {}</source>
        <translation>情景 {}</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="135"/>
        <source>3. Skyline from the viewpoints</source>
        <translation>3. 视点天际线</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="137"/>
        <source>The skyline is not available: the package has no viewpoints.</source>
        <translation>天际线不可用：数据包中没有视点。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="142"/>
        <location filename="../../plugin/report/scheme_report.py" line="58"/>
        <source>Viewpoint</source>
        <translation>视点</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="142"/>
        <source>Mean angle (°)</source>
        <translation>平均仰角（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="142"/>
        <source>Max angle (°)</source>
        <translation>最大仰角（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="143"/>
        <source>Sky above the reference angle</source>
        <translation>参考仰角以上的天空比例</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="143"/>
        <source>Buildings forming it</source>
        <translation>构成天际线的建筑数</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="152"/>
        <source>4. Sunlight on homes</source>
        <translation>4. 住宅日照</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="154"/>
        <source>Sunlight is not available: the package has no residential buildings to test.</source>
        <translation>日照不可用：数据包中没有可分析的住宅建筑。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="158"/>
        <source>Homes tested</source>
        <translation>分析的住宅数</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="160"/>
        <location filename="../../plugin/report/district_report.py" line="166"/>
        <source>Test points</source>
        <translation>分析点数</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="164"/>
        <source>Homes with the least sunlight</source>
        <translation>日照最少的住宅</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="166"/>
        <location filename="../../plugin/report/district_report.py" line="183"/>
        <location filename="../../plugin/report/district_report.py" line="196"/>
        <source>Building</source>
        <translation>建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="166"/>
        <source>Worst point (min)</source>
        <translation>最不利分析点（分钟）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="166"/>
        <source>Points compliant</source>
        <translation>达标分析点比例</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="173"/>
        <source>5. Height control and view corridors</source>
        <translation>5. 高度控制与视线通廊</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="175"/>
        <source>Height control is not available: the package has no parcels or height-control zones.</source>
        <translation>高度控制不可用：数据包中没有地块或限高分区。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="178"/>
        <source>{} buildings exceed their height control; the largest excess is {} m.</source>
        <translation>{} 栋建筑超出高度控制；最大超出 {} 米。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="183"/>
        <source>Height (m)</source>
        <translation>高度（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="183"/>
        <source>Cap (m)</source>
        <translation>限高（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="183"/>
        <source>Set by</source>
        <translation>控制来源</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="184"/>
        <location filename="../../plugin/report/district_report.py" line="197"/>
        <source>Excess (m)</source>
        <translation>超出（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="189"/>
        <source>The view corridor check is not available: the package has no view corridors or viewpoints.</source>
        <translation>视线通廊检查不可用：数据包中没有视线通廊或视点。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="192"/>
        <source>{} buildings break a view corridor.</source>
        <translation>{} 栋建筑突破视线通廊。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="196"/>
        <source>Corridor</source>
        <translation>通廊</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="196"/>
        <source>Angle (°)</source>
        <translation>仰角（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="196"/>
        <source>Allowed (°)</source>
        <translation>允许值（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="209"/>
        <source>6. Design scheme comparison</source>
        <translation>6. 设计方案比选</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="211"/>
        <source>Scheme comparison is not available: the package has no design schemes.</source>
        <translation>方案比选不可用：数据包中没有设计方案。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="217"/>
        <source>7. Data sources</source>
        <translation>7. 数据来源</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="218"/>
        <source>Service: {} · packaged {} · refreshed {}</source>
        <translation>数据服务：{} · 打包于 {} · 更新于 {}</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="224"/>
        <source>Fetched at (UTC)</source>
        <translation>获取时间（UTC）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="230"/>
        <source>8. Parameters</source>
        <translation>8. 参数</translation>
    </message>
    <message>
        <location filename="../../plugin/report/district_report.py" line="231"/>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="15"/>
        <source>Buildings affected (depth ≥ first threshold)</source>
        <translation>受影响建筑（水深 ≥ 第一级阈值）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="16"/>
        <location filename="../../plugin/report/scheme_report.py" line="68"/>
        <source>Floor area affected (m²)</source>
        <translation>受影响建筑面积（平方米）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="17"/>
        <source>Roads affected</source>
        <translation>受影响道路</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="18"/>
        <source>Road length affected (m)</source>
        <translation>受影响道路长度（米）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="19"/>
        <source>Metro stations and entrances affected</source>
        <translation>受影响地铁站及出入口</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="20"/>
        <source>Facilities affected</source>
        <translation>受影响设施</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="22"/>
        <source>minor</source>
        <translation>轻度</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="22"/>
        <source>moderate</source>
        <translation>中度</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="23"/>
        <source>severe</source>
        <translation>重度</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="23"/>
        <source>extreme</source>
        <translation>极重</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="24"/>
        <source>Area {} or deeper (m²)</source>
        <translation>{}及以上淹没面积（平方米）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="25"/>
        <source>Buildings {}</source>
        <translation>{}建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="26"/>
        <source>Buildings dry</source>
        <translation>无积水建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="27"/>
        <source>Buildings without flood data</source>
        <translation>无淹没数据的建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="84"/>
        <source>District {}</source>
        <translation>片区 {}</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="94"/>
        <source>Scenarios: {}. Thresholds (m): {}.</source>
        <translation>情景：{}。阈值（米）：{}。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/flood_report.py" line="100"/>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../plugin/report/maps.py" line="165"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../plugin/report/maps.py" line="227"/>
        <source>km</source>
        <translation>千米</translation>
    </message>
    <message>
        <location filename="../../plugin/report/maps.py" line="227"/>
        <source>m</source>
        <translation>米</translation>
    </message>
    <message>
        <location filename="../../plugin/report/maps.py" line="343"/>
        <source>QGIS could not export the map {}.</source>
        <translation>QGIS 无法导出地图 {}。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/pdf.py" line="228"/>
        <source>Page {} of {}</source>
        <translation>第 {} 页，共 {} 页</translation>
    </message>
    <message>
        <location filename="../../plugin/report/pdf.py" line="235"/>
        <source>Could not write the PDF file.</source>
        <translation>无法写入 PDF 文件。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/report_maps.py" line="60"/>
        <source>The package's project {} could not be read: the report has no maps.</source>
        <translation>无法读取数据包的项目 {}：报告中没有地图。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/report_maps.py" line="64"/>
        <source>Overview of {}</source>
        <translation>{}概况</translation>
    </message>
    <message>
        <location filename="../../plugin/report/report_maps.py" line="71"/>
        <source>Flood depth: {}</source>
        <translation>内涝水深：{}</translation>
    </message>
    <message>
        <location filename="../../plugin/report/report_maps.py" line="73"/>
        <source>Sunlight on homes</source>
        <translation>住宅日照</translation>
    </message>
    <message>
        <location filename="../../plugin/report/report_maps.py" line="75"/>
        <source>Height control and view corridor findings</source>
        <translation>高度控制与视线通廊检查结果</translation>
    </message>
    <message>
        <location filename="../../plugin/report/report_maps.py" line="86"/>
        <source>The map '{}' came out blank and is left out.</source>
        <translation>地图“{}”为空白，已省略。</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="16"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="17"/>
        <source>Weighted score (1 = best)</source>
        <translation>加权得分（1 = 最优）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="19"/>
        <source>Footprint (m²)</source>
        <translation>基底面积（m²）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="20"/>
        <source>Gross floor area (m²)</source>
        <translation>总建筑面积（m²）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="21"/>
        <source>Site area (m²)</source>
        <translation>用地面积（m²）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="22"/>
        <source>Floor-area ratio (FAR)</source>
        <translation>容积率</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="23"/>
        <source>Site FAR cap</source>
        <translation>用地容积率上限</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="24"/>
        <source>FAR above the cap</source>
        <translation>容积率超出上限</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="25"/>
        <source>Building density</source>
        <translation>建筑密度</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="26"/>
        <source>Max height (m)</source>
        <translation>最大高度（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="27"/>
        <source>Mean height (m)</source>
        <translation>平均高度（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="28"/>
        <source>Buildings above parcel or zone height control</source>
        <translation>超出地块或分区限高的建筑数</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="29"/>
        <source>Largest excess over parcel or zone control (m)</source>
        <translation>超出地块或分区限高的最大值（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="30"/>
        <source>Site height cap (m)</source>
        <translation>用地限高（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="31"/>
        <source>Buildings above the site's height cap</source>
        <translation>超出用地限高的建筑数</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="32"/>
        <source>Largest excess over the site cap (m)</source>
        <translation>超出用地限高的最大值（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="34"/>
        <source>Largest corridor excess (m)</source>
        <translation>突破通廊的最大值（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="35"/>
        <source>Buildings failing a height or corridor check</source>
        <translation>未通过限高或通廊检查的建筑数</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="36"/>
        <source>Total excess over the caps (m)</source>
        <translation>超出限高合计（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="37"/>
        <source>Skyline: mean change (°)</source>
        <translation>天际线：平均变化（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="38"/>
        <source>Skyline: largest change (°)</source>
        <translation>天际线：最大变化（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="39"/>
        <source>Buildings rising above the existing skyline</source>
        <translation>高出现状天际线的建筑数</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="40"/>
        <source>Sunlight: test points near the site</source>
        <translation>日照：用地周边分析点数</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="41"/>
        <source>Sunlight: test points that lose compliance</source>
        <translation>日照：由达标变为不达标的分析点</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="42"/>
        <source>Sunlight: test points that gain compliance</source>
        <translation>日照：由不达标变为达标的分析点</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="43"/>
        <source>Sunlight: homes near the site</source>
        <translation>日照：用地周边住宅数</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="44"/>
        <source>Sunlight: homes that lose compliance</source>
        <translation>日照：由达标变为不达标的住宅</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="45"/>
        <source>Sunlight: homes that gain compliance</source>
        <translation>日照：由不达标变为达标的住宅</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="46"/>
        <source>Sunlight: homes that lose it</source>
        <translation>日照：失去达标的住宅</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="47"/>
        <source>Flood: worst scenario</source>
        <translation>洪涝：最不利情景</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="48"/>
        <source>Flood: buildings affected (worst scenario)</source>
        <translation>洪涝：受影响建筑（最不利情景）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="49"/>
        <source>Flood: floor area affected (m², worst scenario)</source>
        <translation>洪涝：受影响建筑面积（m²，最不利情景）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="50"/>
        <source>Flood: max depth (m)</source>
        <translation>洪涝：最大水深（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="51"/>
        <source>Score: GFA</source>
        <translation>得分：建筑面积</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="52"/>
        <source>Score: height control</source>
        <translation>得分：高度控制</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="53"/>
        <source>Score: skyline</source>
        <translation>得分：天际线</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="54"/>
        <source>Score: sunlight</source>
        <translation>得分：日照</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="55"/>
        <source>Score: flood</source>
        <translation>得分：洪涝</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="59"/>
        <source>Existing mean angle (°)</source>
        <translation>现状平均仰角（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="60"/>
        <source>With the scheme (°)</source>
        <translation>方案实施后（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="61"/>
        <source>Mean change (°)</source>
        <translation>平均变化（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="62"/>
        <source>Largest change (°)</source>
        <translation>最大变化（°）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="63"/>
        <source>Buildings above the skyline</source>
        <translation>高出天际线的建筑数</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="64"/>
        <source>Sky, existing</source>
        <translation>天空比例，现状</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="65"/>
        <source>Sky, with the scheme</source>
        <translation>天空比例，方案实施后</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="67"/>
        <source>Buildings affected</source>
        <translation>受影响建筑</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="69"/>
        <source>Max depth (m)</source>
        <translation>最大水深（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="70"/>
        <source>Mean depth (m)</source>
        <translation>平均水深（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/scheme_report.py" line="107"/>
        <source>Ranked first on the weighted criteria: {}</source>
        <translation>加权评价排名第一：{}</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="14"/>
        <source>Land area</source>
        <translation>用地面积</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="15"/>
        <source>Number of buildings</source>
        <translation>建筑数量</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="16"/>
        <source>Gross floor area (GFA)</source>
        <translation>总建筑面积</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="17"/>
        <source>Floor-area ratio (FAR, 容积率)</source>
        <translation>容积率</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="18"/>
        <source>Building density (建筑密度)</source>
        <translation>建筑密度</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="19"/>
        <source>Green ratio (绿地率)</source>
        <translation>绿地率</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="20"/>
        <source>Mean height</source>
        <translation>平均高度</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="21"/>
        <source>Max height</source>
        <translation>最大高度</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="22"/>
        <source>Land-use mix entropy</source>
        <translation>用地混合度（熵）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="23"/>
        <source>Buildings within 500 m of metro</source>
        <translation>地铁站 500 米范围内建筑占比</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="24"/>
        <source>Buildings within 800 m of metro</source>
        <translation>地铁站 800 米范围内建筑占比</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="25"/>
        <source>Sensors online</source>
        <translation>传感器在线率</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="46"/>
        <location filename="../../plugin/report/summary.py" line="122"/>
        <source>Role</source>
        <translation>数据角色</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="46"/>
        <source>Features pulled</source>
        <translation>已下载要素数</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="47"/>
        <source>numberMatched (service hint)</source>
        <translation>numberMatched（服务端提示值）</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="98"/>
        <source>Height control, view corridors, skyline and sunlight</source>
        <translation>高度控制、视线通廊、天际线与日照</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="109"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="118"/>
        <source>District: {}</source>
        <translation>片区：{}</translation>
    </message>
    <message>
        <location filename="../../plugin/report/summary.py" line="122"/>
        <source>Pulled</source>
        <translation>已下载</translation>
    </message>
    <message>
        <source>Scheme comparison: {}</source>
        <translation type="vanished">方案比选：{}</translation>
    </message>
    <message>
        <source>Flood impact was skipped: {}</source>
        <translation type="vanished">已跳过洪涝影响分析：{}</translation>
    </message>
    <message>
        <source>&lt;p&gt;Height control check (高度控制): the buildings, or a design scheme's, that are taller than the parcel's height cap or the height-control zone's maximum height, with the excess in metres.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; All layers are transformed to the analysis CRS (metres, default EPSG:4547). A parcel or zone governs a building when the footprint overlaps it with positive area; overlaps under the minimum overlap (default 0.5 m²) are slivers from shared or redrawn boundaries and do not count, so a building that only touches a zone along its edge is not governed by it. Of all the caps governing a building the strictest (lowest) applies, whichever layer it comes from; on a tie the parcel is named first. Excess = height − cap (m); the building exceeds when the excess is above 0. A null cap is no cap.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Outputs.&lt;/b&gt; The exceeding buildings (whole footprints), styled by excess: building_id, height_m, cap_m, cap_source (parcel or zone), control_id, control_name, cap_set_by (every control at that cap), parcel_cap_m / parcel_id and zone_cap_m / zone_id (the strictest of each), controls (how many govern it), excess_m. The log and the output values count all buildings: checked, exceeding, the maximum excess (m), and those without a height or without any cap, which are named in the log and not checked.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Assumptions.&lt;/b&gt; Height is the building's height above ground (m), compared with caps in metres above ground; a building's parts all share its height.&lt;/p&gt;</source>
        <translation type="vanished">&lt;p&gt;高度控制检查（高度控制）：找出高于地块限高或高度控制分区最大高度的建筑（或设计方案中的建筑），并给出超出的米数。&lt;/p&gt;&lt;p&gt;&lt;b&gt;方法。&lt;/b&gt;所有图层均转换到分析坐标系（单位为米，默认 EPSG:4547）。建筑基底与地块或分区的重叠面积为正时，该地块或分区即对该建筑起管控作用；重叠面积小于最小重叠面积（默认 0.5 m²）的部分视为共用或重绘边界产生的碎片，不计入，因此仅沿边缘与分区相接的建筑不受其管控。在管控某建筑的所有限高中，取最严格（最低）者，无论其来自哪个图层；数值相同时优先列出地块。超高 = 高度 − 限高（m）；超高大于 0 即为超出。限高为空表示不设限高。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出。&lt;/b&gt;超出限高的建筑（完整基底），按超高分级显示样式：building_id、height_m、cap_m、cap_source（parcel 或 zone）、control_id、control_name、cap_set_by（取该限高值的所有管控对象）、parcel_cap_m / parcel_id 和 zone_cap_m / zone_id（各自最严格者）、controls（管控该建筑的对象数）、excess_m。日志和输出值统计全部建筑：已检查数、超出数、最大超高（m），以及无高度或无任何限高的建筑数；后两类建筑会在日志中列出，且不参与检查。&lt;/p&gt;&lt;p&gt;&lt;b&gt;假设。&lt;/b&gt;高度为建筑离地高度（m），与以离地米数表示的限高比较；建筑的各部分高度相同。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Great Cold day (大寒日, sun at 300°, ~20 January)</source>
        <translation type="vanished">大寒日（太阳视黄经 300°，约 1 月 20 日）</translation>
    </message>
    <message>
        <source>Winter solstice (冬至日, sun at 270°, ~21 December)</source>
        <translation type="vanished">冬至日（太阳视黄经 270°，约 12 月 21 日）</translation>
    </message>
    <message>
        <source>大寒日 ≥ 3 h, 08:00–16:00 (climate zone IV ≥ 0.5 million people, e.g. Shenzhen; zones I, II, III, VII under 0.5 million)</source>
        <translation type="vanished">大寒日 ≥ 3 h，08:00–16:00（Ⅳ 气候区城区常住人口 ≥ 50 万，如深圳；Ⅰ、Ⅱ、Ⅲ、Ⅶ 气候区 &lt; 50 万）</translation>
    </message>
    <message>
        <source>大寒日 ≥ 2 h, 08:00–16:00 (climate zones I, II, III, VII ≥ 0.5 million people)</source>
        <translation type="vanished">大寒日 ≥ 2 h，08:00–16:00（Ⅰ、Ⅱ、Ⅲ、Ⅶ 气候区城区常住人口 ≥ 50 万）</translation>
    </message>
    <message>
        <source>&lt;p&gt;View corridor check (视线通廊): the buildings, or a design scheme's, that rise into a protected view corridor above its allowed elevation angle or height.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; All layers are transformed to the analysis CRS (metres, default EPSG:4547). Corridors: polygons with corridor_id, viewpoint_id, max_elev_angle (° above the horizontal from the eye) and/or max_height (m above the building's ground). A building is checked on its part inside the corridor (overlaps under the minimum overlap, default 0.5 m², are boundary slivers and do not count). Height rule: it exceeds when height &gt; max_height. Angle rule: the eye is at the viewpoint's ground + eye_height (default 1.6 m where null); the building is a prism up to ground_elev + height, so it is seen highest at the point of its in-corridor part nearest to the viewpoint, at distance d; angle = atan((top − eye) / d), and it exceeds when the angle is above max_elev_angle. The allowed height there is eye + d · tan(max_elev_angle) − ground_elev; excess = height − allowed height (m).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Ground.&lt;/b&gt; The viewpoint's ground is the DEM under it; without a DEM (or outside it) the ground_elev of the nearest building, else 0 m. A building without ground_elev stands on the DEM at its centroid; without a DEM it is taken as level with the viewpoint. The log says which was used.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Outputs.&lt;/b&gt; One feature per building, corridor and rule exceeded; its geometry is the part of the building inside the corridor (not the whole footprint), styled by rule: building_id, corridor_id, viewpoint_id, rule (elev_angle or max_height), height_m, ground_m, top_m, distance_m, angle_deg, allowed_angle_deg, max_height_m, allowed_height_m, excess_m. The output values count the building–corridor pairs checked, the buildings exceeding, the violations and the maximum excess (m).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Notes.&lt;/b&gt; A corridor whose viewpoint is missing is reported in the log; only its max_height limit is checked. Flat roofs; terrain and trees do not hide buildings; the earth's curvature is ignored.&lt;/p&gt;</source>
        <translation type="vanished">&lt;p&gt;视线通廊检查：找出在受保护的视线通廊内高度超过允许仰角或允许高度的建筑（或设计方案中的建筑）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;方法。&lt;/b&gt;所有图层均转换到分析坐标系（单位为米，默认 EPSG:4547）。视线通廊：带有 corridor_id、viewpoint_id、max_elev_angle（自视点水平面起算的仰角，°）和/或 max_height（距建筑地面的高度，m）的多边形。对建筑位于通廊内的部分进行检查（重叠面积小于最小重叠面积（默认 0.5 m²）的部分视为边界碎片，不计入）。高度规则：height &gt; max_height 即为超出。仰角规则：视点高程 = 视点地面 + eye_height（为空时默认 1.6 m）；建筑视为向上至 ground_elev + height 的棱柱体，因此其通廊内部分距视点最近之处（距离 d）看起来最高；仰角 = atan((顶部高程 − 视点高程) / d)，仰角大于 max_elev_angle 即为超出。该处允许高度 = 视点高程 + d · tan(max_elev_angle) − ground_elev；超高 = 高度 − 允许高度（m）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;地面。&lt;/b&gt;视点地面取其所在位置的 DEM 值；无 DEM（或位于 DEM 范围外）时取最近建筑的 ground_elev，否则取 0 m。没有 ground_elev 的建筑取其质心处的 DEM 值；无 DEM 时按与视点地面同高处理。日志中会注明所采用的方式。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出。&lt;/b&gt;每个超出的“建筑–通廊–规则”组合输出一个要素；其几何为建筑位于通廊内的部分（而非完整基底），按规则显示样式：building_id、corridor_id、viewpoint_id、rule（elev_angle 或 max_height）、height_m、ground_m、top_m、distance_m、angle_deg、allowed_angle_deg、max_height_m、allowed_height_m、excess_m。输出值统计已检查的建筑–通廊对数、超出的建筑数、违规项数和最大超高（m）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;说明。&lt;/b&gt;缺少视点的视线通廊会在日志中报告，仅检查其 max_height 限高。屋顶视为平顶；地形和树木不遮挡建筑；忽略地球曲率。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>{} buildings had no flood data (outside the raster) in scenario {}.</source>
        <translation type="vanished">情景 {1} 中有 {0} 栋建筑没有淹没数据（位于栅格范围外）。</translation>
    </message>
    <message>
        <source>{} roads had no flood data (outside the raster) in scenario {}.</source>
        <translation type="vanished">情景 {1} 中有 {0} 条道路没有淹没数据（位于栅格范围外）。</translation>
    </message>
    <message>
        <source>{} stations had no flood data (outside the raster) in scenario {}.</source>
        <translation type="vanished">情景 {1} 中有 {0} 个站点没有淹没数据（位于栅格范围外）。</translation>
    </message>
    <message>
        <source>{} facilities had no flood data (outside the raster) in scenario {}.</source>
        <translation type="vanished">情景 {1} 中有 {0} 个设施没有淹没数据（位于栅格范围外）。</translation>
    </message>
    <message>
        <source>No collection is tagged for district '{}'.</source>
        <translation type="vanished">没有数据集标注属于片区“{}”。</translation>
    </message>
    <message>
        <source>Reads the catalog of a twin data service (OGC API - Features), pulls every collection tagged for the district (its twin:district tag, and city-wide ones) inside the district's bounding box into one GeoPackage (vectors reprojected to EPSG:4547; rasters from OGC API - Coverages), computes the district indicators, and writes an offline QGIS project (.qgz, relative paths, styled by role) beside the GeoPackage with a summary as CSV and HTML.

Feature counts are the service's own: every page is followed to its end.
Works offline afterwards: the project has no remote layers.</source>
        <translation type="vanished">读取孪生数据服务（OGC API - Features）的数据目录，将标注属于该片区的全部数据集（带该片区的 twin:district 标签，以及全市范围的数据集）按片区外包矩形下载到同一个 GeoPackage 中（矢量数据投影到 EPSG:4547；栅格数据通过 OGC API - Coverages 获取），计算片区指标，并在 GeoPackage 旁生成离线 QGIS 工程（.qgz，相对路径，按数据角色配置样式）以及 CSV 和 HTML 格式的审查摘要。

要素数量以服务端为准：每个分页都会读取到最后一页。
完成后可离线使用：工程中不含任何在线图层。</translation>
    </message>
    <message>
        <source>Download for district…</source>
        <translation type="vanished">按片区下载…</translation>
    </message>
    <message>
        <source>The twin service refused access to {} (HTTP {}); check the authentication configuration.</source>
        <translation type="vanished">孪生数据服务拒绝访问{}（HTTP {}），请检查认证配置。</translation>
    </message>
    <message>
        <source>The twin service does not allow access to {} (HTTP 403).</source>
        <translation type="vanished">孪生数据服务不允许访问{}（HTTP 403）。</translation>
    </message>
</context>
</TS>
