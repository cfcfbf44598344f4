"""Strings of the 健康细胞与控烟 page (healthy cells, sanitary and smoke-free units)."""

TYPES = {
    "健康机关": "Healthy organs", "健康社区": "Healthy communities",
    "健康村庄": "Healthy villages", "健康学校": "Healthy schools", "健康医院": "Healthy hospitals",
    "健康企业": "Healthy enterprises", "卫生先进单位": "Sanitary model units",
    "卫生村": "Sanitary villages", "卫生镇": "Sanitary towns",
    "无烟党政机关": "Smoke-free party and government organs",
    "无烟医疗卫生机构": "Smoke-free health institutions", "无烟学校": "Smoke-free schools",
}
LEVELS = {"市级": "City level", "省级": "Provincial", "国家级": "National"}

STRINGS = {
    **{f"creation.type.{zh}": {"zh": zh, "en": en} for zh, en in TYPES.items()},
    **{f"creation.level.{zh}": {"zh": zh, "en": en} for zh, en in LEVELS.items()},
    "creation.group.healthy": {"zh": "健康细胞", "en": "Healthy cells"},
    "creation.group.sanitary": {"zh": "卫生创建", "en": "Sanitary units, villages, towns"},
    "creation.group.smoke_free": {"zh": "无烟单位", "en": "Smoke-free units"},
    "creation.rates": {"zh": "各类创建建成率（{period}，按区域）",
                       "en": "Creation rates by type and area ({period})"},
    "creation.rates_help": {
        "zh": "创建单位名录（模板 9a）中期末仍有效的单位（已命名或已复核，未过有效期、未撤销）"
              "除以创建基数（模板 9b）的对应数量；格子颜色是该区域该指标当期的状态（对照阶段目标"
              "与进度线）。",
        "en": "Units of the register (template 9a) whose designation still holds at the period's "
              "end (named or reviewed, not expired, not revoked) over the matching base count "
              "(template 9b); each cell's colour is that area's status for the period (against "
              "the stage goal and the glide path)."},
    "creation.rates_none": {"zh": "所选区域在统计截至日期前没有创建基数或创建单位数据。",
                            "en": "No creation bases or register for this area by the as-of "
                                  "date."},
    "creation.col.type": {"zh": "创建类型", "en": "Type"},
    "creation.col.area": {"zh": "区域", "en": "Area"},
    "creation.col.rate": {"zh": "建成率", "en": "Rate"},
    "creation.counts": {"zh": "有效命名单位数（截至 {date}，按级别）",
                        "en": "Units with a designation in force on {date}, by level"},
    "creation.col.total": {"zh": "合计", "en": "Total"},
    "creation.map": {"zh": "有效命名单位分布", "en": "Where the named units are"},
    "creation.map_missing": {"zh": "另有 {n} 个有效命名单位未填写坐标，未在地图上显示。",
                             "en": "{n} more units with a designation in force have no "
                                   "coordinates and are not on the map."},
    "creation.map_none": {"zh": "所选区域没有带坐标的有效命名单位。",
                          "en": "No unit with a designation in force has coordinates here."},
    "creation.tip.type": {"zh": "创建类型", "en": "Type"},
    "creation.tip.level": {"zh": "级别", "en": "Level"},
    "creation.tip.until": {"zh": "有效期至", "en": "Valid until"},
    "creation.tip.street": {"zh": "街道", "en": "Street"},
    "creation.tip.street_units": {"zh": "街道有效命名单位汇总",
                                  "en": "Units in force of the street"},
    "creation.tip.units": {"zh": "有效命名单位", "en": "Units in force"},
    "creation.many_units": {"zh": "有效命名单位（{n} 个）", "en": "units in force ({n})"},
    "creation.legend_streets": {"zh": "街道汇总：圆圈越大单位越多，颜色为其中最多的类别",
                                "en": "Street totals: the larger the circle, the more units; "
                                      "coloured by the group most of them belong to"},
    "creation.expiring": {"zh": "{days} 天内到期的命名（{n} 个）",
                          "en": "Designations expiring within {days} days ({n})"},
    "creation.expiring_help": {
        "zh": "有效期至落在统计截至日期之后 {days} 天内、尚未复核的命名；到期后不再计入建成率。",
        "en": "Designations whose valid-until date falls within {days} days after the as-of "
              "date; once expired they no longer count in the rates."},
    "creation.expiring_none": {"zh": "{days} 天内没有到期的命名。",
                               "en": "No designation expires within {days} days."},
    "creation.lapsed": {"zh": "另有 {n} 个命名已过有效期未复核，已不计入建成率。",
                        "en": "{n} more designations have expired without review and no longer "
                              "count."},
    "creation.col.unit": {"zh": "单位", "en": "Unit"},
    "creation.col.code": {"zh": "单位编码", "en": "Unit code"},
    "creation.col.street": {"zh": "街道", "en": "Street"},
    "creation.col.level": {"zh": "级别", "en": "Level"},
    "creation.col.until": {"zh": "有效期至", "en": "Valid until"},
    "creation.col.days_left": {"zh": "剩余天数", "en": "Days left"},
    "creation.tobacco": {"zh": "控烟与健康知识获取（健康素养监测）",
                         "en": "Tobacco control and health information (literacy survey)"},
    "creation.tobacco_help": {
        "zh": "健康素养监测（模板 6）的“是否吸烟”“健康知识主要获取渠道”两列：15–69 岁加权吸烟率"
              "与新媒体获取率，附样本量与 95% 置信区间；未填这两列的年份没有数值。",
        "en": "The literacy survey's optional columns (smoker; main health-information channel, "
              "template 6): the weighted smoking rate at ages 15–69 and the new-media share, "
              "with n and the 95% CI; a year without the columns has no value."},
    "creation.ci": {"zh": "n = {n}，95% 置信区间 {low}–{high}",
                    "en": "n = {n}, 95% CI {low}–{high}"},
}
