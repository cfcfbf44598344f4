-- survey: weighted share of respondents at or above 80% of the score's maximum, with the
-- unweighted n and a 95% Wilson interval on Kish's effective sample size (Σw)² / Σw².
with facts as (
    select {{unit_column}} as unit_code, make_date({{date_column}}::int, 1, 1) as period_start,
           weight::double as w,
           case when {{score}} >= {{threshold}} then 1.0 else 0.0 end as y
    from {{table}}
    where {{score}} is not null and weight is not null
),

summed as (
    select ua.area_level, ua.area_code, f.period_start,
           sum(f.w * f.y) as numerator, sum(f.w) as denominator, sum(f.w * f.w) as w2,
           count(*) as n, count(distinct f.unit_code) as reporting_units
    from facts as f
    join unit_area as ua on ua.unit_type = '{{unit}}' and ua.unit_code = f.unit_code
    where ua.area_level in ({{levels}})
    group by all
),

wilson as (
    select *, numerator / denominator as p, denominator * denominator / w2 as n_eff,
           1.959963984540054 as z
    from summed
),

final as (
    select '{{indicator_id}}' as indicator_id, area_level, area_code,
           'year' as period_grain, period_start, numerator, denominator, reporting_units,
           p * 100 as value, n,
           -- NOTE: the bounds are exact at p = 0 and p = 1; the formula leaves 1e-15 residues.
           case when p = 0 then 0 else 100 * greatest(0, (p + z * z / (2 * n_eff)
               - z * sqrt(p * (1 - p) / n_eff + z * z / (4 * n_eff * n_eff)))
               / (1 + z * z / n_eff)) end as ci_low,
           case when p = 1 then 100 else 100 * least(1, (p + z * z / (2 * n_eff)
               + z * sqrt(p * (1 - p) / n_eff + z * z / (4 * n_eff * n_eff)))
               / (1 + z * z / n_eff)) end as ci_high
    from wilson
)

select * from final
