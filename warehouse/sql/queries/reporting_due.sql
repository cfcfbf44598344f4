-- Reports due in [$start, $end] (the reporting rule, warehouse/reporting.py): for each periodic
-- template (one with a reporting unit) and each of its periods that at least one unit reported
-- (a period nobody reported — out of season, or a template never sent — is shown on the data
-- status page, not here), whose due day (the period's last day + $due_days) falls in the
-- window: every unit expected in $area, with its district and street, and whether its report
-- for that period is in the warehouse.
with periods as (
    select distinct r.template, t.period_grain, r.period_start
    from report_periods as r
    join report_templates as t on t.template = r.template
),

ends as (
    select template, period_grain, period_start,
           case period_grain
               when 'week' then period_start + 6
               when 'half_month' then if(day(period_start) = 1, period_start + 14,
                                         last_day(period_start))
               when 'month' then last_day(period_start)
               when 'quarter' then (period_start + interval 3 month - interval 1 day)::date
               else make_date(year(period_start), 12, 31)
           end as period_end
    from periods
),

due as (
    select *, (period_end + $due_days::int) as due_on
    from ends
    where (period_end + $due_days::int) between $start::date and $end::date
),

expected as (
    select d.template, t.template_no, t.title_zh, t.title_en, t.department_zh, t.department_en,
           d.period_grain, d.period_start, d.period_end, d.due_on, u.unit_type, u.unit_code
    from due as d
    join report_templates as t on t.template = d.template
    join unit_area as u on u.unit_type = t.unit_type and u.area_code = $area
),

received as (
    select distinct template, unit_code, period_start
    from report_periods
),

final as (
    select e.*, n.unit_name, dist.area_code as district_code, str.area_code as street_code,
           r.unit_code is not null as reported
    from expected as e
    left join received as r
        on r.template = e.template and r.unit_code = e.unit_code
       and r.period_start = e.period_start
    left join report_units as n on n.unit_type = e.unit_type and n.unit_code = e.unit_code
    left join unit_area as dist
        on dist.unit_type = e.unit_type and dist.unit_code = e.unit_code
       and dist.area_level = 'district'
    left join unit_area as str
        on str.unit_type = e.unit_type and str.unit_code = e.unit_code
       and str.area_level = 'street'
)

select * from final
order by template_no, period_start, unit_code
