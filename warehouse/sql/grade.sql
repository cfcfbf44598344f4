-- grade (3e 病媒生物密度控制水平): an area's grade for a period is the worst grade of every row
-- in it — each method, each assessor, each survey date, and every area inside it (a district
-- reads its own rows and its streets'; the city every row): a district is never better than any
-- part of it that was found wanting. The ordinal turns the grade column into its place in the
-- fact's scale (A = 1 … D = 4); the where clause keeps one pest (or, for a count, every pest listed).
-- value: the worst place (one pest), or — with derive.each — the number of the listed pests whose
-- worst grade is at the pass line or better (numerator), out of the pests listed (denominator):
-- a pest not surveyed that period does not pass.
with facts as (
    select {{unit_column}} as unit_code, {{date_column}}::date as d, {{part}} as part,
           {{ordinal}} as place
    from {{table}}
    where {{where}}
),

bucketed as (
    select unit_code, date_trunc('{{grain}}', d)::date as period_start, part, place
    from facts
    where place is not null
),

per_part as (
    select ua.area_level, ua.area_code, b.period_start, b.part, max(b.place) as worst,
           count(distinct b.unit_code) as units
    from bucketed as b
    join unit_area as ua on ua.unit_type = '{{unit}}' and ua.unit_code = b.unit_code
    where ua.area_level in ({{levels}})
    group by all
),

final as (
    select '{{indicator_id}}' as indicator_id, area_level, area_code,
           '{{grain}}' as period_grain, period_start,
           {{numerator}} as numerator, {{denominator}} as denominator,
           max(units) as reporting_units
    from per_part
    group by all
)

select *, {{value}} as value
from final
