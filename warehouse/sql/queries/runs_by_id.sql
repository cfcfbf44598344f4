-- Loads (etl_runs) by id: which file (of which template, by its number and title), when, how
-- many rows read, loaded and rejected.
select r.run_id, r.file_name, r.template,
       coalesce(d.number || ' ' || d.title_zh, r.template) as template_zh,
       coalesce(d.number || ' ' || d.title_en, r.template) as template_en,
       r.finished_at, r.rows_read, r.rows_loaded, r.rows_rejected, r.data_version
from etl_runs as r
left join dim_template as d on d.template = r.template
where list_contains($ids, r.run_id)
order by r.run_id
