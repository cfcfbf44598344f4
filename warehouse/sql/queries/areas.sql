-- Every area with its level, parent and name, for filters and labels.
select area_code, area_level, parent_code, name_zh, name_en
from dim_area
order by area_code
