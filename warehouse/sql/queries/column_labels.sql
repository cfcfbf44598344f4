-- Every staged column's label in Chinese and English (dim_column, from the ETL contracts).
select table_name, column_name, label_zh, label_en
from dim_column
order by sort_order
