-- The last $periods values at each indicator's status grain, per area of the $levels (only the
-- children of $parent when it is given), up to $as_of, oldest first; plus each series' first
-- value (the baseline when the plan gives none).
with ranked as (
    select v.indicator_id, v.area_level, v.area_code, v.period_start, v.value,
           v.reporting_units, v.expected_units,
           row_number() over w_desc as rn_desc,
           row_number() over w_asc as rn_asc
    from indicator_values as v
    join dim_indicator as d
      on d.indicator_id = v.indicator_id and d.status_grain = v.period_grain
    where list_contains($levels, v.area_level)
      and ($parent::varchar is null
           or v.area_code in (select area_code from dim_area where parent_code = $parent))
      and v.period_start <= $as_of::date
      and v.value is not null
    window w_desc as (partition by v.indicator_id, v.area_code order by v.period_start desc),
           w_asc as (partition by v.indicator_id, v.area_code order by v.period_start)
),

final as (
    select indicator_id, area_level, area_code, period_start, value, reporting_units,
           expected_units
    from ranked
    where rn_desc <= $periods or rn_asc = 1
)

select * from final
order by indicator_id, area_level, area_code, period_start
