-- Earlier missed reports: for each periodic reporting template, the units in $area that did not
-- report in a period before the latest one, although other units did (so out-of-season months
-- never count) and the unit had already reported before (so a new unit is not blamed for the
-- time before it existed). Each gap says whether the unit reported again later.
with periods as (
    select distinct template, period_start
    from report_periods
),

latest as (
    select template, max(period_start) as period_start
    from report_periods
    group by template
),

unit_span as (
    select template, unit_code, min(period_start) as first_period,
           max(period_start) as last_period
    from report_periods
    group by template, unit_code
),

candidates as (
    select t.template, t.template_no, t.period_grain, t.unit_type, p.period_start,
           s.unit_code, s.last_period
    from report_templates as t
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
    anti join report_periods as r
      on r.template = c.template and r.unit_code = c.unit_code
     and r.period_start = c.period_start
),

final as (
    select g.template, g.template_no, g.period_grain, g.period_start, g.unit_type, g.unit_code,
           n.unit_name, n.district_name, g.last_period > g.period_start as reported_later
    from gaps as g
    left join report_units as n on n.unit_type = g.unit_type and n.unit_code = g.unit_code
)

select * from final
order by template_no, period_start desc, unit_code
