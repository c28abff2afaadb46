"""The handbook and conversation cases the release tests ship (provider-level tests aside): one
document holding both facts the cases ask for, and the edit that makes a new release of it."""

HANDBOOK = "# Handbook\n\nThe R2 has a 37-month warranty.\n\nA full charge takes 140 minutes.\n"
CASES = """\
cases:
  - name: warranty
    turns:
      - user: How long is the warranty?
        facts: ["37-month"]
  - name: charging
    turns:
      - user: How long does a full charge take?
        facts: ["140 minutes"]
"""
EDIT = "\nThe docking station is included.\n"
"""Appended to a document: new content, the same facts."""
