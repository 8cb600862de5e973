"""The hand-written cases of ../shared/cases (real plans' shapes), each expectation
(``NAME.expect.txt``, read by a person) turned into assertions; and small plans of
our own in each language the vocabulary covers."""

from __future__ import annotations

import re

import attrs
import pytest
from helpers import SHARED, shown

import plancore
from plancore._appendix import APPENDIX_HEADING
from plancore._fields import filled, restrict
from plancore._format import own_headings, template_text
from plancore._registry import get_format
from plancore._vocabulary import HEADINGS, LANGUAGES

CASES = SHARED / "cases"
OTHERS = [name for name in plancore.formats() if name != "speckit-github"]


def _case(name: str) -> str:
    path = CASES / f"{name}.md"
    if not path.exists():
        pytest.skip(f"{shown(path)} is absent (the repository's shared test data, beside the checkout)")
    return path.read_bytes().decode("utf-8")


def _body(text: str) -> str:
    """``text`` before the appendix of carried-over parts: what landed in the target's own places."""
    return text.split(f"## {APPENDIX_HEADING}")[0]


def _heading_above(text: str, needle: str) -> str:
    """The title of the nearest heading above the first line holding ``needle``."""
    before = text[: text.index(needle)]
    titles = re.findall(r"(?m)^#{1,6}[ \t]+(.*)$", before)
    return titles[-1] if titles else ""


def _holds(target: str, field: str) -> bool:
    return any(held == field or held.startswith(field + ".") for held in plancore.format_info(target).holds)


# -- zh-fullwidth-speckit-github: a plan written from a fully translated (Simplified Chinese) template.

ZH_STACK = [
    ("语言/版本", "Kotlin 2.0"),
    ("主要依赖", "Room、WorkManager、Ktor Client"),
    ("存储", "SQLite（设备端），PostgreSQL（服务端）"),
    ("测试", "JUnit 5、Turbine"),
    ("目标平台", "Android 12+"),
    ("项目类型", "移动端 + API"),
    ("性能目标", "同步 1000 条笔记 < 5 秒"),
    ("约束", "完全离线可用；电量消耗 < 2%/天"),
    ("规模/范围", "约 5 万活跃用户"),
]


def test_zh_fullwidth_plan_is_detected_and_read_into_its_fields() -> None:
    text = _case("zh-fullwidth-speckit-github")
    assert plancore.detect(text) == "speckit-github"
    plan = plancore.parse(text)
    meta = plan.metadata
    assert meta.title == "离线笔记同步"
    assert (meta.branch, meta.created, meta.spec_path) == ("004-offline-sync", "2026-03-02", "[spec.md](./spec.md)")
    assert meta.input == "来自 `/specs/004-offline-sync/spec.md` 的功能规范"
    assert plan.summary == "为移动端增加离线编辑与后台同步，冲突按字段级别合并。"
    assert [(item.label, item.value) for item in plan.architecture.tech_stack] == ZH_STACK
    assert plan.constitution_check.startswith("- [x] 测试先行")
    assert "specs/004-offline-sync/" in plan.documentation_structure
    assert "SyncWorker.kt" in plan.file_structure
    assert plan.file_structure.endswith("**结构决策**：单一移动端项目，服务端沿用现有 API。")
    # The complexity prose keeps its heading.
    assert [(s.heading, s.body) for s in plan.extra_sections] == [("复杂性追踪", "> 无违规，无需说明。")]
    assert plancore.emit(plan, "speckit-github") == text


def test_zh_translated_title_prefix_comes_back_as_written() -> None:
    text = _case("zh-fullwidth-speckit-github")
    plan = plancore.parse(text, "speckit-github")
    edited = plancore.emit(attrs.evolve(plan, summary="离线同步。"), "speckit-github")
    assert edited.startswith("# 实现计划：离线笔记同步\n")
    afresh = plancore.emit(attrs.evolve(plan, source=None), "speckit-github")
    assert afresh.startswith("# 实现计划：离线笔记同步\n")
    assert plancore.parse(afresh, "speckit-github").metadata.title == "离线笔记同步"


