-- Earlier missed reports: for each periodic reporting template, the units in $area that did not
-- report in a period before the latest one, although other units did (so out-of-season months
-- never count) and the unit had already reported before (so a new unit is not blamed for the
-- time before it existed). Each gap says whether the unit reported again later.
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

-- NOTE: the same report list as datastatus_late.sql; keep the two in step.
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

periods as (
    select distinct template, period_start
    from reports
),

latest as (
    select template, max(period_start) as period_start
    from reports
    group by template
),

unit_span as (
    select template, unit_code, min(period_start) as first_period,
           max(period_start) as last_period
    from reports
    group by template, unit_code
),

candidates as (
    select t.template, t.template_no, t.period_grain, t.unit_type, p.period_start,
           s.unit_code, s.last_period
    from templates as t
    join periods as p on p.template = t.template
    join latest as l on l.template = t.template
    join unit_span as s on s.template = t.template
    join unit_area as u
      on u.unit_type = t.unit_type and u.unit_code = s.unit_code and u.area_code = $area
    where p.period_start > s.first_period and p.period_start < l.period_start
),

gaps as (
    select c.*
    from candidates as c
    anti join reports as r
      on r.template = c.template and r.unit_code = c.unit_code
     and r.period_start = c.period_start
),

final as (
    select g.template, g.template_no, g.period_grain, g.period_start, g.unit_type, g.unit_code,
           n.unit_name, d.district_name, g.last_period > g.period_start as reported_later
    from gaps as g
    left join unit_names as n on n.unit_type = g.unit_type and n.unit_code = g.unit_code
    left join unit_district as d on d.unit_type = g.unit_type and d.unit_code = g.unit_code
)

select * from final
order by template_no, period_start desc, unit_code
