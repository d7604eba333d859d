"""The editors of seven categories: each only names what it budgets.

Their columns are data in :mod:`app.services.line_columns`; the time editor, which
also edits the plan's phases, has its own module.
"""

from __future__ import annotations

from ui.editors.category_editor import CategoryEditor
from ui.editors.registry import register


@register
class ComputingEditor(CategoryEditor):
    category = "computing"
    blurb = "Accelerators and instances by the hour, hardware bought, development machines."


@register
class HumanEditor(CategoryEditor):
    category = "human"
    blurb = "Roles by FTE, loaded annual cost and overhead."


@register
class DataEditor(CategoryEditor):
    category = "data"
    blurb = "Data bought by the item, storage that grows month by month, labelling."


@register
class SoftwareEditor(CategoryEditor):
    category = "software"
    blurb = "Seats and licences, monthly or yearly."


@register
class InfrastructureEditor(CategoryEditor):
    category = "infrastructure"
    blurb = "Storage tiers, network and security services, with their units."


@register
class DocumentationEditor(CategoryEditor):
    category = "documentation"
    blurb = "Deliverables: effort in hours at a rate, spread over their dates."


@register
class SupportEditor(CategoryEditor):
    category = "support"
    blurb = "Support services and their periods, on-call staff."
