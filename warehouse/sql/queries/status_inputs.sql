-- The last $periods complete values of each indicator (or of $indicators) at its status grain
-- (or at $grain), per area of the $levels (only the children of $parent when it is given), as
-- seen on $as_of, oldest first; plus each series' first value (the baseline when the plan gives
-- none). A period is complete once its close day (indicator_values.closes_on) is on or before
-- $as_of — never because of what has been loaded since — so a briefing for a past week never
-- sees data from after that week and never changes when later periods arrive.
with ranked as (
    select v.indicator_id, v.area_level, v.area_code, v.period_grain, v.period_start, v.value,
           v.reporting_units, v.expected_units,
           row_number() over w_desc as rn_desc,
           row_number() over w_asc as rn_asc
    from indicator_values as v
    join dim_indicator as d
      on d.indicator_id = v.indicator_id
     and v.period_grain = coalesce($grain::varchar, d.status_grain)
    where list_contains($levels, v.area_level)
      and ($parent::varchar is null
           or v.area_code in (select area_code from dim_area where parent_code = $parent))
      and ($indicators::varchar[] is null or list_contains($indicators, v.indicator_id))
      and v.closes_on <= $as_of::date
      and v.value is not null
    window w_desc as (partition by v.indicator_id, v.area_code order by v.period_start desc),
           w_asc as (partition by v.indicator_id, v.area_code order by v.period_start)
),

final as (
    select indicator_id, area_level, area_code, period_grain, period_start, value,
           reporting_units, expected_units
    from ranked
    where rn_desc <= $periods or rn_asc = 1
)

select * from final
order by indicator_id, area_level, area_code, period_start
