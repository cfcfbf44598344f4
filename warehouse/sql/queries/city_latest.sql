-- For the city: each indicator's latest value at its reporting grain (month, or year for
-- surveys) and the stage goal in force on $today (the nearest deadline not yet passed, else the
-- last one).
with city as (
    select area_code, name_zh
    from dim_area
    where area_level = 'city'
),

grain as (
    select indicator_id,
           case when grains like '%month%' then 'month' else 'year' end as period_grain
    from dim_indicator
),

latest as (
    select v.indicator_id, v.period_grain, v.period_start, v.value, v.reporting_units,
           v.expected_units, v.n, v.ci_low, v.ci_high, v.grade,
           row_number() over (partition by v.indicator_id order by v.period_start desc) as rn
    from indicator_values as v
    join city as c on c.area_code = v.area_code
    join grain as g on g.indicator_id = v.indicator_id and g.period_grain = v.period_grain
    where v.area_level = 'city' and v.value is not null
),

goals as (
    select s.indicator_id, s.stage_name, s.year, s.target_value, s.deadline,
           row_number() over (
               partition by s.indicator_id
               order by s.deadline < $today::date,
                        case when s.deadline >= $today::date then s.deadline end,
                        s.deadline desc
           ) as rn
    from stage_goals as s
    join city as c on c.area_code = s.area_code
),

final as (
    select d.sort_order, d.indicator_id, d.domain, d.domain_zh, d.name_zh, d.name_en, d.unit,
           d.direction, d.kind, d.format, c.name_zh as city_name,
           l.period_grain, l.period_start, l.value, l.reporting_units, l.expected_units, l.n,
           l.ci_low, l.ci_high, l.grade,
           g.stage_name, g.target_value, g.deadline
    from dim_indicator as d
    cross join city as c
    left join latest as l on l.indicator_id = d.indicator_id and l.rn = 1
    left join goals as g on g.indicator_id = d.indicator_id and g.rn = 1
)

select * from final
order by sort_order
