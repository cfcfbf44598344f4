-- Who is late: for each periodic reporting template, the units expected to report (streets,
-- light-trap sites, health centres in an area) against those that reported in the template's
-- latest period loaded anywhere in the city. Areas: $area and, when $area is the city, each of
-- its districts. Missing units come with their name, district and the last period they did
-- report. A template never loaded still gets its rows (no period, nothing received).
with templates as (
    select *
    from (values
        ('garbage_monthly', '2a', 'month', 'street'),
        ('garbage_inspection', '2c', 'month', 'street'),
        ('mosquito_light_trap', '3b', 'half_month', 'site'),
        ('mosquito_route', '3c', 'month', 'street'),
        ('chronic_disease', '5b', 'month', 'centre')
    ) as t(template, template_no, period_grain, unit_type)
),

-- NOTE: the same report list as datastatus_gaps.sql; keep the two in step.
reports as (
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
    from stg_chronic_disease
),

unit_names as (
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
),

scope as (
    select area_code, area_level, name_zh as area_name
    from dim_area
    where area_code = $area
       or (parent_code = $area and area_level = 'district')
),

latest as (
    select template, max(period_start) as period_start
    from reports
    group by template
),

last_report as (
    select template, unit_code, max(period_start) as last_period
    from reports
    group by template, unit_code
),

expected as (
    select t.template, t.template_no, t.period_grain, t.unit_type, l.period_start,
           s.area_code, s.area_level, s.area_name, u.unit_code
    from templates as t
    left join latest as l on l.template = t.template
    join unit_area as u on u.unit_type = t.unit_type
    join scope as s on s.area_code = u.area_code
),

checked as (
    select e.*, n.unit_name, d.district_name, r.last_period,
           coalesce(r.last_period >= e.period_start, false) as reported
    from expected as e
    left join last_report as r on r.template = e.template and r.unit_code = e.unit_code
    left join unit_names as n on n.unit_type = e.unit_type and n.unit_code = e.unit_code
    left join unit_district as d on d.unit_type = e.unit_type and d.unit_code = e.unit_code
),

final as (
    select template, template_no, period_grain, period_start, unit_type, area_code, area_level,
           area_name,
           count(*) as expected_units,
           count(*) filter (where reported) as received_units,
           coalesce(string_agg(coalesce(unit_name, unit_code), '、' order by unit_code)
                        filter (where not reported and period_start is not null), '')
               as missing_names,
           coalesce(list({'unit_code': unit_code, 'unit_name': unit_name,
                          'district_name': district_name, 'last_period': last_period}
                         order by unit_code)
                        filter (where not reported and period_start is not null), [])
               as missing
    from checked
    group by all
)

select * from final
order by template_no, area_level <> 'city', area_code
