-- Light-trap sites in an area with their density over the 4 weeks up to $as_of and the alert
-- rule's threshold: $rule = 'goal' → $goal (the city's stage goal in force); 'baseline' →
-- $k × the site's own density in the same calendar month of earlier years.
with recent as (
    select site_code, sum(females)::double / nullif(sum(traps * nights), 0) as density,
           count(*) as trap_nights, max(survey_date) as last_date
    from stg_mosquito_light_trap
    where survey_date > $as_of::date - interval 28 day and survey_date <= $as_of::date
      and females is not null
    group by site_code
),

baseline as (
    select site_code, sum(females)::double / nullif(sum(traps * nights), 0) as same_month_before
    from stg_mosquito_light_trap
    where month(survey_date) = month($as_of::date) and year(survey_date) < year($as_of::date)
      and females is not null
    group by site_code
),

final as (
    select s.site_code, s.site_name, s.habitat, s.grid_code, s.lon, s.lat, r.density,
           r.trap_nights, r.last_date, b.same_month_before,
           case when $rule = 'baseline' then $k * b.same_month_before else $goal end as threshold
    from recent as r
    join dim_site as s on s.site_code = r.site_code
    join unit_area as ua
      on ua.unit_type = 'site' and ua.unit_code = s.site_code and ua.area_code = $area
    left join baseline as b on b.site_code = r.site_code
)

select *, coalesce(density > threshold, false) as over_alert
from final
order by density desc
