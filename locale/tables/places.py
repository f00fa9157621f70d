"""zh-Hans translations of the places strings: city level, landlords, grades' effective dates,
sectors, principals, inspection intervals in months, agreement documents."""

T = {
    # --- inspection intervals ---
    "inspection interval (months)": "检查周期（月）",
    "Calendar months between two routine inspections of an enterprise of this grade "
    "(1 monthly, 3 quarterly, 6 half-yearly, 12 yearly).": (
        "该等级企业两次例行检查之间相隔的自然月数（1 为每月，3 为每季度，6 为每半年，12 为每年）。"
    ),
    "every %(months)s month": "每 %(months)s 个月",
}
