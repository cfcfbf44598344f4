-- flow: sum numerators and denominators over the period's rows and the area's units.
with facts as (
    select {{unit_column}} as unit_code, {{date_column}}::date as d,
           ({{numerator}})::double as num, ({{denominator}})::double as den
    from {{table}}
    where ({{numerator}}) is not null and ({{denominator}}) is not null
),

bucketed as (
    select unit_code, date_trunc('{{grain}}', d)::date as period_start, num, den
    from facts
),

final as (
    select '{{indicator_id}}' as indicator_id, ua.area_level, ua.area_code,
           '{{grain}}' as period_grain, b.period_start,
           stable_sum(b.num) as numerator, stable_sum(b.den) as denominator,
           count(distinct b.unit_code) as reporting_units
    from bucketed as b
    join unit_area as ua on ua.unit_type = '{{unit}}' and ua.unit_code = b.unit_code
    where ua.area_level in ({{levels}})
    group by all
)

select *, case when denominator > 0 then numerator / denominator * {{multiplier}} end as value
from final
