"""zh-Hans translations of the permits pages: the list and inbox, the draft, the permit page with
the seven prohibitions (七不准), the acknowledgement with the on-site briefing (现场交底), approval,
gas tests, the site page on a phone and the reference tables (glossary: 报备 filing, 签收
acknowledgement, 审批 approval, 验收 acceptance, 作业负责人/作业人员/监护人员)."""

T = {
    # --- lists, menu, counters, panel ---
    "Awaiting acknowledgement": "待签收报备",
    "Filings awaiting acknowledgement": "待签收的作业报备",
    "%(count)s filings awaiting acknowledgement": "%(count)s 份报备待签收",
    "Confined-space work": "有限空间作业",
    "Confined-space work in progress": "正在进行的有限空间作业",
    "Delegations of approval": "审批授权委托",
    "Gas thresholds": "气体检测合格标准",
    "Attachment kinds": "报备附件种类",
    "All confined-space work of this enterprise": "本企业的全部有限空间作业",
    "No confined-space work recorded.": "暂无有限空间作业记录。",
    "filing": "报备",
    "filed late": "逾期报备",
    "planned start": "计划开始时间",
    "planned end": "计划结束时间",
    "planned start from": "计划开始自",
    "planned start to": "计划开始至",
    "Planned start": "计划开始",
    "delegate": "受托人",
    "confined space": "有限空间",
    "permit": "作业",
    "Permit": "作业",
    "note": "备注",
    "Resume": "恢复作业",
    "Accept": "验收",
    "Removed.": "已移除。",
    "Upload": "上传",
    "Remove": "移除",
    "Download": "下载",
    "principal": "主要负责人",
    "limit": "合格标准",
    "Limit": "合格标准",
    # --- the draft ---
    "The work": "作业概况",
    "Implementing unit": "实施单位",
    "Hazards and safety measures": "危险有害因素与安全措施",
    "Rescue readiness": "应急救援准备",
    "Save the draft": "保存草稿",
    "Save the draft first; then pick from the enterprise's register.": (
        "请先保存草稿，再从企业的安全防护设备台账中选择。"
    ),
    "File at least %(days)s days before the planned start; a later filing is allowed but flagged "
    "late. The people of the work are added on the permit page after saving.": (
        "请在计划开始前至少 %(days)s 天报备；逾期报备仍可提交，但会被标记为逾期。"
        "保存后在作业页面添加作业人员。"
    ),
    "in date": "在有效期内",
    "out of date": "已过有效期",
    "no validity date": "无有效期",
    "protective equipment": "个体防护装备",
    "rescue equipment on site": "现场应急救援装备",
    # --- the permit page ---
    "Site page": "现场页面",
    "Site": "现场",
    "Ready to file with the sub-district.": "已可向街道报备。",
    "Filing now is late: less than %(days)s days before the planned start. It is allowed, but "
    "the permit is flagged late everywhere.": (
        "现在报备已逾期：距计划开始不足 %(days)s 天。仍可报备，但该作业在各处都会标记为逾期报备。"
    ),
    "The seven prohibitions": "七不准",
    "Check again": "重新核查",
    "Checked at %(at)s.": "核查时间 %(at)s。",
    "All seven met": "七项均已满足",
    "%(n)s condition not met": "%(n)s 项条件未满足",
    "met": "已满足",
    "not met": "未满足",
    "People of the work": "作业人员",
    "Duty on this permit": "本次作业职责",
    "Special operation needed": "所需特种作业",
    "No people named yet: a work leader, entrants and at least one attendant.": (
        "尚未指定人员：需要作业负责人、作业人员和至少一名监护人员。"
    ),
    "Add person": "添加人员",
    "Remove this person from the permit?": "将此人从本次作业中移除？",
    "%(person)s added as %(duty)s.": "已添加 %(person)s 为%(duty)s。",
    "Hazards, safety measures and rescue readiness": "危险有害因素、安全措施与应急救援准备",
    "Hazards identified": "危险有害因素辨识",
    "Ventilation": "通风措施",
    "Isolation and lock-out points": "隔离与上锁挂牌点",
    "Protective equipment": "个体防护装备",
    "Communication": "通讯联络",
    "Explosion-proof equipment": "防爆设备",
    "Electrical equipment": "电气设备",
    "Rescue plan": "应急救援方案",
    "Rescue equipment on site": "现场应急救援装备",
    "Rescue team": "救援队伍",
    "Safety agreement (scan)": "安全管理协议（扫描件）",
    "Contracting safety agreement": "承包安全管理协议",
    "In date": "在有效期内",
    "Out of date": "已过有效期",
    "On-site checks": "现场确认",
    "Save the checks": "保存现场确认",
    "On-site briefing": "现场交底",
    "%(minutes)s minutes": "%(minutes)s 分钟",
    "Given by": "交底人",
    "Topics": "交底内容",
    "Attendees": "参加人员",
    "Gas tests": "气体检测",
    "Gas test": "气体检测",
    "Record a gas test": "记录气体检测",
    "Tested at": "检测时间",
    "Readings": "检测读数",
    "Detector": "检测仪",
    "No gas test recorded.": "尚无气体检测记录。",
    "Filing documents": "报备材料",
    "Download Word": "下载 Word",
    "No documents.": "暂无材料。",
    "Remove this document?": "删除此材料？",
    # --- moves ---
    "Acknowledge": "签收",
    "Acknowledge the filing": "签收报备",
    "Return the filing": "退回报备",
    "At least %(minutes)s minutes": "不少于 %(minutes)s 分钟",
    "Record the briefing and acknowledge": "记录现场交底并签收",
    "Acknowledged; the briefing is recorded.": "已签收，现场交底已记录。",
    "This permit is not waiting for acknowledgement.": "该作业不在待签收状态。",
    "briefing started at": "交底开始时间",
    "briefing ended at": "交底结束时间",
    "topics": "交底内容",
    "Must include the seven prohibitions and the work procedure.": ("必须包括“七不准”和作业程序。"),
    "approved by": "审批人",
    "remark": "备注",
    "The enterprise's principal, or a delegate holding a written delegation valid today.": (
        "企业主要负责人，或持有当日有效书面委托的受托人。"
    ),
    "The space has a toxic risk: only the principal, or a delegate holding a written delegation "
    "valid today, may approve.": (
        "该有限空间存在中毒风险：只有主要负责人或持有当日有效书面委托的受托人可以审批。"
    ),
    "Name the person who approves.": "请指定审批人。",
    "work leader accepting": "验收的作业负责人",
    "acceptance note": "验收意见",
    "Name the work leader who accepts the work.": "请指定验收的作业负责人。",
    "isolation restored (locks, blinds and barriers back in place)": (
        "已恢复隔离（锁具、盲板、围挡已复位）"
    ),
    "Isolation restored (locks, blinds and barriers back in place)": (
        "已恢复隔离（锁具、盲板、围挡已复位）"
    ),
    "Confirm the isolation has been restored.": "请确认已恢复隔离。",
    # --- gas tests ---
    "tested at": "检测时间",
    "tester": "检测人",
    "detector": "检测仪",
    "unit": "单位",
    "Depth": "检测位置",
    "Gas": "气体",
    "Reading": "读数",
    "Conversion": "换算",
    "Passed, above the warning level": "合格，但高于预警值",
    "Enter at least one reading.": "请至少填写一个读数。",
    "Record the test": "保存检测记录",
    "mg/m³ = ppm × %(mass)s / 24.04 (20 °C); the result states the conversion.": (
        "mg/m³ = ppm × %(mass)s ÷ 24.04（20 °C）；结果中注明换算过程。"
    ),
    "Gas test recorded: passed.": "气体检测已记录：合格。",
    "Gas test recorded: FAILED.": "气体检测已记录：不合格。",
    "Work has been suspended: nobody may be inside.": "作业已暂停：任何人不得留在有限空间内。",
    # --- the site page ---
    "Inside now": "当前在内人数",
    "Next reading due": "下次检测时间",
    "Reading missed — due at": "检测已超时——应于",
    "A reading every %(minutes)s minutes while work is in progress.": (
        "作业期间每 %(minutes)s 分钟检测一次。"
    ),
    "Latest gas test": "最近一次气体检测",
    "Record a reading": "记录检测读数",
    "Entrants": "作业人员",
    "Inside": "在内",
    "Outside": "在外",
    "In": "进入",
    "Out": "撤出",
    "No entrants on this permit.": "本次作业没有作业人员。",
    "Tools inside": "在内工具",
    "No tools inside.": "没有工具留在内部。",
    "Tool": "工具",
    "Tool taken in": "带入的工具",
    "tool": "工具",
    "direction": "进出",
    "Why work stops": "暂停原因",
    "Pause (suspend)": "暂停作业",
    "Complete the work": "作业完成",
    "Entry log": "进出登记",
    "%(move)s refused:": "无法%(move)s：",
    "%(who)s: in.": "%(who)s：已进入。",
    "%(who)s: out.": "%(who)s：已撤出。",
    "No such person on this permit.": "本次作业没有此人。",
    "Record either a person or a tool.": "请登记人员或工具之一。",
    "Signed delegation": "书面委托书",
    "The people of a permit that is “%(status)s” cannot be changed.": (
        "作业处于“%(status)s”状态，人员不能再变更。"
    ),
    "The filing of a permit that is “%(status)s” cannot be changed.": (
        "作业处于“%(status)s”状态，报备材料不能再变更。"
    ),
    "An attendant is never also an entrant on the same permit.": (
        "同一作业中，监护人员不得同时担任作业人员。"
    ),
}

P = {
    "Before filing, one thing is missing:": "报备前还缺少 %(counter)s 项：",
    "%(n)s condition not met": "%(n)s 项条件未满足",
}
