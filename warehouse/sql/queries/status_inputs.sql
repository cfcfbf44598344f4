-- The last $periods values at each indicator's status grain, per area of the $levels (only the
-- children of $parent when it is given), as seen on $as_of, oldest first; plus each series'
-- first value (the baseline when the plan gives none). A period counts once it has ended by
-- $as_of; the period still running counts only when $as_of is on or after the warehouse's last
-- data (then it holds nothing later than $as_of). So a briefing for a past week never sees data
-- from after that week.
with data_end as (
    select max(period_start) + interval 6 day as d
    from indicator_values
    where period_grain = 'week'
),

ranked as (
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
      and (case v.period_grain
               when 'week' then v.period_start + interval 6 day
               when 'month' then v.period_start + interval 1 month - interval 1 day
               when 'quarter' then v.period_start + interval 3 month - interval 1 day
               else v.period_start + interval 1 year - interval 1 day
           end <= $as_of::date
           or $as_of::date >= coalesce((select d from data_end), $as_of::date))
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
