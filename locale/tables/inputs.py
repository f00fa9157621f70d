"""zh-Hans translations of masking, date bounds and bad-input answers (topic ``inputs``)."""

T = {
    "This date cannot be in the future.": "该日期不能晚于今天。",
    "Enter a date between %(earliest)s and %(latest)s.": "请输入 %(earliest)s 至 %(latest)s 之间的日期。",
    "You have searched by a full %(field)s %(limit)s times in the past hour; try again later.": (
        "您在过去一小时内已按完整%(field)s搜索 %(limit)s 次，请稍后再试。"
    ),
    "Other records still refer to this one; reasons name them.": "仍有其他记录引用该记录；原因中列出了这些记录。",
}
