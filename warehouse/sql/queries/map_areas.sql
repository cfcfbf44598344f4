-- The selected area and every area under it (districts, streets, grids), with the GeoJSON
-- geometry text, for the map's polygons.
with recursive down(area_code, depth) as (
    select $area::varchar, 0
    union all
    select a.area_code, down.depth + 1
    from down
    join dim_area as a on a.parent_code = down.area_code
    where down.depth < 8
),

final as (
    select a.area_code, a.area_level, a.parent_code, a.name_zh, a.geometry
    from dim_area as a
    join down on down.area_code = a.area_code
)

select * from final
order by area_code
