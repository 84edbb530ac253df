"""Who may do what: the roles of the 督办 workflow and their permissions, as plain data.

- admin: everything, and the accounts.
- office (督查室): corrects documents and figures, decides the 分解方案, overrides verdicts, accepts or returns
  progress reports, sends reminders (催办).
- department: reads the tasks it leads or co-operates on, nothing else of the 分解方案; signs for (签收) and
  reports progress on the tasks it leads.
- leader: reads everything, changes nothing.
- public (anonymous): the published reports and what is read from them; no internal plan.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    OFFICE = "office"
    DEPARTMENT = "department"
    LEADER = "leader"
    PUBLIC = "public"


class Permission(StrEnum):
    READ_PUBLIC = "read_public"  # documents, figures, search, projects, verdicts, digests
    READ_TASKS = "read_tasks"  # the 分解方案 (a department: its own tasks only)
    EDIT_DOCUMENTS = "edit_documents"  # upload, correct metadata, delete
    EDIT_FIGURES = "edit_figures"  # correct, mark as not a figure, add a missed one
    DECIDE_TASKS = "decide_tasks"  # 牵头单位, 责任单位, 完成时限; import an edited sheet
    OVERRIDE_VERDICTS = "override_verdicts"
    REPORT_PROGRESS = "report_progress"  # 签收 and 进展报送 (a department: on the tasks it leads)
    REVIEW_PROGRESS = "review_progress"  # accept or return a report; 催办; 月报
    MANAGE_USERS = "manage_users"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.OFFICE: frozenset(Permission) - {Permission.MANAGE_USERS},
    Role.LEADER: frozenset({Permission.READ_PUBLIC, Permission.READ_TASKS}),
    Role.DEPARTMENT: frozenset({Permission.READ_PUBLIC, Permission.READ_TASKS, Permission.REPORT_PROGRESS}),
    Role.PUBLIC: frozenset({Permission.READ_PUBLIC}),
}
ROLE_ZH = {
    Role.ADMIN: "管理员",
    Role.OFFICE: "督查室",
    Role.DEPARTMENT: "部门",
    Role.LEADER: "领导",
    Role.PUBLIC: "公众",
}


def can(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def sees_task(role: Role, department: str, lead: str, co: str) -> bool:
    """A department user sees the tasks it leads or co-operates on; every other reader sees all."""
    if role is not Role.DEPARTMENT:
        return can(role, Permission.READ_TASKS)
    return bool(department) and (department == lead or department in [c.strip() for c in co.split("、") if c])


def reports_on(role: Role, department: str, lead: str) -> bool:
    """Who may sign for and report on a task: its lead department, or the 督查室 on its behalf."""
    if not can(role, Permission.REPORT_PROGRESS):
        return False
    return role is not Role.DEPARTMENT or (bool(department) and department == lead)
