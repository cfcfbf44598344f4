-- Per template (its Chinese title, as etl_runs records it): the newest load and its file. A file
-- holding several templates counts for each of them.
with runs as (
    select unnest(string_split(template, '、')) as title_zh, run_id, file_name, finished_at
    from etl_runs
    where template is not null and template <> ''
),

ranked as (
    select title_zh, run_id, file_name, finished_at,
           row_number() over (partition by title_zh order by finished_at desc, run_id desc) as rn
    from runs
),

final as (
    select title_zh, run_id as last_run_id, file_name as last_file, finished_at as last_load_at
    from ranked
    where rn = 1
)

select * from final
order by title_zh
