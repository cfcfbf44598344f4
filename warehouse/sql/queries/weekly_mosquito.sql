-- Mosquitoes for the weekly briefing, for $area and its children: light-trap density in the
-- week starting $monday and in the same ISO week a year earlier ($monday_last_year), and the
-- route index with its grade (A/B/C/D, C = the pass line) in the week.
with areas as (
    select area_code, area_level, name_zh
    from dim_area
    where area_code = $area or parent_code = $area
),

v as (
    select indicator_id, area_code, period_start, value, grade, reporting_units, expected_units
    from indicator_values
    where period_grain = 'week'
      and indicator_id in ('mosq_light_trap_density', 'route_index')
      and period_start in ($monday::date, $monday_last_year::date)
),

final as (
    select a.area_code, a.area_level, a.name_zh,
           d.value as density, d.reporting_units as density_sites,
           d.expected_units as density_sites_expected,
           ly.value as density_last_year,
           r.value as route_index, r.grade as route_grade, r.reporting_units as route_streets,
           r.expected_units as route_streets_expected
    from areas as a
    left join v as d on d.area_code = a.area_code and d.indicator_id = 'mosq_light_trap_density'
                    and d.period_start = $monday::date
    left join v as ly on ly.area_code = a.area_code and ly.indicator_id = 'mosq_light_trap_density'
                     and ly.period_start = $monday_last_year::date
    left join v as r on r.area_code = a.area_code and r.indicator_id = 'route_index'
                    and r.period_start = $monday::date
)

select * from final
order by area_level = 'city' desc, area_code
