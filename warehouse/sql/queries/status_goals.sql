-- Every stage goal (city's and districts' own).
select indicator_id, area_code, stage_name, year, target_value, deadline
from stage_goals
order by indicator_id, area_code, deadline
