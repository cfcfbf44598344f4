-- Named views of the SQL interface, over the physical tables (stg_*, indicator_values, ...).
create or replace view dim_area as
select area_code, area_level, parent_code, name_zh, name_en, geometry, supervisor
from stg_geography;

create or replace view dim_site as
select site_code, site_name, habitat, lon, lat, grid_code
from stg_mosquito_sites;

create or replace view dim_centre as
select centre_code, centre_name, grid_code, lon, lat
from stg_health_centres;

create or replace view stage_goals as
select indicator_id, area_code, stage_name, stage_name_en, year, target_value, deadline, source_doc
from stg_stage_goals;

create or replace view baselines as
select indicator_id, area_code, baseline_year, baseline_value, source_doc
from stg_baselines;

-- Every area with itself and each ancestor (depth 0 = itself; codes nest city → district →
-- street → grid, so three parent steps reach the city from a grid).
create or replace view area_ancestors as
select area_code, area_code as ancestor, 0 as depth
from dim_area
union all
select a.area_code, a.parent_code, 1
from dim_area as a
where a.parent_code is not null
union all
select a.area_code, p.parent_code, 2
from dim_area as a
join dim_area as p on p.area_code = a.parent_code
where p.parent_code is not null
union all
select a.area_code, pp.parent_code, 3
from dim_area as a
join dim_area as p on p.area_code = a.parent_code
join dim_area as pp on pp.area_code = p.parent_code
where pp.parent_code is not null;

-- The stage goals in force for every area: its own and its ancestors', the nearest area's goal
-- winning for each stage year (a district's own goal replaces the city's for that year; other
-- years keep the city's). The one place this rule lives: the status rule, the charts' goal
-- steps, the map's alert and the briefings all read it.
create or replace view goals_in_force as
select area_code, indicator_id, stage_name, stage_name_en, year, target_value, deadline,
       source_doc, set_by
from (
    select x.area_code, g.indicator_id, g.stage_name, g.stage_name_en, g.year, g.target_value,
           g.deadline,
           g.source_doc, g.area_code as set_by,
           row_number() over (partition by x.area_code, g.indicator_id, g.year
                              order by x.depth) as rn
    from area_ancestors as x
    join stage_goals as g on g.area_code = x.ancestor
)
where rn = 1;

-- The baseline of each indicator for every area: its own, else its nearest ancestor's,
-- anchored at the end of its year (an annual result).
create or replace view baselines_in_force as
select area_code, indicator_id, baseline_value, baseline_date, source_doc
from (
    select x.area_code, b.indicator_id, b.baseline_value,
           make_date(b.baseline_year, 12, 31) as baseline_date, b.source_doc,
           row_number() over (partition by x.area_code, b.indicator_id order by x.depth) as rn
    from area_ancestors as x
    join baselines as b on b.area_code = x.ancestor
)
where rn = 1;

-- Every reporting unit with its name and district (the periodic reporting templates and every
-- report received are views generated from dim_template: warehouse/store.py template_views).
create or replace view report_units as
with unit_names as (
    select 'street' as unit_type, area_code as unit_code, name_zh as unit_name
    from dim_area
    where area_level = 'street'
    union all
    select 'site', site_code, site_name
    from dim_site
    union all
    select 'centre', centre_code, centre_name
    from dim_centre
),

unit_district as (
    select u.unit_type, u.unit_code, a.name_zh as district_name
    from unit_area as u
    join dim_area as a on a.area_code = u.area_code
    where u.area_level = 'district'
)

select n.unit_type, n.unit_code, n.unit_name, d.district_name
from unit_names as n
left join unit_district as d on d.unit_type = n.unit_type and d.unit_code = n.unit_code;
