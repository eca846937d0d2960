from __future__ import annotations

from django import forms

from liuhen.accounts.roles import Role
from liuhen.agencies.models import Agency, AgencyKind, AgencyLevel, OfficerStatus
from liuhen.rules.profiles import profile_choices


class AgencyForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100)
    short_name = forms.CharField(label="简称", max_length=40, required=False)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=30)
    kind = forms.ChoiceField(label="主体类别", choices=AgencyKind.choices)
    level = forms.ChoiceField(label="层级", choices=AgencyLevel.choices)
    parent = forms.ModelChoiceField(label="上级", queryset=Agency.objects.all(), required=False)
    system = forms.CharField(label="执法系统", max_length=40, required=False)
    division_code = forms.CharField(label="行政区划代码", max_length=6, required=False)
    profile = forms.ChoiceField(
        label="适用规定组合", choices=[("", "（无）"), *profile_choices()], required=False
    )
    entrusted_by = forms.ModelChoiceField(
        label="委托机关（仅受委托组织）", queryset=Agency.objects.all(), required=False
    )
    address = forms.CharField(label="地址", max_length=200, required=False)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)


class AgencyContactForm(forms.Form):
    short_name = forms.CharField(label="简称", max_length=40, required=False)
    address = forms.CharField(label="地址", max_length=200, required=False)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)


class OfficerForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=40)
    certificate_number = forms.CharField(label="执法证号", max_length=40)
    position = forms.CharField(label="职务", max_length=60, required=False)
    enforcement_area = forms.CharField(label="执法区域", max_length=100)
    certificate_valid_until = forms.DateField(
        label="证件有效期至", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class OfficerStatusForm(forms.Form):
    status = forms.ChoiceField(label="证件状态", choices=OfficerStatus.choices)
    reason = forms.CharField(label="理由", max_length=200, required=False)


class MemberForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=40)
    title = forms.CharField(label="职务", max_length=60, required=False)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, max_length=256)


class RoleGrantForm(forms.Form):
    user = forms.ChoiceField(label="人员")
    role = forms.ChoiceField(label="角色", choices=Role.choices)

    def __init__(self, *args: object, members: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["user"].choices = [(str(pk), label) for pk, label in members]  # type: ignore[attr-defined]
