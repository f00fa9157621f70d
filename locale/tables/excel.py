"""zh-Hans of the Excel ledgers: safe exports, capped imports, previews, background jobs."""

T = {
    # --- reading and checking (core/excel.py) ---
    "(clear)": "<清空>",
    "The file unpacks to more than %(limit)s MB; split it.": "文件解压后超过 %(limit)s MB，请拆分后再导入。",
    "The file goes on beyond row %(row)s; remove the empty rows or split it.": (
        "文件在第 %(row)s 行之后仍有内容，请删除多余的空行或拆分文件。"
    ),
    "The database refused this row: %(reason)s. Nothing was written; the rows after it were not checked.": (
        "数据库拒绝了这一行：%(reason)s。未写入任何数据，其后的行未检查。"
    ),
    "The database refused the rows: %(reason)s. Nothing was written.": (
        "数据库拒绝写入这些行：%(reason)s。未写入任何数据。"
    ),
    # --- pages (core/excel_views.py, templates/core/import*.html) ---
    "Rows to look at (they import as they are)": "请留意的行（仍按原样导入）",
    "Warnings": "提示",
    "The job failed: %(reason)s": "任务失败：%(reason)s",
    "This check has expired or was already imported; check the file again.": (
        "这次检查已过期或已导入，请重新检查文件。"
    ),
    "Problems": "问题",
    "Download the template": "下载导入模板",
    "Confirm the import": "确认导入",
    "The checked rows of “%(name)s” are kept for you on the server: confirming writes exactly them, checked once more against your jurisdiction; if anything changed since, nothing is written and the problems are shown.": (
        "“%(name)s”中已检查的行已为您暂存在服务器上：确认后将按您的管辖范围再核对一次，并原样写入；"
        "如其间数据有变，不写入任何数据，并列出问题。"
    ),
    "Download the error report": "下载错误报告",
    "What the import changes": "导入将作的改动",
    "Changes (before → after)": "改动（原值 → 新值）",
    "a new record with the row's values": "按该行数据新增一条记录",
    "Use the columns of the template; the first row holds the headers.": (
        "请按导入模板的列填写，第一行为表头。"
    ),
    "A blank cell leaves the stored value as it is; write %(marker)s in a cell to empty that field.": (
        "空白单元格表示保留原值；如需清空某项，请在单元格中填写 %(marker)s。"
    ),
    "At most %(max)s rows; a file of more than %(background)s rows is checked in the background.": (
        "每次最多 %(max)s 行；超过 %(background)s 行的文件在后台检查。"
    ),
    "Checking writes nothing: you see every problem of every row and every change first, and the import happens only if every row is good.": (
        "检查不会写入任何数据：您会先看到每一行的全部问题和每一处改动，只有全部行无误时才会导入。"
    ),
    "Importing will add %(created)s new and update %(updated)s existing records (%(unchanged)s unchanged). Nothing has been written yet.": (
        "导入将新增 %(created)s 条、更新 %(updated)s 条已有记录（%(unchanged)s 条无变化）。目前尚未写入任何数据。"
    ),
    "Progress": "进度",
    "%(done)s of %(total)s rows.": "已处理 %(done)s / %(total)s 行。",
    "This runs in the background: you may leave this page and come back; the result waits here for you.": (
        "任务在后台运行：您可以离开本页稍后再来，结果会保留在这里。"
    ),
    "Download the Excel file": "下载 Excel 文件",
    # --- jobs ---
    "Background jobs": "后台任务",
    "Excel export": "Excel 导出",
    "Excel import": "Excel 导入",
    "Queued": "排队中",
    "Running": "进行中",
    "Checked, waiting for confirmation": "已检查，待确认",
    "Checked, has bad rows": "已检查，有错误行",
    "Done": "已完成",
    "job status\x04Failed": "失败",
    "owner": "所有人",
    "model": "数据类型",
    "app_label.model_name": "应用标签.模型名",
    "ledger": "台账",
    "write after checking": "检查后写入",
    "rows in all": "总行数",
    "rows done": "已处理行数",
    "payload": "数据",
    "file": "文件",
    "file name": "文件名",
    "message": "消息",
    "created at": "创建时间",
    "finished at": "完成时间",
    "expires at": "过期时间",
    "Excel job": "Excel 任务",
    "Excel jobs": "Excel 任务",
}

P = {
    "And %(counter)s more bad row: see the error report.": "另有 %(counter)s 行有误，详见错误报告。",
    "And %(counter)s more row to add or update.": "另有 %(counter)s 行将新增或更新。",
    "And %(counter)s more row with a warning.": "另有 %(counter)s 行有提示。",
}
