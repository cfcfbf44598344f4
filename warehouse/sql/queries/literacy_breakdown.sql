-- Weighted literacy (score ≥ $threshold) by one grouping ($dim: age_group, sex, education,
-- urban_rural) for an area and survey year, with n and the 95% Wilson interval (macros.sql).
with facts as (
    select case $dim
               when 'sex' then h.sex
               when 'education' then h.education
               when 'urban_rural' then h.urban_rural
               else case when h.age < 25 then '15–24' when h.age < 35 then '25–34'
                         when h.age < 45 then '35–44' when h.age < 55 then '45–54'
                         when h.age < 65 then '55–64' else '65–69' end
           end as grp,
           h.weight as w,
           case when h.total_score >= $threshold then 1.0 else 0.0 end as y
    from stg_health_literacy as h
    join unit_area as ua
      on ua.unit_type = 'street' and ua.unit_code = h.street_code and ua.area_code = $area
    where h.survey_year = $year
),

summed as (
    select grp, sum(w * y) / sum(w) as p, sum(w) * sum(w) / sum(w * w) as n_eff, count(*) as n
    from facts
    group by grp
),

final as (
    select grp as "group", p * 100 as value, wilson_low(p, n_eff) as ci_low,
           wilson_high(p, n_eff) as ci_high, n
    from summed
)

select * from final
order by "group"