@pytest.mark.parametrize("target", OTHERS)
def test_zh_fullwidth_plan_lands_in_the_targets_places(target: str) -> None:
    text = _case("zh-fullwidth-speckit-github")
    result = plancore.convert(text, target, source="speckit-github")
    body = _body(result.text)
    if _holds(target, "architecture.tech_stack"):
        for _, value in ZH_STACK:
            assert value in body
    if _holds(target, "summary"):
        assert "为移动端增加离线编辑与后台同步" in body
    if _holds(target, "file_structure"):
        assert "MergePolicy.kt" in body
    # Nothing is lost unreported: what has no place is in the appendix.
    for loss in result.losses:
        if isinstance(loss.value, str) and loss.path.startswith(("summary", "architecture", "file_structure")):
            assert loss.value.split("\n")[0] in result.text
    # The author's complexity prose stays under its heading.
    assert _heading_above(result.text, "> 无违规，无需说明。") == "复杂性追踪"
    # Carried once each (not in the body and again in the appendix), the tree under its own heading.
    assert result.text.count("测试先行") == 1
    assert result.text.count("├── research.md") == 1
    assert _heading_above(result.text, "├── research.md") == "文档（本功能）"


# -- ja-headings-speckit-github: Japanese headings and labels under an English header.


def test_ja_headings_plan_is_read_into_its_fields() -> None:
    text = _case("ja-headings-speckit-github")
    assert plancore.detect(text) == "speckit-github"
    plan = plancore.parse(text)
    assert plan.summary == "在庫が閾値を下回ったら担当者へ通知する。"
    stack = plan.architecture.tech_stack
    assert len(stack) == 9
    assert (stack[0].label, stack[0].value) == ("言語/バージョン", "TypeScript 5.6")
    assert (stack[8].label, stack[8].value) == ("規模/スコープ", "倉庫 40 拠点")
    assert plan.constitution_check.startswith("| ゲート | 状態 |")
    assert "| 最小構成 | OK |" in plan.constitution_check
    # A lone fenced tree is the source tree.
    assert plan.file_structure == "```text\nbackend/src/alerts/\nfrontend/src/pages/alerts/\n```"
    headings = [(s.heading, s.body) for s in plan.extra_sections]
    assert ("複雑性トラッキング", "違反なし。") in headings
    assert plancore.emit(plan, "speckit-github") == text


@pytest.mark.parametrize("target", OTHERS)
def test_ja_headings_plan_converts_in_place(target: str) -> None:
    text = _case("ja-headings-speckit-github")
    result = plancore.convert(text, target, source="speckit-github")
    body = _body(result.text)
    if _holds(target, "architecture.tech_stack"):
        assert "TypeScript 5.6" in body and "倉庫 40 拠点" in body
    if _holds(target, "summary"):
        assert "在庫が閾値を下回ったら担当者へ通知する。" in body
    if _holds(target, "file_structure"):
        assert "frontend/src/pages/alerts/" in body
    # The author's own checklist section: carried once, with its heading.
    assert result.text.count("動作確認チェックリスト") == 1
    assert result.text.count("閾値を下回ると 60 秒以内に通知が届く") == 1
    assert _heading_above(result.text, "閾値を下回ると") == "4. 動作確認チェックリスト"


# -- pt-headings-speckit-github: Portuguese headings, rules between sections, a renamed source subsection.


def test_pt_headings_plan_is_read_into_its_fields() -> None:
    text = _case("pt-headings-speckit-github")
    assert plancore.detect(text) == "speckit-github"
    plan = plancore.parse(text)
    assert plan.summary == "Permitir que o cliente agende coletas de resíduos pelo aplicativo."
    stack = plan.architecture.tech_stack
    assert [item.label for item in stack][:2] == ["Linguagem/Versão", "Dependências Principais"]
    assert len(stack) == 9 and stack[8].value == "3 cidades"
    # The rule under a section is layout, not its content.
    assert plan.constitution_check == "| Princípio | Status |\n|-----------|--------|\n| Testes primeiro | ✅ |"
    assert plan.file_structure == "```text\nbackend/app/coletas/\nbackend/tests/coletas/\n```"
    # The bold complexity line is kept, not glued into the source tree.
    assert "**Rastreamento de Complexidade**: nenhuma violação." in [s.body for s in plan.extra_sections]
    assert plancore.emit(plan, "speckit-github") == text


