-- stock: year-to-date / as-of counts take the period's last reported month (the latest month of
-- the period with any row city-wide); units missing that month are left out and counted as
-- not reporting, so completeness shows beside the value.
with facts as (
    select {{unit_column}} as unit_code, {{date_column}}::date as d,
           ({{numerator}})::double as num, ({{denominator}})::double as den
    from {{table}}
    where ({{numerator}}) is not null and ({{denominator}}) is not null
),

bucketed as (
    select unit_code, d, date_trunc('{{grain}}', d)::date as period_start, num, den
    from facts
),

last_month as (
    select period_start, max(d) as d
    from bucketed
    group by period_start
),

final as (
    select '{{indicator_id}}' as indicator_id, ua.area_level, ua.area_code,
           '{{grain}}' as period_grain, b.period_start,
           stable_sum(b.num) as numerator, stable_sum(b.den) as denominator,
           count(distinct b.unit_code) as reporting_units
    from bucketed as b
    join last_month as l on l.period_start = b.period_start and l.d = b.d
    join unit_area as ua on ua.unit_type = '{{unit}}' and ua.unit_code = b.unit_code
    where ua.area_level in ({{levels}})
    group by all
)

select *, case when denominator > 0 then numerator / denominator * {{multiplier}} end as value
from final
