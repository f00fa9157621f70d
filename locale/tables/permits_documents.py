"""zh-Hans translations of the permit's generated documents (两表一方案 and the printable permit)
and of the shared Word document mechanism (core.documents)."""

THRESHOLD_NOTE = (
    "判定标准为生成本文书时的配置。非标准单位的读数已换算：mg/m³ = ppm × 摩尔质量 ÷ 24.04"
    "（20 °C）；1 % vol = 10000 ppm。"
)

T = {
    # --- core.documents ---
    "document downloaded": "文书已下载",
    "No such document.": "没有该文书。",
    "____/__/__": "____年__月__日",
    # --- titles and kinds ---
    "Confined-space work approval form": "有限空间作业审批表",
    "Gas test record": "气体检测记录表",
    "Confined-space work plan": "有限空间作业方案",
    "Confined-space work permit": "有限空间作业票",
    "Confined-space work permits": "有限空间作业",
    "Approval form": "审批表",
    "Work plan": "作业方案",
    "Printable permit": "打印作业票",
    "Back to the permit": "返回作业",
    "No. %(number)s · %(status)s": "编号 %(number)s · %(status)s",
    "Filed late": "逾期报备",
    "This work was filed late: less than %(days)s days before its planned start.": (
        "本次作业逾期报备：报备时距计划开始不足 %(days)s 天。"
    ),
    "Filed late: less than %(days)s days before the planned start.": (
        "逾期报备：报备时距计划开始不足 %(days)s 天。"
    ),
    # --- section headings ---
    "1. The work": "一、作业概况",
    "2. The confined space and its risks": "二、有限空间及其风险",
    "3. People by duty": "三、作业人员及职责",
    "4. Hazards identified": "四、危险有害因素辨识",
    "5. Safety measures": "五、安全防护措施",
    "6. Rescue readiness": "六、应急救援准备",
    "7. Gas tests (summary)": "七、气体检测情况",
    "8. Filing and on-site briefing": "八、报备与现场交底",
    "9. Approval": "九、审批",
    "7. Filing and on-site briefing": "七、报备与现场交底",
    "8. Approval": "八、审批",
    "9. The seven prohibitions (checked at %(at)s)": "九、“七不准”核查（%(at)s）",
    "10. Gas tests": "十、气体检测",
    "11. Entry log": "十一、进出登记",
    "12. Completion and acceptance": "十二、完工与验收",
    "13. History": "十三、办理记录",
    "2. Hazard identification": "二、危险有害因素辨识",
    "3. Controls": "三、管控措施",
    "4. Staffing": "四、人员分工",
    "5. Rescue": "五、应急救援",
    "The work": "作业概况",
    "The confined space and its risks": "有限空间及其风险",
    "People by duty": "作业人员及职责",
    "Hazards identified": "危险有害因素辨识",
    "Safety measures": "安全防护措施",
    "Rescue readiness": "应急救援准备",
    "Filing and on-site briefing": "报备与现场交底",
    "Approval": "审批",
    "The seven prohibitions (checked at %(at)s)": "“七不准”核查（%(at)s）",
    "Gas tests": "气体检测",
    "Entry log": "进出登记",
    "Completion and acceptance": "完工与验收",
    "History": "办理记录",
    "Signatures": "签字",
    "Thresholds used": "判定标准",
    "Tests": "检测记录",
    # --- the work ---
    "Permit number": "作业编号",
    "Enterprise": "企业",
    "USCC": "统一社会信用代码",
    "Address": "地址",
    "Work content": "作业内容",
    "Planned start": "计划开始时间",
    "Planned end": "计划结束时间",
    "Implementing unit": "作业实施单位",
    "The enterprise itself (%(name)s)": "本企业自行实施（%(name)s）",
    "Contractor: %(name)s": "承包单位：%(name)s",
    "Contractor's USCC": "承包单位统一社会信用代码",
    "Contracting safety agreement": "承包安全管理协议",
    "%(agreement)s, valid until %(until)s": "%(agreement)s，有效期至 %(until)s",
    "no end date": "长期",
    "Signed agreement uploaded with the filing": "已随报备上传签署的协议",
    "None recorded": "未记录",
    # --- the space ---
    "Confined space": "有限空间",
    "Location": "位置",
    "Size": "尺寸",
    "Hazard factors": "危险有害因素",
    "Possible accident types": "可能发生的事故类型",
    "Toxic gases": "有毒有害气体",
    "Oxygen deficiency risk": "缺氧风险",
    "Explosion risk": "燃爆风险",
    "Physical isolation": "物理隔离",
    "Isolation really stops entry": "隔离能有效阻止进入",
    "Risk level": "风险等级",
    # --- people ---
    "Duty": "职责",
    "Phone": "电话",
    "Employer": "所在单位",
    "Training certificate on the planned day": "培训证明（计划作业日）",
    "Not qualified": "不具备资格",
    "Holds: %(list)s.": "持有：%(list)s。",
    "%(number)s (%(kind)s, %(start)s – %(end)s)": "%(number)s（%(kind)s，%(start)s 至 %(end)s）",
    "No one named yet.": "尚未确定人员。",
    # --- hazards and measures ---
    "Hazards identified for this work": "本次作业辨识的危险有害因素",
    "Hazard factors of the space (ledger)": "有限空间台账记载的危险有害因素",
    "Ventilation": "通风措施",
    "Isolation and lock-out points": "隔离及上锁挂牌点",
    "Communication": "通讯联络",
    "Explosion-proof equipment": "防爆设备",
    "Required: the space has an explosion risk.": "须配备：该空间存在燃爆风险。",
    "Electrical equipment": "电气设备",
    "Ventilated": "已通风",
    "Protective equipment checked on site": "防护装备已现场检查",
    "Electrical equipment compliant": "电气设备符合要求",
    "Equipment": "装备",
    "Model": "型号",
    "Quantity": "数量",
    "Kept at": "存放地点",
    "On the planned day": "计划作业日状态",
    "In date": "在有效期内",
    "Out of date": "已过期",
    "no validity recorded": "未记录有效期",
    "No protective equipment chosen.": "尚未选择防护装备。",
    # --- rescue ---
    "Rescue plan": "应急救援方案",
    "Rescue equipment on site": "现场救援装备",
    "%(item)s (valid until %(until)s)": "%(item)s（有效期至 %(until)s）",
    "Rescue team": "救援队伍",
    "How the rescue team is called": "救援呼叫方式",
    "No blind rescue: rescuers enter only with breathing apparatus and a lifeline.": (
        "严禁盲目施救：救援人员须佩戴呼吸器、系安全绳方可进入。"
    ),
    # --- gas tests ---
    "Gas": "气体",
    "Depth": "检测部位",
    "Reading": "读数",
    "In the limit's unit": "换算值（标准单位）",
    "Conversion": "换算方法",
    "Test result": "检测结果",
    "Pass": "合格",
    "Fail": "不合格",
    "Pass (warning)": "合格（预警）",
    "Passes when": "合格标准",
    "Unit": "单位",
    "Molar mass (g/mol)": "摩尔质量（g/mol）",
    "Source of the figure": "依据",
    "Thresholds as configured when this document was produced. Readings in another unit are "
    "converted: mg/m³ = ppm × molar mass / 24.04 (20 °C); 1 % vol = 10,000 ppm.": THRESHOLD_NOTE,
    # The same note in the print page: a template's msgid doubles its percent signs.
    "Thresholds as configured when this document was produced. Readings in another unit are "
    "converted: mg/m³ = ppm × molar mass / 24.04 (20 °C); 1 %% vol = 10,000 ppm.": (
        THRESHOLD_NOTE.replace("%", "%%")
    ),
    "Test %(index)s: %(at)s (%(kind)s)": "第 %(index)s 次检测：%(at)s（%(kind)s）",
    "Tested at": "检测时间",
    "Tester": "检测人",
    "Detector": "检测仪器",
    "Calibration valid until": "检定有效期至",
    "%(until)s (%(state)s on the day of the test)": "%(until)s（检测当日%(state)s）",
    "in date": "在有效期内",
    "out of date": "已过期",
    "Note": "备注",
    "No readings.": "无检测读数。",
    "No gas read yet.": "尚无检测读数。",
    "No gas test recorded yet.": "尚无气体检测记录。",
    "Failed tests": "不合格次数",
    "Latest test": "最近一次检测",
    "%(at)s by %(tester)s: %(result)s": "%(at)s，检测人 %(tester)s：%(result)s",
    "Latest passing test": "最近一次合格检测",
    "Test window before entry": "进入前检测时限",
    "%(minutes)s minutes": "%(minutes)s 分钟",
    # --- filing, briefing, approval ---
    "Filed with the sub-district": "向街道报备",
    "%(at)s — LATE: less than %(days)s days before the planned start": (
        "%(at)s——逾期：距计划开始不足 %(days)s 天"
    ),
    "Not yet filed.": "尚未报备。",
    "Acknowledged at": "街道签收时间",
    "On-site briefing": "现场安全交底",
    "%(start)s – %(end)s (%(minutes)s minutes)": "%(start)s – %(end)s（%(minutes)s 分钟）",
    "Not yet given.": "尚未进行。",
    "Briefing given by": "交底人",
    "Place": "地点",
    "Topics": "交底内容",
    "Attended by": "参加人员",
    "Principal": "主要负责人",
    "Approval needed from": "审批权限",
    "The principal, or a delegate with a written delegation (the space has a toxic risk)": (
        "主要负责人或经其书面授权的人员（该空间存在中毒风险）"
    ),
    "The enterprise (principal or delegate)": "企业（主要负责人或其授权人员）",
    "Approved by": "审批人",
    "Approved at": "审批时间",
    "Not yet approved.": "尚未审批。",
    "Written delegation": "书面授权",
    "Delegated by %(principal)s to %(delegate)s, valid %(start)s – %(end)s; the signed "
    "delegation is on file.": (
        "%(principal)s 授权 %(delegate)s，有效期 %(start)s 至 %(end)s；签署的授权委托书已存档。"
    ),
    "Scope of the delegation": "授权范围",
    "Capacity": "审批身份",
    # --- the plan's controls ---
    "Ventilate, then test, then enter: no entry before a passing test.": (
        "先通风、再检测、后作业：检测合格前严禁进入。"
    ),
    "Test oxygen, then flammable gas, then toxic gases, at the top, middle and bottom of a "
    "deep space, no earlier than %(minutes)s minutes before entry.": (
        "按氧气、可燃气体、有毒有害气体的顺序检测，较深的空间分上、中、下部检测，"
        "检测时间不早于进入前 %(minutes)s 分钟。"
    ),
    "Keep ventilating and testing during work, every %(minutes)s minutes; any interruption "
    "means ventilating and testing again before anyone re-enters.": (
        "作业过程中持续通风，每 %(minutes)s 分钟检测一次；作业中断后再次进入前须重新通风、检测。"
    ),
    "The attendant stays at the entrance, counts people and tools in and out, never enters.": (
        "监护人员全程在出入口监护，清点进出人员和工具，严禁进入有限空间。"
    ),
    "A failing reading stops the work at once; everyone leaves the space.": (
        "检测不合格立即停止作业，所有人员撤离有限空间。"
    ),
    # --- readiness, entry log, completion, history ---
    "Condition": "条件",
    "Met": "是否满足",
    "Reasons and evidence": "原因与依据",
    "Time": "时间",
    "Tool": "工具",
    "In / out": "进 / 出",
    "Recorded by": "记录人",
    "No entries.": "无进出记录。",
    "Started at": "开始作业时间",
    "Latest suspension": "最近一次暂停",
    "Completed at": "完工时间",
    "Isolation restored": "隔离已恢复",
    "Accepted at": "验收时间",
    "Accepted by the work leader": "作业负责人验收",
    "Accepted for the enterprise by": "企业验收人",
    "Acceptance note": "验收意见",
    "By": "办理人",
    "No actions yet.": "尚无办理记录。",
    # --- signature lines ---
    "Work leader (signature)": "作业负责人（签字）",
    "Attendant (signature)": "监护人员（签字）",
    "Gas tester (signature)": "气体检测人员（签字）",
    "Approver (signature)": "审批人（签字）",
    "Sub-district officer (signature)": "街道交底人（签字）",
    "Acceptance (signature)": "验收人（签字）",
    "Tester (signature)": "检测人（签字）",
    "Prepared by the work leader (signature)": "编制人：作业负责人（签字）",
}
