-- register (9a 创建单位名录 over 9b 创建基数): a creation rate is a stock, read on each period's
-- last day E: the units of the type (derive.where) whose designation holds on E (the macro
-- designation_holds: named by E, not past 有效期至, not revoked by E; 创建中 never) over the
-- base of the kind (derive.base) the districts gave for E's year; the city adds its districts
-- up. A revoked unit counts for the days it was named.
-- Periods run through every year that has a base, so a year's months exist once its base is in
-- (a period counts only once it has ended: closes_on).
with base as (
    select ua.area_level, ua.area_code, b.year, stable_sum(b.{{base}}) as base
    from {{base_table}} as b
    join unit_area as ua on ua.unit_type = 'area' and ua.unit_code = b.area_code
    where ua.area_level in ({{levels}}) and b.{{base}} is not null
    group by all
),

periods as (
    select unnest(generate_series(
        (select make_date(min(year)::int, 1, 1) from base),
        (select make_date(max(year)::int, 12, 31) from base),
        interval '{{step}}'
    ))::date as period_start
),

ends as (
    select period_start, (period_start + interval '{{step}}' - interval '1 day')::date as period_end
    from periods
),

units as (
    select {{unit_column}} as unit_code, status, named_date, valid_until, revoked_date
    from {{table}}
    where {{where}} and named_date is not null
),

counted as (
    select ua.area_level, ua.area_code, e.period_start, count(*) as named
    from ends as e
    join units as u
      on designation_holds(u.status, u.named_date, u.valid_until, u.revoked_date, e.period_end)
    join unit_area as ua on ua.unit_type = '{{unit}}' and ua.unit_code = u.unit_code
    where ua.area_level in ({{levels}})
    group by all
),

final as (
    select '{{indicator_id}}' as indicator_id, b.area_level, b.area_code,
           '{{grain}}' as period_grain, e.period_start,
           coalesce(c.named, 0)::double as numerator, b.base as denominator,
           null::bigint as reporting_units
    from ends as e
    join base as b on b.year = year(e.period_start)
    left join counted as c
      on c.area_level = b.area_level and c.area_code = b.area_code
     and c.period_start = e.period_start
    where b.base > 0
)

select *, numerator / denominator * 100 as value
from final