@pytest.mark.parametrize("target", OTHERS)
def test_pt_headings_plan_converts_in_place(target: str) -> None:
    text = _case("pt-headings-speckit-github")
    result = plancore.convert(text, target, source="speckit-github")
    body = _body(result.text)
    if _holds(target, "architecture.tech_stack"):
        assert "FastAPI, SQLAlchemy 2" in body
    if _holds(target, "summary"):
        assert "agende coletas" in body
    if _holds(target, "file_structure"):
        assert "backend/app/coletas/" in body
    if _holds(target, "constitution_check"):
        assert "| Testes primeiro | ✅ |" in body
    assert "nenhuma violação" in result.text
    assert result.text.count("Testes primeiro") == 1


# -- legacy-v0-speckit-github: the 2025 template (Execution Flow, Phase 0/1/2, Progress Tracking).

TEMPLATE_TEXT = [
    "Execution Flow",
    "Load feature spec from Input path",
    "GATE: Must pass",
    "Extract unknowns from Technical Context",
    "Prerequisites: research.md complete",
    "Estimated Output",
    "DO NOT execute during /plan",
    "Fill ONLY if",
    "[No violations]",
    "This checklist is updated during execution flow",
    "Based on Constitution",
    "research.md with all NEEDS CLARIFICATION resolved",
]


def test_legacy_template_text_is_no_content() -> None:
    text = _case("legacy-v0-speckit-github")
    assert plancore.detect(text) == "speckit-github"
    plan = plancore.parse(text)
    assert plan.complexity == ()
    (decision,) = plan.decisions
    assert decision.choice == "use a daily cron job, not a queue."
    assert decision.rationale == "volume is low and bounded."
    assert plan.data_model.overview == "Entities: `Reminder(id, invoice_id, due_offset_days, sent_at)`."
    assert plan.metadata.status.startswith("Phase 0: Research complete; Phase 1: Design complete")
    assert "Phase 2" not in plan.metadata.status
    assert plan.constitution_check.startswith("- Library-first")
    assert plan.extra_sections == ()
    assert plancore.emit(plan, "speckit-github") == text


@pytest.mark.parametrize("target", OTHERS)
def test_legacy_template_text_is_not_carried(target: str) -> None:
    text = _case("legacy-v0-speckit-github")
    result = plancore.convert(text, target, source="speckit-github")
    for words in TEMPLATE_TEXT:
        assert words not in result.text
        assert not any(words in str(loss.value) for loss in result.losses)
    if _holds(target, "decisions"):
        assert "use a daily cron job, not a queue." in _body(result.text)
    if _holds(target, "data_model.overview"):
        assert "Reminder(id, invoice_id" in _body(result.text)
    else:
        assert "Reminder(id, invoice_id" in result.text
    # The progress checks are the plan's status, wherever the target keeps it.
    written = plancore.parse(result.text, target)
    if _holds(target, "metadata.status"):
        assert written.metadata.status.startswith("Phase 0: Research complete")
    else:
        assert "Phase 0: Research complete" in result.text


# -- headless-complexity-speckit-github: complexity prose, one fenced tree, the author's sections after.


@pytest.mark.parametrize("target", OTHERS)
def test_headless_complexity_keeps_its_heading_and_place(target: str) -> None:
    text = _case("headless-complexity-speckit-github")
    result = plancore.convert(text, target, source="speckit-github")
    out = result.text
    assert _heading_above(out, "> No violations requiring justification.") == "Complexity Tracking"
    assert out.count("> No violations requiring justification.") == 1
    for heading in ("Phase 0: Research ✅", "References"):
        assert len(re.findall(rf"(?m)^#+ {re.escape(heading)}$", out)) == 1
    assert out.count("Chose CSS custom properties") == 1
    if _holds(target, "file_structure"):
        above = _heading_above(out, "web/src/theme/")
        assert "structure" in above.casefold(), above
        assert _heading_above(out, "The theme tokens live in one module") == above


def test_headless_complexity_reads_the_tree_as_the_file_structure() -> None:
    plan = plancore.parse(_case("headless-complexity-speckit-github"), "speckit-github")
    assert plan.file_structure.startswith("```text\nweb/src/theme/")
    assert plan.file_structure.endswith("components read CSS variables only.")
    assert [s.heading for s in plan.extra_sections] == ["Complexity Tracking", "Phase 0: Research ✅", "References"]


# -- specpulse-v1-phases: SpecPulse 1.x (no comment header, Objectives/Tasks/Success Criteria, risk blocks).


