-- The assessment scheme (template 12) in force in the quarter starting $quarter: 生效季度 on or
-- before it and 截止季度 (if any) on or after it.
select object_type, item, measure, weight, method, effective_from, effective_until
from stg_assessment_scheme
where effective_from <= $quarter::date
  and (effective_until is null or effective_until >= $quarter::date)
order by object_type, effective_from, item
