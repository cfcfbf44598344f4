-- Per template (its Chinese title, as etl_runs records it): the newest load, its file, and how
-- many loads and rejected rows the template has had. A file holding several templates counts
-- for each of them.
with runs as (
    select unnest(string_split(template, '、')) as title_zh, run_id, file_name, finished_at,
           rows_rejected
    from etl_runs
    where template is not null and template <> ''
),

ranked as (
    select title_zh, run_id, file_name, finished_at,
           row_number() over (partition by title_zh order by finished_at desc, run_id desc) as rn,
           count(*) over (partition by title_zh) as n_loads,
           sum(rows_rejected) over (partition by title_zh) as rows_rejected
    from runs
),

final as (
    select title_zh, run_id as last_run_id, file_name as last_file, finished_at as last_load_at,
           n_loads, rows_rejected
    from ranked
    where rn = 1
)

select * from final
order by title_zh