def test_specpulse_v1_plan_is_detected_and_read() -> None:
    text = _case("specpulse-v1-phases")
    assert plancore.detect(text) == "specpulse"
    plan = plancore.parse(text)
    assert [phase.name for phase in plan.phases] == ["Foundations", "Purging"]
    first, second = plan.phases
    assert first.goal == "Retention policy stored per tenant"
    assert [(task.text, task.done) for task in first.tasks] == [
        ("Add `retention_days` column to `tenants`", True),
        ("Policy endpoint `PUT /tenants/{id}/retention`", False),
    ]
    assert [task.text for task in first.deliverables] == ["Policy change is visible within one minute"]
    assert second.goal == "Old audit rows removed nightly"
    assert [task.text for task in second.deliverables] == ["Nightly purge finishes under 10 minutes for 50M rows"]
    (risk,) = plan.risks
    assert (risk.risk, risk.probability, risk.impact) == ("Purge locks the audit table", "Medium", "High")
    assert risk.mitigation == "Delete in small batches by primary key range"
    assert plan.architecture.overview.startswith("```mermaid\nflowchart LR")
    assert plan.extra_sections == ()
    assert plancore.emit(plan, "specpulse") == text


def test_specpulse_v1_plan_converts_to_maestro_in_place() -> None:
    text = _case("specpulse-v1-phases")
    out = plancore.convert(text, "maestro", source="specpulse").text
    phases = out.split("## 5. Implementation Phases")[1].split("\n## ")[0]
    assert "Foundations" in phases and "Purging" in phases
    assert "**Goal:** Retention policy stored per tenant" in phases
    assert "Nightly purge finishes under 10 minutes" in phases
    assert "{what the phase achieves}" not in phases
    risks = out.split("## 7. Risks and Mitigations")[1].split("\n## ")[0]
    assert "| Purge locks the audit table" in risks
    assert "Delete in small batches by primary key range" in risks
    assert _heading_above(out, "flowchart LR") == "1.1 High-Level Design"
    assert len(re.findall(r"(?m)^#+ .*Architecture", out)) == 1


# -- Small plans of our own, one per language the vocabulary covers.

# Language -> (title line, header line, the headings: summary, technical context, constitution
# check, project structure, source code, complexity tracking; the nine labels of the context).
LANGUAGE_PLANS = {
    "zh-Hans": (
        "实现计划：搜索",
        "**分支**：`001-search` | **日期**：2026-01-01 | **规范**：[spec.md](spec.md)",
        ("摘要", "技术背景", "章程检查", "项目结构", "源代码（仓库根目录）", "复杂度跟踪"),
    ),
    "zh-Hant": (
        "實作計畫：搜尋",
        "**分支：** `001-search` | **日期：** 2026-01-01 | **規格：** [spec.md](spec.md)",
        ("摘要", "技術背景", "章程檢查", "專案結構", "原始碼（儲存庫根目錄）", "複雜度追蹤"),
    ),
    "ja": (
        "実装計画: 検索",
        "**ブランチ**: `001-search` | **日付**: 2026-01-01 | **仕様**: [spec.md](spec.md)",
        (
            "概要",
            "技術コンテキスト",
            "憲法チェック",
            "プロジェクト構成",
            "ソースコード（リポジトリルート）",
            "複雑性トラッキング",
        ),
    ),
    "ko": (
        "구현 계획: 검색",
        "**브랜치**: `001-search` | **날짜**: 2026-01-01 | **스펙**: [spec.md](spec.md)",
        ("요약", "기술 컨텍스트", "헌법 검사", "프로젝트 구조", "소스 코드 (저장소 루트)", "복잡성 추적"),
    ),
    "es": (
        "Plan de implementación: Búsqueda",
        "**Rama**: `001-search` | **Fecha**: 2026-01-01 | **Especificación**: [spec.md](spec.md)",
        (
            "Resumen",
            "Contexto técnico",
            "Verificación de la constitución",
            "Estructura del proyecto",
            "Código fuente (raíz del repositorio)",
            "Seguimiento de complejidad",
        ),
    ),
    "pt": (
        "Plano de Implementação: Busca",
        "**Branch**: `001-search` | **Data**: 2026-01-01 | **Especificação**: [spec.md](spec.md)",
        (
            "Resumo",
            "Contexto Técnico",
            "Verificação da Constituição",
            "Estrutura do Projeto",
            "Código-fonte",
            "Rastreamento de Complexidade",
        ),
    ),
    "de": (
        "Implementierungsplan: Suche",
        "**Branch**: `001-search` | **Datum**: 2026-01-01 | **Spezifikation**: [spec.md](spec.md)",
        (
            "Zusammenfassung",
            "Technischer Kontext",
            "Verfassungsprüfung",
            "Projektstruktur",
            "Quellcode (Repository-Wurzel)",
            "Komplexitätsverfolgung",
        ),
    ),
    "fr": (
        "Plan d'implémentation : Recherche",
        "**Branche** : `001-search` | **Date** : 2026-01-01 | **Spécification** : [spec.md](spec.md)",
        (
            "Résumé",
            "Contexte technique",
            "Vérification de la constitution",
            "Structure du projet",
            "Code source (racine du dépôt)",
            "Suivi de la complexité",
        ),
    ),
    "tr": (
        "Uygulama Planı: Arama",
        "**Dal**: `001-search` | **Tarih**: 2026-01-01 | **Şartname**: [spec.md](spec.md)",
        ("Özet", "Teknik Bağlam", "Anayasa Kontrolü", "Proje Yapısı", "Kaynak Kod", "Karmaşıklık Takibi"),
    ),
}


