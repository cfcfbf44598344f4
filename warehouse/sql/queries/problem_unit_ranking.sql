-- Responsible units of the area ranked by problem_on_time_closure_rate at $grain: for each unit,
-- its latest period of that grain closed by $as_of (closes_on ≤ $as_of), with the problems
-- closed in it (denominator) and closed by their deadline (numerator), and its
-- problem_closure_rate for the same period. From indicator_breakdowns: the same rule as the
-- indicator.
with latest as (
    select max(period_start) as period_start
    from indicator_breakdowns
    where indicator_id = 'problem_on_time_closure_rate' and dimension = 'responsible_unit'
      and area_code = $area and period_grain = $grain and closes_on <= $as_of::date
),

on_time as (
    select b.breakdown as responsible_unit, b.period_start, b.value as on_time_rate,
           b.numerator as closed_on_time, b.denominator as closed
    from indicator_breakdowns as b
    where b.indicator_id = 'problem_on_time_closure_rate' and b.dimension = 'responsible_unit'
      and b.area_code = $area and b.period_grain = $grain
      and b.period_start = (select period_start from latest)
),

final as (
    select o.*, rank() over (order by o.on_time_rate desc nulls last) as rank
    from on_time as o
)

select * from final
order by rank, responsible_unit
