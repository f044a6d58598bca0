<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="AllStyleCategories" labelsEnabled="0">
  <renderer-v2 type="categorizedSymbol" attr="if(&quot;compliant&quot;, 'yes', 'no')" symbollevels="0" forceraster="0" enableorderby="0" referencescale="-1">
    <categories>
      <category value="yes" symbol="0" render="true" label="Every test point meets the rule"/>
      <category value="no" symbol="1" render="true" label="Some test point fails the rule"/>
    </categories>
    <symbols>
      <symbol type="fill" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option type="QString" name="color" value="161,217,155,200"/>
            <Option type="QString" name="style" value="solid"/>
            <Option type="QString" name="outline_color" value="0,104,55,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option type="QString" name="color" value="252,146,114,200"/>
            <Option type="QString" name="style" value="solid"/>
            <Option type="QString" name="outline_color" value="165,0,38,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
          </Option>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <layerGeometryType>2</layerGeometryType>
</qgis>