def _language_plan(language: str) -> str:
    title, header, (summary, context, check, structure, source, complexity) = LANGUAGE_PLANS[language]
    return (
        f"# {title}\n\n{header}\n\n## {summary}\n\nFind notes by word.\n\n## {context}\n\n"
        "**L1**: Python 3.12\n**L2**: SQLite FTS5\n\n"
        f"## {check}\n\n- [x] Simple\n\n## {structure}\n\n### {source}\n\n"
        "```text\nsrc/search/\n```\n\n"
        f"## {complexity}\n\n| Violation | Why Needed | Simpler Alternative Rejected Because |\n"
        "|---|---|---|\n| A cache | speed | none |\n"
    )


@pytest.mark.parametrize("language", sorted(LANGUAGE_PLANS))
def test_a_translated_speckit_github_plan_is_detected_and_read(language: str) -> None:
    text = _language_plan(language)
    assert plancore.detect(text) == "speckit-github"
    plan = plancore.parse(text)
    expected_title = {"zh-Hans": "搜索", "zh-Hant": "搜尋", "ja": "検索", "ko": "검색", "es": "Búsqueda"}
    expected_title |= {"pt": "Busca", "de": "Suche", "fr": "Recherche", "tr": "Arama"}
    assert plan.metadata.title == expected_title[language]
    assert (plan.metadata.branch, plan.metadata.created) == ("001-search", "2026-01-01")
    assert plan.metadata.spec_path == "[spec.md](spec.md)"
    assert plan.summary == "Find notes by word."
    assert [(item.label, item.value) for item in plan.architecture.tech_stack] == [
        ("L1", "Python 3.12"),
        ("L2", "SQLite FTS5"),
    ]
    assert plan.constitution_check == "- [x] Simple"
    assert plan.file_structure == "```text\nsrc/search/\n```"
    assert [entry.violation for entry in plan.complexity] == ["A cache"]
    assert plan.extra_sections == ()
    assert plancore.emit(plan, "speckit-github") == text
    # Converted, each part is in the target's place for it.
    for target in OTHERS:
        body = _body(plancore.convert(text, target, source="speckit-github").text)
        if _holds(target, "architecture.tech_stack"):
            assert "SQLite FTS5" in body
        if _holds(target, "summary"):
            assert "Find notes by word." in body
        if _holds(target, "file_structure"):
            assert "src/search/" in body


# The section keys whose vocabulary concept has another name.
_CONCEPTS = {"risk_assessment": "risks", "testing.strategy": "testing"}


@pytest.mark.parametrize("name", ["smartspec", "maestro", "specpulse", "aadt", "speckit"])
def test_translated_headings_are_read_as_the_english_ones_in_every_format(name: str) -> None:
    # A full plan written in the format, one section heading at a time put in another language:
    # it reads as the same plan, and is still detected as the format.
    fmt = get_format(name)
    plan = restrict(attrs.evolve(filled(plancore.Plan), extra_sections=(), headings=()), fmt.holds)
    text = plancore.emit(plan, name)
    expected = attrs.evolve(plancore.parse(text, name), headings=(), source=None)
    tried = 0
    for heading in own_headings(fmt):
        concept = _CONCEPTS.get(heading.label, heading.label)
        found = re.search(rf"(?m)^(#{{2,3}} (?:\d+\.\s+)?){re.escape(heading.value)}$", text)
        if concept not in HEADINGS or found is None:
            continue
        for language in LANGUAGES:
            translated = text[: found.start()] + found.group(1) + HEADINGS[concept][language][0] + text[found.end() :]
            read = plancore.parse(translated, name)
            assert attrs.evolve(read, headings=(), source=None) == expected, (heading.value, language)
            assert plancore.detect(translated) == name
            tried += 1
    assert tried >= 4 * len(LANGUAGES)


