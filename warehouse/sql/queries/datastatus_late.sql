-- Who is late: for each periodic reporting template, the units expected to report (streets,
-- light-trap sites, health centres in an area) against those that reported in the template's
-- latest period loaded anywhere in the city. Areas: $area and, when $area is the city, each of
-- its districts. Missing units come with their name, district and the last period they did
-- report. A template never loaded still gets its rows (no period, nothing received).
with scope as (
    select area_code, area_level, name_zh as area_name
    from dim_area
    where area_code = $area
       or (parent_code = $area and area_level = 'district')
),

latest as (
    select template, max(period_start) as period_start
    from report_periods
    group by template
),

last_report as (
    select template, unit_code, max(period_start) as last_period
    from report_periods
    group by template, unit_code
),

expected as (
    select t.template, t.template_no, t.period_grain, t.unit_type, l.period_start,
           s.area_code, s.area_level, s.area_name, u.unit_code
    from report_templates as t
    left join latest as l on l.template = t.template
    join unit_area as u on u.unit_type = t.unit_type
    join scope as s on s.area_code = u.area_code
),

checked as (
    select e.*, n.unit_name, n.district_name, r.last_period,
           coalesce(r.last_period >= e.period_start, false) as reported
    from expected as e
    left join last_report as r on r.template = e.template and r.unit_code = e.unit_code
    left join report_units as n on n.unit_type = e.unit_type and n.unit_code = e.unit_code
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
