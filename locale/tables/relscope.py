"""zh-Hans translations of the related-field scoping strings (issue 7, point 1)."""

T = {
    "You may assess only the attendees of a session you can open.": (
        "只能考核您有权查看的培训班次的参训人员。"
    ),
}
