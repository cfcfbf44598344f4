-- ledger (积水点台账, 督查问题台账): for each period [S, E] (E capped at the ledger's latest date)
-- and area, the items that belong to the measure's population (`member`) and, of those, the ones
-- that count (`hit`); warehouse/derive.py LEDGER fills both per measure:
--   as of E      members = found by E;  hits = 已销号 with 销号日期 ≤ E (or: overdue on E)
--   cohort C     members = open on C (found by C, not 已销号 by C), once E ≥ C;  hits as above
--   closures     members = 已销号 in [S, E] (of one class);  hits = closed within N days of found,
--                or by the item's 整改时限
-- An item whose status is not 已销号 has no closing date here. {{items}} is the table the fact's
-- ledger reads; {{closed}}, {{class}}, {{deadline}} its columns; {{by}} a breakdown column (or
-- null for the whole).
with points as (
    select grid_code as unit_code, {{class}} as point_class, found_date,
           {{deadline}} as deadline, {{by}} as breakdown,
           ledger_closed_on(status, {{closed}}) as eliminated_on
    from {{items}}
),

as_of as (
    select max(ledger_reach(found_date, {{closed}})) as d
    from {{items}}
),

periods as (
    select unnest(generate_series(
        (select date_trunc('{{grain}}', min(found_date)) from {{items}}),
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
    select ua.area_level, ua.area_code, p.breakdown, e.period_start,
           count(*) filter (where {{hit}}) as hits,
           count(*) as members
    from ends as e
    join points as p on {{member}}
    join unit_area as ua on ua.unit_type = 'grid' and ua.unit_code = p.unit_code
    where ua.area_level in ({{levels}})
    group by all
),

final as (
    select '{{indicator_id}}' as indicator_id, area_level, area_code, breakdown,
           '{{grain}}' as period_grain, period_start,
           {{numerator}}::double as numerator, {{denominator}}::double as denominator,
           null::bigint as reporting_units
    from counted
)

select *, {{value}} as value
from final
