-- ledger (积水点台账): as of each period's end E (capped at the ledger's latest date), points
-- found by E and, of those, points whose status is 已销号 with 销号日期 ≤ E.
with points as (
    select grid_code as unit_code, found_date,
           case when status = '已销号' then eliminated_date end as eliminated_on
    from {{table}}
),

as_of as (
    select max(greatest(found_date, coalesce(eliminated_date, found_date))) as d
    from {{table}}
),

periods as (
    select unnest(generate_series(
        (select date_trunc('{{grain}}', min(found_date)) from {{table}}),
        (select date_trunc('{{grain}}', d) from as_of),
        interval '{{step}}'
    ))::date as period_start
),

ends as (
    select period_start,
           least((period_start + interval '{{step}}' - interval '1 day')::date,
                 (select d from as_of)) as period_end
    from periods
),

counted as (
    select ua.area_level, ua.area_code, e.period_start,
           count(*) filter (where p.eliminated_on <= e.period_end) as eliminated,
           count(*) as found
    from ends as e
    join points as p on p.found_date <= e.period_end
    join unit_area as ua on ua.unit_type = 'grid' and ua.unit_code = p.unit_code
    where ua.area_level in ({{levels}})
    group by all
),

final as (
    select '{{indicator_id}}' as indicator_id, area_level, area_code,
           '{{grain}}' as period_grain, period_start,
           {{numerator}}::double as numerator, {{denominator}}::double as denominator,
           null::bigint as reporting_units
    from counted
)

select *, {{value}} as value
from final
