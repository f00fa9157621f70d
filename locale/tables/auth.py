"""zh-Hans translations of the sign-in lock-out, API tokens, audit labels (topic auth)."""

T = {
    # --- lock-out ---
    "Too many failed sign-ins from this address or for this account. Try again in "
    "%(minutes)s minutes, or ask an administrator to unlock the account.": (
        "该地址或该账号登录失败次数过多，请 %(minutes)s 分钟后再试，或请管理员解锁账号。"
    ),
    "Unlock sign-in": "解除登录锁定",
    "Sign-in is locked after repeated failures until %(until)s.": (
        "因多次登录失败，该账号已被锁定，%(until)s 自动解除。"
    ),
    "Sign-in unlocked for %(user)s.": "已解除 %(user)s 的登录锁定。",
    # --- tokens ---
    "The token has expired; request a new one.": "令牌已过期，请重新申请。",
    # --- accounts are not deleted ---
    "Accounts are not deleted; suspend the account instead.": "账号不能删除，请改为停用。",
    # --- audit labels ---
    "Signed in": "登录",
    "Signed out": "退出登录",
    "Failed sign-in": "登录失败",
    "Sign-in locked after repeated failures": "多次登录失败，已锁定",
    "Sign-in lock lifted": "解除登录锁定",
    "Access refused": "拒绝访问",
    "API token issued": "签发 API 令牌",
    "API token revoked": "注销 API 令牌",
    "exported": "导出",
    "imported": "导入",
    "import checked (preview)": "导入校验（预览）",
    "action refused": "操作被拒绝",
    "export downloaded": "下载导出文件",
}
