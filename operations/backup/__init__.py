"""Backup and restore of one plan as a portable .zip (manage.py export_plan / import_plan).

The file holds the plan, its lanes, owner levels, goals, meetings, milestones,
activities (with their goals and dependencies), scenarios, snapshots, every
history row of those; its vision, guiding principles and target areas; its
indicators with their targets, values and links; its activities' staffing
links; its status rounds with their requests, reminders and sign-offs; the
usernames all of these name, and any file a row refers to. `parts.PARTS`
lists them, one line per model.

Restoring gives every object a new id in the target installation and rewrites
every reference to it (foreign keys, history, ids inside snapshots and signed
reports), so a plan can be restored next to itself or into another
installation, in one transaction: a file that fails leaves the database as it
was. Users are matched by username, staffing units (region-wide) by their
code and base units by their name; what this installation lacks is reported
(`Restored.left_out`), never dropped silently.

Share links are deliberately not carried: they hold the hashes of secret
tokens, and a restored plan must not answer to links handed out for another
copy. Make new links for a restored plan.
"""

from operations.backup.archive import FORMAT, FORMAT_VERSION, BackupError, export_plan
from operations.backup.restore import Restored, import_plan

__all__ = ["FORMAT", "FORMAT_VERSION", "BackupError", "Restored", "export_plan", "import_plan"]