@pytest.mark.parametrize(
    "name",
    [
        "zh-fullwidth-speckit-github",
        "ja-headings-speckit-github",
        "pt-headings-speckit-github",
        "legacy-v0-speckit-github",
        "headless-complexity-speckit-github",
    ],
)
def test_an_edit_of_a_case_touches_only_its_lines(name: str) -> None:
    text = _case(name)
    plan = plancore.parse(text, "speckit-github")
    edited = attrs.evolve(plan, summary="Changed.")
    out = plancore.emit(edited, "speckit-github")
    assert plancore.parse(out, "speckit-github") == edited
    removed = [line for line in text.split("\n") if line not in out.split("\n")]
    assert removed == [plan.summary]


# -- Phase numbering (Phase.number): a plan's own numbering is kept where the target numbers phases.

NUMBERING = ["smartspec", "maestro", "specpulse", "aadt", "speckit", "speckit-tasks"]


def _phase_headings(text: str) -> list[tuple[str, str]]:
    return re.findall(r"(?m)^#{2,4} Phase (\d+(?:\.\d+)*): (.*?)$", _body(text))


def test_specpulse_v1_plan_keeps_its_phase_numbering() -> None:
    plan = plancore.parse(_case("specpulse-v1-phases"), "specpulse")
    # Phase 0 is the author's numbering; Phase 1 after it is counted on from it.
    assert [phase.number for phase in plan.phases] == ["0", ""]


@pytest.mark.parametrize("target", NUMBERING)
def test_specpulse_v1_phase_numbering_is_written_back_where_the_target_numbers_phases(target: str) -> None:
    out = plancore.convert(_case("specpulse-v1-phases"), target, source="specpulse").text
    assert _phase_headings(out) == [("0", "Foundations"), ("1", "Purging")]
    # The appendix (the done states maestro has no place for) names the phase as the source does.
    assert not re.search(r"(?m)^#+ Phase 1: Foundations$", out)
    assert plancore.parse(out, target).phases[0].number == "0"


# A SpecPulse plan of our own whose phase headings are translated, numbered from 0 with no space
# (``フェーズ0``), a full-width colon after the number (``阶段 0``) or a dash (``Fase 0 -``).
TRANSLATED_PHASES = {
    "ja": ("フェーズ0: 基盤", "フェーズ1: 削除"),
    "zh-Hans": ("阶段 0：基础", "阶段 1：清理"),
    "pt": ("Fase 0 - Fundação", "Fase 1 - Limpeza"),
}


def _translated_phases(language: str) -> str:
    first, second = TRANSLATED_PHASES[language]
    return (
        "# Implementation Plan: Retention\n\n## Implementation Phases\n\n"
        f"### {first}\n\n#### Tasks\n1. [x] Add the column\n2. [ ] Add the endpoint\n\n"
        f"### {second}\n\n#### Tasks\n1. [ ] Purge nightly\n"
    )


@pytest.mark.parametrize("language", sorted(TRANSLATED_PHASES))
def test_translated_phase_headings_keep_their_numbers(language: str) -> None:
    text = _translated_phases(language)
    plan = plancore.parse(text, "specpulse")
    names = [heading.split(":")[-1].split("：")[-1].split(" - ")[-1].strip() for heading in TRANSLATED_PHASES[language]]
    assert [(phase.number, phase.name) for phase in plan.phases] == [("0", names[0]), ("", names[1])]
    assert plancore.emit(plan, "specpulse") == text
    # An edit of a phase touches its heading only; the number stays as written.
    edited = attrs.evolve(plan, phases=(attrs.evolve(plan.phases[0], done=True), plan.phases[1]))
    out = plancore.emit(edited, "specpulse")
    changed = [line for line in out.split("\n") if line not in text.split("\n")]
    # The author's heading gains its mark, and no template priority (``[Priority: HIGH]``) with it.
    assert changed == [f"### {TRANSLATED_PHASES[language][0]} ✅"]
    for target in ("maestro", "speckit-tasks"):
        converted = plancore.convert(text, target, source="specpulse").text
        assert _phase_headings(converted) == [("0", names[0]), ("1", names[1])]


