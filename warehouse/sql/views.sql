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

-- The periodic reporting templates, every report received (template, unit, period) and every
-- reporting unit with its name and district: what "who is late" is computed from.
create or replace view report_templates as
    select *
    from (values
        ('garbage_monthly', '2a', 'month', 'street'),
        ('garbage_inspection', '2c', 'month', 'street'),
        ('mosquito_light_trap', '3b', 'half_month', 'site'),
        ('mosquito_route', '3c', 'month', 'street'),
        ('chronic_disease', '5b', 'month', 'centre')
    ) as t(template, template_no, period_grain, unit_type);

create or replace view report_periods as
    select 'garbage_monthly' as template, street_code as unit_code, month as period_start
    from stg_garbage_monthly
    union all
    select 'garbage_inspection', street_code, month
    from stg_garbage_inspection
    union all
    select 'mosquito_light_trap', site_code,
           date_trunc('month', survey_date)::date
           + case when day(survey_date) > 15 then 15 else 0 end
    from stg_mosquito_light_trap
    union all
    select 'mosquito_route', street_code, date_trunc('month', survey_date)::date
    from stg_mosquito_route
    union all
    select 'chronic_disease', centre_code, month
    from stg_chronic_disease;

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
