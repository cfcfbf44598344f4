-- Light-trap sites of the area with their density in the 4 weeks up to $as_of
-- (Σ雌蚊数 / Σ(布灯数 × 监测夜数) over surveys in [$as_of − 27 days, $as_of]), the city's stage
-- goal for mosq_light_trap_density in force on $as_of (view goals_in_force: the nearest
-- deadline ≥ $as_of, else the last), the site's own density in the same calendar month of
-- earlier years, and the alert:
-- $rule 'goal' = density above the goal; 'baseline' = density above $k × that baseline.
with sites as (
    select s.site_code, s.site_name, s.habitat, s.lon, s.lat, s.grid_code
    from dim_site as s
    join unit_area as ua
      on ua.unit_type = 'site' and ua.unit_code = s.site_code and ua.area_code = $area
),

surveys as (
    select site_code, survey_date, females, traps * nights as trap_nights
    from stg_mosquito_light_trap
    where females is not null and traps is not null and nights is not null
),

recent as (
    select site_code, sum(females) as females, sum(trap_nights) as trap_nights,
           count(*) as surveys, max(survey_date) as last_survey
    from surveys
    where survey_date between $as_of::date - 27 and $as_of::date
    group by site_code
),

same_month as (
    select site_code, sum(females) / sum(trap_nights) as baseline_density,
           count(distinct year(survey_date)) as baseline_years
    from surveys
    where month(survey_date) = month($as_of::date) and year(survey_date) < year($as_of::date)
    group by site_code
),

goal as (
    select g.target_value, g.stage_name, g.deadline
    from goals_in_force as g
    join dim_area as a on a.area_code = g.area_code and a.area_level = 'city'
    where g.indicator_id = 'mosq_light_trap_density'
    order by g.deadline < $as_of::date,
             case when g.deadline >= $as_of::date then g.deadline end,
             g.deadline desc
    limit 1
),

scored as (
    select s.*, r.surveys, r.last_survey, r.females, r.trap_nights,
           r.females / nullif(r.trap_nights, 0) as density,
           m.baseline_density, m.baseline_years,
           goal.target_value as goal, goal.stage_name, goal.deadline
    from sites as s
    left join recent as r on r.site_code = s.site_code
    left join same_month as m on m.site_code = s.site_code
    left join goal on true
),

final as (
    select *,
           coalesce(case when $rule = 'baseline' then density > $k * baseline_density
                         else density > goal end, false) as alert
    from scored
)

select * from final
order by site_code
