-- Baselines anchored at the end of their year (an annual result).
select indicator_id, area_code, baseline_value, make_date(baseline_year, 12, 31) as baseline_date
from baselines
