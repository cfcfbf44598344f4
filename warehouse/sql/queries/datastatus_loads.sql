-- Per template: the newest load and its file. A file holding several templates counts for each
-- of them. etl_runs names templates by id (earlier loads by their Chinese title: matched too).
with runs as (
    select unnest(string_split(template, '、')) as name, run_id, file_name, finished_at
    from etl_runs
    where template is not null and template <> ''
),

named as (
    select coalesce(d.template, t.template, r.name) as template, r.run_id, r.file_name,
           r.finished_at
    from runs as r
    left join dim_template as d on d.template = r.name
    left join dim_template as t on t.title_zh = r.name
),

ranked as (
    select template, run_id, file_name, finished_at,
           row_number() over (partition by template order by finished_at desc, run_id desc) as rn
    from named
),

final as (
    select template, run_id as last_run_id, file_name as last_file, finished_at as last_load_at
    from ranked
    where rn = 1
)

select * from final
order by template
