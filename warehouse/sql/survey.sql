-- survey: weighted share of respondents at or above the fact's pass share of the score's maximum
-- (literacy: 80%; satisfaction: 很满意 or 满意), with the unweighted n and a 95% Wilson interval
-- (macros.sql) on Kish's effective sample size (Σw)² / Σw². {{period_start}} puts each respondent
-- in the period (derive.py: a survey year, or a survey date truncated to the grain); a year pools
-- the respondents of its quarters, never averages the quarters' values.
with facts as (
    select {{unit_column}} as unit_code, {{period_start}} as period_start,
           weight::double as w,
           case when {{score}} >= {{threshold}} then 1.0 else 0.0 end as y
    from {{table}}
    where {{score}} is not null and weight is not null
),

summed as (
    select ua.area_level, ua.area_code, f.period_start,
           stable_sum(f.w * f.y) as numerator, stable_sum(f.w) as denominator, stable_sum(f.w * f.w) as w2,
           count(*) as n, count(distinct f.unit_code) as reporting_units
    from facts as f
    join unit_area as ua on ua.unit_type = '{{unit}}' and ua.unit_code = f.unit_code
    where ua.area_level in ({{levels}})
    group by all
),

final as (
    select '{{indicator_id}}' as indicator_id, area_level, area_code,
           '{{grain}}' as period_grain, period_start, numerator, denominator, reporting_units,
           numerator / denominator * 100 as value, n,
           wilson_low(numerator / denominator, denominator * denominator / w2) as ci_low,
           wilson_high(numerator / denominator, denominator * denominator / w2) as ci_high
    from summed
)

select * from final
