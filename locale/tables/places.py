"""zh-Hans translations of the places strings: city level, landlords, grades' effective dates,
sectors, principals, inspection intervals in months, agreement documents."""

T = {
    # --- inspection intervals ---
    "inspection interval (months)": "检查周期（月）",
    "Calendar months between two routine inspections of an enterprise of this grade "
    "(1 monthly, 3 quarterly, 6 half-yearly, 12 yearly).": (
        "该等级企业两次例行检查之间相隔的自然月数（1 为每月，3 为每季度，6 为每半年，12 为每年）。"
    ),
    # --- city level ---
    "City": "市",
    "Only a city or a district may stand at the top of the tree.": "只有市或区可以作为最上级区域。",
    # --- landlords and agreements ---
    "premises landlord (organization)": "出租方（单位）",
    "The village committee, park operator or other body whose premises this one rents, "
    "when the landlord is not an enterprise.": (
        "出租方不是企业时，填写出租场地的村（居）委会、园区运营方等单位。"
    ),
    "landlord (organization)": "出租方（单位）",
    "Lease": "租赁（出租–承租）",
    "Contracting": "承包（发包–承包）",
    "A landlord is an enterprise or an organization, not both.": "出租方是企业或单位，只能填其一。",
    "Name the landlord: an enterprise or an organization.": "请填写出租方：企业或单位。",
    "Kind": "类型",
    "Other": "其他",
    "The signed agreement: PDF, JPEG or PNG, within the upload size limit.": (
        "已签署的协议：PDF、JPEG 或 PNG 文件，不超过上传大小限制。"
    ),
    "Download the signed agreement": "下载已签署的协议",
    # --- uploads (core.uploads) ---
    "The file is %(size)s; at most %(limit)s may be uploaded.": (
        "文件大小为 %(size)s，最多只能上传 %(limit)s。"
    ),
    "This file's content is not of an accepted kind (%(allowed)s).": (
        "文件内容不属于可接受的类型（%(allowed)s）。"
    ),
    "The file's name ends in “.%(extension)s” but its content is %(kind)s.": (
        "文件扩展名为“.%(extension)s”，但内容是 %(kind)s。"
    ),
    # --- sector ---
    "supervised sector": "监管类别",
    "Industry and trade": "工贸",
    "Hazardous chemicals": "危险化学品",
    "The 分类 of 分类分级监管: industry and trade, hazardous chemicals or other.": (
        "分类分级监管中的“分类”：工贸、危化或其他。"
    ),
    "supervising department": "行业监管部门",
    "The department that supervises this enterprise's sector.": "负责监管该企业所属类别的部门。",
    # --- grades' effective dates ---
    "grade effective since": "等级生效日期",
    "The day the current risk grade took effect.": "当前风险等级开始生效的日期。",
    "grade change": "等级变更",
    "grade changes": "等级变更",
    "effective on": "生效日期",
    "Effective on": "生效日期",
    "Effective since": "生效日期",
    "recorded": "录入于",
    "The day the grade takes effect: today or a past day, as decided.": (
        "等级开始生效的日期：按评定决定填写，可以是今天或之前的日期。"
    ),
    "A grade cannot take effect in the future.": "等级生效日期不能晚于今天。",
    "Enter the day the grade takes effect as a date.": "请以日期格式填写等级生效日期。",
    # --- the principal ---
    "principal (person on file)": "主要负责人（人员档案）",
    "The principal among the enterprise's people on file; fills name and phone.": (
        "从本企业人员档案中选择主要负责人，姓名和电话随之填入。"
    ),
    "The principal must be one of the enterprise's people.": "主要负责人必须是本企业的人员。",
}

# Plural entries: singular msgid → the one Chinese form.
P = {
    "every %(months)s month": "每 %(months)s 个月",
}