def test_a_phase_without_a_number_counts_on_from_the_one_before() -> None:
    plan = plancore.parse(_case("specpulse-v1-phases"), "specpulse")
    added = attrs.evolve(plan, phases=(*plan.phases, plancore.Phase(name="Reporting", goal="Purge report")))
    for target in NUMBERING:
        out = plancore.emit(attrs.evolve(added, source=None), target)
        assert _phase_headings(out)[-1] == ("2", "Reporting"), target
    # A plan of phases without numbers is numbered from 1, and reads back without numbers.
    plain = plancore.Plan(phases=(plancore.Phase(name="One", goal="a"), plancore.Phase(name="Two", goal="b")))
    for target in NUMBERING:
        out = plancore.emit(plain, target)
        assert _phase_headings(out) == [("1", "One"), ("2", "Two")], target
        assert [phase.number for phase in plancore.parse(out, target).phases] == ["", ""]


# -- No template placeholder beside real content, in any target: every case x every format.


def _strings(value: object, found: set[str]) -> set[str]:
    if isinstance(value, str):
        found.add(value) if value else None
    elif isinstance(value, tuple):
        for item in value:
            _strings(item, found)
    elif attrs.has(type(value)) and not isinstance(value, plancore.Section):
        for field in attrs.fields(type(value)):
            if field.eq and not field.metadata.get("key"):
                _strings(getattr(value, field.name), found)
    return found


def _records(value: object, path: str = "") -> list[tuple[str, object]]:
    """Every item of every list of records in ``value`` (phases, decisions, risks, their steps ...)."""
    found: list[tuple[str, object]] = []
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            if attrs.has(type(item)) and not isinstance(item, plancore.Section):
                found.append((f"{path}[{index}]", item))
                found += _records(item, f"{path}[{index}]")
    elif attrs.has(type(value)) and not isinstance(value, plancore.Section):
        for field in attrs.fields(type(value)):
            if field.eq and field.name not in ("source", "extra_sections", "headings", "labels"):
                found += _records(getattr(value, field.name), f"{path}.{field.name}".lstrip("."))
    return found


CASE_NAMES = [
    "headless-complexity-speckit-github",
    "ja-headings-speckit-github",
    "legacy-v0-speckit-github",
    "pt-headings-speckit-github",
    "specpulse-v1-phases",
    "zh-fullwidth-speckit-github",
]


@pytest.mark.parametrize("target", plancore.formats())
@pytest.mark.parametrize("name", CASE_NAMES)
def test_no_template_placeholder_stands_in_a_filled_record(name: str, target: str) -> None:
    # Read as written (no placeholder taken out), a record of the output that holds real content
    # (a phase, a decision, a risk row, a step) holds none of the target template's samples.
    fmt = get_format(target)
    out = plancore.convert(_case(name), target).text
    samples = _strings(fmt.template_plan, set())
    for path, record in _records(fmt.read(out)):
        values = {
            field.name: getattr(record, field.name)
            for field in attrs.fields(type(record))
            if field.eq and not field.metadata.get("key") and isinstance(getattr(record, field.name), str)
        }
        real = {key: value for key, value in values.items() if value and value not in samples}
        placeholders = {key: value for key, value in values.items() if value in samples}
        assert not (real and placeholders), (path, placeholders, real)


def test_a_decision_without_a_title_is_named_by_its_choice() -> None:
    text = _case("legacy-v0-speckit-github")
    for target in ("maestro", "smartspec"):
        (decision,) = plancore.parse(plancore.convert(text, target).text, target).decisions
        assert decision.title == "Use a daily cron job", target
        assert decision.choice == "use a daily cron job, not a queue."


# A SpecPulse plan of our own whose phases give the priorities the template's samples give at their
# index (Phase 1 HIGH, Phase 3 MEDIUM) and one that it does not (Phase 2 LOW).
OWN_PRIORITIES = (
    "# Implementation Plan: Widget Sync\n\n## Implementation Phases\n\n"
    "### Phase 1: Setup [Priority: HIGH]\n**Timeline**: 2 days\n\n#### Tasks\n1. [ ] Create the repository\n\n"
    "### Phase 2: Sync [Priority: LOW]\n\n#### Tasks\n1. [ ] Write the sync loop\n\n"
    "### Phase 3: Polish [Priority: MEDIUM]\n\n#### Tasks\n1. [ ] Tidy the logs\n"
)


