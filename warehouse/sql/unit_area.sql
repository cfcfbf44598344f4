-- Every unit a fact row can describe (street, grid, site, centre) with each area it rolls up
-- into, itself included: unit_area(unit_type, unit_code, area_level, area_code).
with recursive up(area_code, ancestor_code, depth) as (
    select area_code, area_code, 0 from stg_geography
    union all
    select up.area_code, g.parent_code, up.depth + 1
    from up
    join stg_geography as g on g.area_code = up.ancestor_code
    where g.parent_code is not null and up.depth < 8
),

area_tree as (
    select up.area_code, a.area_level as ancestor_level, up.ancestor_code
    from up
    join stg_geography as a on a.area_code = up.ancestor_code
),

areas as (
    select g.area_level as unit_type, t.area_code as unit_code,
           t.ancestor_level as area_level, t.ancestor_code as area_code
    from area_tree as t
    join stg_geography as g on g.area_code = t.area_code
    where g.area_level in ('street', 'grid')
),

-- an area reporting for itself (3e: a district's or a street's survey round; 9b: a district's
-- bases): the city, a district or a street, rolled up into itself and its ancestors
regions as (
    select 'area' as unit_type, t.area_code as unit_code,
           t.ancestor_level as area_level, t.ancestor_code as area_code
    from area_tree as t
    join stg_geography as g on g.area_code = t.area_code
    where g.area_level in ('city', 'district', 'street')
),

sites as (
    select 'site' as unit_type, s.site_code as unit_code,
           t.ancestor_level as area_level, t.ancestor_code as area_code
    from stg_mosquito_sites as s
    join area_tree as t on t.area_code = s.grid_code
),

centres as (
    select 'centre' as unit_type, c.centre_code as unit_code,
           t.ancestor_level as area_level, t.ancestor_code as area_code
    from stg_health_centres as c
    join area_tree as t on t.area_code = c.grid_code
),

final as (
    select * from areas
    union all
    select * from regions
    union all
    select * from sites
    union all
    select * from centres
)

select * from final
