"""Django's own messages that people meet in our forms, listed so that ``makemessages`` puts them
into our catalogue: our zh-Hans wording (``locale/tables/ui.py``) then overrides Django's stock
translation (LOCALE_PATHS come first), e.g. "不能超过 18 个字符（现有 19 个）。" rather than
"确保该变量包含不超过 18 字符 (目前字符数 19)。". Never imported; only read by makemessages.
"""

from django.utils.translation import gettext_noop as _
from django.utils.translation import ngettext_lazy

MESSAGES = [
    _("This field is required."),
    _("This field cannot be null."),
    _("This field cannot be blank."),
    _("Enter a valid date."),
    _("Enter a valid date/time."),
    _("Enter a valid time."),
    _("Enter a whole number."),
    _("Enter a number."),
    _("Enter a valid email address."),
    _("Enter a valid URL."),
    _("Ensure this value is less than or equal to %(limit_value)s."),
    _("Ensure this value is greater than or equal to %(limit_value)s."),
    _("Select a valid choice. That choice is not one of the available choices."),
    _("Select a valid choice. %(value)s is not one of the available choices."),
    _("Value %(value)r is not a valid choice."),
    _("%(model_name)s with this %(field_label)s already exists."),
    _("%(model_name)s with this %(field_labels)s already exists."),
    _("Constraint “%(name)s” is violated."),
    _("The submitted file is empty."),
    _("No file was submitted. Check the encoding type on the form."),
    _("A user with that username already exists."),
    _("The two password fields didn’t match."),
    _("Your old password was entered incorrectly. Please enter it again."),
    _(
        "Please enter a correct %(username)s and password. Note that both "
        "fields may be case-sensitive."
    ),
    _("This password is too common."),
    _("This password is entirely numeric."),
    _("The password is too similar to the %(verbose_name)s."),
]

PLURAL_MESSAGES = [
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        "max",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        "max",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
        "max",
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        0,
    ),
]
