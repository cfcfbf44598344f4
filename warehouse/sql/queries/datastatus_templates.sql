-- Every template, city-wide, in document order (1, 2a, 2b, … 7): its number, rhythm, the grain of
-- its periods, the latest period loaded and the rows it holds (dim_template and the
-- template_periods view generated from it). Directories and plan files have no period;
-- `spreadsheet` templates have a blank XLSX (the geography comes as GeoJSON).
select d.template, d.sort_order, d.number as template_no, d.title_zh, d.title_en, d.rhythm,
       d.period_grain, case when p.n_rows > 0 then p.latest_period end as latest_period,
       coalesce(p.n_rows, 0) as n_rows, d.spreadsheet
from dim_template as d
left join template_periods as p on p.template = d.template
order by d.sort_order