def test_a_phase_priority_equal_to_the_template_sample_is_the_authors() -> None:
    plan = plancore.parse(OWN_PRIORITIES, "specpulse")
    assert [phase.priority for phase in plan.phases] == ["HIGH", "LOW", "MEDIUM"]
    # Written from its fields alone, each phase keeps its priority, and none is added to a phase without one.
    alone = attrs.evolve(plan, source=None)
    assert plancore.parse(plancore.emit(alone, "specpulse"), "specpulse").phases == plan.phases
    bare = attrs.evolve(plan, phases=tuple(attrs.evolve(phase, priority="") for phase in plan.phases), source=None)
    assert "[Priority:" not in plancore.emit(bare, "specpulse").split("## Implementation Phases")[1].split("## Risk")[0]
    # A format without a phase's priority carries every one, reported (maestro, aadt and SmartSpec write it in
    # the phase).
    out = plancore.convert(OWN_PRIORITIES, "speckit", source="specpulse")
    assert {loss.path for loss in out.losses} >= {f"phases[{index}].priority" for index in range(3)}
    assert "Phase 1: Setup [Priority: HIGH]" in out.text and "Phase 3: Polish [Priority: MEDIUM]" in out.text
    # Renaming a phase with no priority gives it none of the template's.
    text = OWN_PRIORITIES.replace(" [Priority: LOW]", "")
    unprioritised = plancore.parse(text, "specpulse")
    phases = list(unprioritised.phases)
    phases[1] = attrs.evolve(phases[1], name="Syncing")
    edited = plancore.emit(attrs.evolve(unprioritised, phases=tuple(phases)), "specpulse")
    assert [line for line in edited.split("\n") if line not in text.split("\n")] == ["### Phase 2: Syncing"]
    # The template's own sample phases, priorities and all, still read as its placeholders.
    assert plancore.parse(template_text("specpulse"), "specpulse").phases == ()


# A SpecPulse plan of our own whose phases name the dependencies the template's samples give at their
# index (Phase 1 None, Phase 2 "Phase 1 complete").
OWN_DEPENDENCIES = (
    "# Implementation Plan: Exports\n\n## Implementation Phases\n\n"
    "### Phase 1: Schema [Priority: HIGH]\n**Timeline**: 2 days\n**Dependencies**: None\n\n"
    "#### Tasks\n1. [ ] Add the export table\n\n"
    "### Phase 2: Writer [Priority: MEDIUM]\n**Timeline**: 3 days\n**Dependencies**: Phase 1 complete\n\n"
    "#### Tasks\n1. [ ] Write the CSV rows\n"
)


def test_a_phase_dependency_equal_to_the_template_sample_is_the_authors() -> None:
    plan = plancore.parse(OWN_DEPENDENCIES, "specpulse")
    assert [phase.dependencies for phase in plan.phases] == ["None", "Phase 1 complete"]
    alone = attrs.evolve(plan, source=None)
    assert plancore.parse(plancore.emit(alone, "specpulse"), "specpulse").phases == plan.phases
    # Each format with phase dependencies writes them in their phase; they read back there.
    for target in ("aadt", "smartspec", "maestro"):
        out = plancore.convert(OWN_DEPENDENCIES, target, source="specpulse")
        read = plancore.parse(out.text, target).phases
        assert [phase.dependencies for phase in read] == ["None", "Phase 1 complete"], target
    # A phase without dependencies gets none of the template's on an edit.
    text = OWN_DEPENDENCIES.replace("**Dependencies**: Phase 1 complete\n", "")
    bare = plancore.parse(text, "specpulse")
    phases = list(bare.phases)
    phases[1] = attrs.evolve(phases[1], name="CSV writer")
    edited = plancore.emit(attrs.evolve(bare, phases=tuple(phases)), "specpulse")
    changed = [line for line in edited.split("\n") if line not in text.split("\n")]
    assert changed == ["### Phase 2: CSV writer [Priority: MEDIUM]"]
    # maestro's placeholder beside a phase's own goal stays a placeholder.
    maestro = template_text("maestro").replace("{Name}", "Schema").replace("{what this phase achieves}", "Tables")
    assert [phase.dependencies for phase in plancore.parse(maestro, "maestro").phases] == ["", ""]
