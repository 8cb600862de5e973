"""Header values, dates and IDs as a user of the target tool reads them (the new-user trial's findings 6,
12 and 16), each on a small plan of our own."""

from __future__ import annotations

import plancore
from plancore import parse

SPEC_REFERENCE = """# Implementation Plan: Small

## Specification Reference
- **Spec ID**: SPEC-7
- **Spec Version**: 1.5
- **Plan Version**: 2.0
- **Generated**: 2026-01-03
- **Estimated Duration**: 7 saat

## Implementation Phases

### Phase 1: Core [Priority: HIGH]
**Timeline**: 1 day

#### Tasks
1. [ ] Build it
"""


def test_one_unknown_label_leaves_the_specification_reference_read() -> None:
    plan = parse(SPEC_REFERENCE, "specpulse")
    m = plan.metadata
    assert (m.spec_id, m.spec_version, m.plan_version, m.generated) == ("SPEC-7", "1.5", "2.0", "2026-01-03")
    assert [s.body for s in plan.extra_sections] == ["- **Estimated Duration**: 7 saat"]
    assert plancore.convert(SPEC_REFERENCE, "specpulse", source="specpulse").text == SPEC_REFERENCE
    aadt = plancore.convert(SPEC_REFERENCE, "aadt", source="specpulse").text
    assert "**Created:** 2026-01-03\n" in aadt and "{{DATE}}" not in aadt
    assert "- **Estimated Duration**: 7 saat\n" in aadt
    github = plancore.convert(SPEC_REFERENCE, "speckit-github", source="specpulse").text
    assert "**Date**: 2026-01-03 " in github and "[DATE]" not in github
