-- The stage goals that apply to an area: its own and its ancestors' (the page keeps, per stage
-- year, the nearest area's goal).
with recursive up(area_code, depth) as (
    select $area::varchar, 0
    union all
    select a.parent_code, up.depth + 1
    from up
    join dim_area as a on a.area_code = up.area_code
    where a.parent_code is not null and up.depth < 8
)

select g.indicator_id, g.area_code, g.stage_name, g.year, g.target_value, g.deadline,
       g.source_doc, up.depth
from stage_goals as g
join up on up.area_code = g.area_code
where g.indicator_id = $indicator
order by g.year, up.depth
